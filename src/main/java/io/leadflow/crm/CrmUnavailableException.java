package io.leadflow.crm;

/** The CRM could not be reached, timed out, or asked to slow down: retrying later can succeed. */
public class CrmUnavailableException extends RuntimeException {

  public CrmUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public CrmUnavailableException(String message) {
    super(message);
  }
}
