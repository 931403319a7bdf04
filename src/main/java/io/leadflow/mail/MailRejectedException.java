package io.leadflow.mail;

/** The mail server refused the message for good (e.g. unknown recipient): retrying cannot help. */
public class MailRejectedException extends RuntimeException {

  public MailRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
