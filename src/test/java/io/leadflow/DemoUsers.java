package io.leadflow;

/** The demo profile's users as the README documents them. */
public final class DemoUsers {

  public static final String PASSWORD = "LeadflowDemo-1";
  public static final String ADMIN = "admin";
  public static final String MARKETING_OPS = "mia";
  public static final String REP_EMEA = "sam";
  public static final String REP_AMERICAS = "rita";
  public static final String MANAGER = "max";

  private DemoUsers() {
  }
}
