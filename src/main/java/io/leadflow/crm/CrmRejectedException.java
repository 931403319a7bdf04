package io.leadflow.crm;

/**
 * The CRM refused the data (a validation rule, a duplicate rule, a bad field). Retrying the same data cannot help;
 * somebody has to fix the data.
 */
public class CrmRejectedException extends RuntimeException {

  private final String code;
  private final String field;

  public CrmRejectedException(String code, String field, String message) {
    super(message);
    this.code = code;
    this.field = field;
  }

  /** The CRM's error code, e.g. DUPLICATES_DETECTED or INVALID_FIELD. */
  public String getCode() {
    return code;
  }

  /** The field the CRM complained about, if it said. */
  public String getField() {
    return field;
  }
}
