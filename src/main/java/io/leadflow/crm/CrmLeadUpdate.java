package io.leadflow.crm;

/**
 * Names shared by bpmn/CrmLeadUpdate.bpmn, the Java code and the tests: a stage change of a lead the CRM already holds
 * is sent there, also when the lead's lifecycle has ended (disqualified, lost, erased).
 */
public final class CrmLeadUpdate {

  public static final String PROCESS_KEY = "CrmLeadUpdate";

  /** Model element ids. */
  public static final class Elements {
    public static final String START_LEAD_STAGE_CHANGED = "StartEvent_LeadStageChanged";
    public static final String TASK_UPDATE_LEAD_IN_CRM = "Task_UpdateLeadInCrm";
    public static final String END_CRM_UP_TO_DATE = "EndEvent_CrmUpToDate";

    private Elements() {
    }
  }

  /** Process variables. */
  public static final class Variables {
    public static final String LEAD_ID = "leadId";
    /** The stage the lead moved to, for Cockpit; the step sends the lead as it is when it runs. */
    public static final String STAGE = "stage";

    private Variables() {
    }
  }

  private CrmLeadUpdate() {
  }
}
