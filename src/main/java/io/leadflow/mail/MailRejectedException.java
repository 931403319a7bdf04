package io.leadflow.mail;

/** The mail server refused the message for good (e.g. unknown recipient): retrying cannot help. */
public class MailRejectedException extends RuntimeException {

  private final String reason;

  public MailRejectedException(String message, String reason, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** What the server answered, e.g. "550 5.1.1 User unknown", or what is wrong with the address. */
  public String getReason() {
    return reason;
  }
}
