package io.leadflow.mail;

/** The mail server could not take the message now: retrying later can succeed. */
public class MailUnavailableException extends RuntimeException {

  public MailUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
