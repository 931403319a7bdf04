package io.leadflow.lifecycle;

/**
 * Names shared by the LeadLifecycle process model (bpmn/LeadLifecycle.bpmn), its forms, the Java code and the tests.
 * A name changes here and in the model together.
 */
public final class LeadLifecycle {

  public static final String PROCESS_KEY = "LeadLifecycle";

  /** Message that starts the lifecycle for a new lead; correlated by business key = lead id. */
  public static final String MESSAGE_LEAD_RECEIVED = "LeadReceived";

  /** Model element ids. */
  public static final class Elements {
    public static final String START_LEAD_RECEIVED = "StartEvent_LeadReceived";
    public static final String TASK_ACCEPT_LEAD = "Task_AcceptLead";
    public static final String END_LEAD_ACCEPTED = "EndEvent_LeadAccepted";

    private Elements() {
    }
  }

  /** Process and task variable names; the forms use the same keys. */
  public static final class Variables {
    public static final String LEAD_ID = "leadId";
    public static final String LEAD_NAME = "leadName";
    public static final String LEAD_EMAIL = "leadEmail";
    public static final String LEAD_PHONE = "leadPhone";
    public static final String LEAD_COMPANY = "leadCompany";
    public static final String LEAD_JOB_TITLE = "leadJobTitle";
    public static final String LEAD_COUNTRY = "leadCountry";
    public static final String LEAD_SOURCE = "leadSource";
    public static final String LEAD_STAGE = "leadStage";
    public static final String ACCEPT_NOTE = "acceptNote";

    private Variables() {
    }
  }

  /** Extension properties a process designer sets on model elements (Modeler: Extension properties). */
  public static final class Properties {
    /** On a milestone: the stage the lead reaches there. */
    public static final String STAGE = "stage";
    /** On a milestone: the process variable that holds the reason for the change, if any. */
    public static final String REASON_VARIABLE = "reasonVariable";

    private Properties() {
    }
  }

  private LeadLifecycle() {
  }
}
