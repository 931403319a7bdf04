package io.leadflow.system;

/** The Camunda groups Leadflow's roles are made of. Sales teams are groups too; they come from the team data. */
public final class Groups {

  public static final String ADMINS = "camunda-admin";
  public static final String MARKETING_OPS = "marketing-ops";
  /** Every sales rep, whatever the team: may use Tasklist. Which tasks a rep sees comes from the team group. */
  public static final String SALES_REPS = "sales-reps";
  public static final String SALES_MANAGERS = "sales-managers";

  private Groups() {
  }
}
