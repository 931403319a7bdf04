package io.leadflow.crm;

/**
 * Names shared by bpmn/CrmLeadUpdate.bpmn, the Java code and the tests: a new stage or owner of a lead the CRM already
 * holds is sent there, also when the lead's lifecycle has ended (disqualified, lost, erased).
 */
public final class CrmLeadUpdate {

  public static final String PROCESS_KEY = "CrmLeadUpdate";

  /** Model element ids. */
  public static final class Elements {
    public static final String START_LEAD_CHANGED = "StartEvent_LeadChanged";
    public static final String TASK_UPDATE_LEAD_IN_CRM = "Task_UpdateLeadInCrm";
    public static final String END_CRM_UP_TO_DATE = "EndEvent_CrmUpToDate";

    private Elements() {
    }
  }

  /** Process variables. */
  public static final class Variables {
    public static final String LEAD_ID = "leadId";
    /** What changed, for Cockpit ("stage DISQUALIFIED", "owner sam"); the step sends the lead as it is when it runs. */
    public static final String CHANGE = "change";

    private Variables() {
    }
  }

  private CrmLeadUpdate() {
  }
}
