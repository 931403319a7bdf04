package io.leadflow.nurture;

/**
 * Names shared by the LeadNurture process model (bpmn/LeadNurture.bpmn), the Java code and the tests. A name changes
 * here and in the model together.
 */
public final class LeadNurture {

  public static final String PROCESS_KEY = "LeadNurture";

  /** The nurtured lead did something (a response, a page visit, a click): re-scored and re-qualified. */
  public static final String MESSAGE_NURTURED_LEAD_ENGAGED = "NurturedLeadEngaged";

  /** The drip series (dmn/NurtureDrip.dmn). */
  public static final String DRIP_DECISION = "NurtureDrip";

  /** Model element ids. */
  public static final class Elements {
    public static final String START_NURTURE_STARTED = "StartEvent_NurtureStarted";
    public static final String GATEWAY_NURTURE_LOOP = "Gateway_NurtureLoop";
    public static final String GATEWAY_ENGAGED_MEANWHILE = "Gateway_EngagedMeanwhile";
    public static final String GATEWAY_WAIT_FOR_ENGAGEMENT = "Gateway_WaitForEngagement";
    public static final String EVENT_LEAD_ENGAGED = "Event_LeadEngaged";
    public static final String GATEWAY_ENGAGEMENT_MERGE = "Gateway_EngagementMerge";
    public static final String TASK_FULFIL_OPEN_REQUESTS = "Task_FulfilOpenRequests";
    public static final String TASK_RESCORE_NURTURED_LEAD = "Task_RescoreNurturedLead";
    public static final String TASK_REQUALIFY_LEAD = "Task_RequalifyLead";
    public static final String GATEWAY_REQUALIFIED = "Gateway_Requalified";
    public static final String END_LEAD_REQUALIFIED = "EndEvent_LeadRequalified";
    public static final String END_NURTURED_LEAD_DISQUALIFIED = "EndEvent_NurturedLeadDisqualified";
    public static final String EVENT_DRIP_STEP_DUE = "Event_DripStepDue";
    public static final String TASK_SEND_NURTURE_EMAIL = "Task_SendNurtureEmail";
    public static final String EVENT_FOLLOW_UP_DATE_REACHED = "Event_FollowUpDateReached";
    public static final String TASK_SEND_DATED_FOLLOW_UP = "Task_SendDatedFollowUp";
    public static final String GATEWAY_TOUCH_SENT = "Gateway_TouchSent";
    public static final String EVENT_NURTURE_PERIOD_OVER = "Event_NurturePeriodOver";
    public static final String END_NURTURE_EXPIRED = "EndEvent_NurtureExpired";

    private Elements() {
    }
  }

  /** Process variables of the nurture. */
  public static final class Variables {
    public static final String LEAD_ID = "leadId";
    /** When this nurture started: the drip series counts its waits from here. */
    public static final String NURTURE_STARTED_AT = "nurtureStartedAt";
    /** The number of the last drip step sent, 0 before the first. */
    public static final String DRIP_STEP = "dripStep";
    /** When the last drip step was sent. */
    public static final String LAST_DRIP_AT = "lastDripAt";
    public static final String QUALIFICATION = "qualification";
    public static final String QUALIFICATION_REASON = "qualificationReason";

    private Variables() {
    }
  }

  private LeadNurture() {
  }
}
