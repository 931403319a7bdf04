package io.leadflow.metrics;

/**
 * Names shared by the process model bpmn/LeadProcessReview.bpmn, its form, the Java code and the tests: the
 * recurring review in which sales managers and marketing ops revisit the lead process they agreed on.
 */
public final class LeadProcessReview {

  public static final String PROCESS_KEY = "LeadProcessReview";

  /** Model element ids. */
  public static final class Elements {
    public static final String START_REVIEW_DUE = "StartEvent_ReviewDue";
    public static final String TASK_GATHER_KEY_FIGURES = "Task_GatherKeyFigures";
    public static final String TASK_REVIEW_LEAD_PROCESS = "Task_ReviewLeadProcess";
    public static final String END_PROCESS_REVIEWED = "EndEvent_ProcessReviewed";
    public static final String BOUNDARY_REVIEW_DEADLINE_PASSED = "BoundaryEvent_ReviewDeadlinePassed";
    public static final String TASK_REMIND_REVIEWERS = "Task_RemindReviewers";
    public static final String END_REVIEWERS_REMINDED = "EndEvent_ReviewersReminded";

    private Elements() {
    }
  }

  /** Process variables: the figures the form shows and the outcome it asks for. */
  public static final class Variables {
    public static final String PERIOD_FROM = "reviewPeriodFrom";
    public static final String PERIOD_TO = "reviewPeriodTo";
    /** When the review task is due (its deadline timer reminds the reviewers then) and its follow-up date. */
    public static final String DUE_AT = "reviewDueAt";
    public static final String FOLLOW_UP_AT = "reviewFollowUpAt";
    public static final String VOLUMES = "volumes";
    public static final String CONVERSIONS = "conversions";
    public static final String VELOCITY = "velocity";
    /** SLA compliance of each step over all teams, and of each step per team. */
    public static final String SLA_COMPLIANCE_BY_STEP = "slaComplianceByStep";
    public static final String SLA_COMPLIANCE = "slaCompliance";
    public static final String TOP_REASONS = "topReasons";
    public static final String SLA_TABLE = "slaTable";
    public static final String AGREED_CHANGES = "agreedChanges";
    public static final String CHANGE_SCORING = "changeScoring";
    public static final String CHANGE_ROUTING = "changeRouting";
    public static final String CHANGE_SLA = "changeSla";
    public static final String CHANGE_NURTURE = "changeNurture";
    public static final String NEXT_REVIEW_OWNER = "nextReviewOwner";

    private Variables() {
    }
  }

  private LeadProcessReview() {
  }
}
