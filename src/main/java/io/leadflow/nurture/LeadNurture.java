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
  /** The re-engagement series of a dormant lead (dmn/ReEngagement.dmn), with the drip series' outputs. */
  public static final String RE_ENGAGEMENT_DECISION = "ReEngagement";

  /** Model element ids. */
  public static final class Elements {
    public static final String START_NURTURE_STARTED = "StartEvent_NurtureStarted";
    public static final String GATEWAY_DORMANT = "Gateway_Dormant";
    public static final String TASK_CHOOSE_NEXT_RE_ENGAGEMENT_STEP = "Task_ChooseNextReEngagementStep";
    public static final String EVENT_LEAD_GOES_DORMANT = "Event_LeadGoesDormant";
    public static final String GATEWAY_WAS_DORMANT = "Gateway_WasDormant";
    public static final String EVENT_LEAD_RE_ENGAGED = "Event_LeadReEngaged";
    public static final String TASK_CHOOSE_NEXT_DRIP_STEP = "Task_ChooseNextDripStep";
    public static final String TASK_PLAN_NEXT_TOUCH = "Task_PlanNextTouch";
    public static final String GATEWAY_ENGAGED_MEANWHILE = "Gateway_EngagedMeanwhile";
    public static final String GATEWAY_WAIT_FOR_ENGAGEMENT = "Gateway_WaitForEngagement";
    public static final String EVENT_NEXT_TOUCH_DUE = "Event_NextTouchDue";
    public static final String GATEWAY_WHICH_TOUCH = "Gateway_WhichTouch";
    public static final String TASK_SEND_NURTURE_EMAIL = "Task_SendNurtureEmail";
    public static final String TASK_SEND_DATED_FOLLOW_UP = "Task_SendDatedFollowUp";
    public static final String END_NURTURE_EXPIRED = "EndEvent_NurtureExpired";
    public static final String EVENT_LEAD_ENGAGED = "Event_LeadEngaged";
    public static final String TASK_FULFIL_OPEN_REQUESTS = "Task_FulfilOpenRequests";
    public static final String TASK_RESCORE_NURTURED_LEAD = "Task_RescoreNurturedLead";
    public static final String TASK_REQUALIFY_LEAD = "Task_RequalifyLead";
    public static final String END_LEAD_REQUALIFIED = "EndEvent_LeadRequalified";
    public static final String END_NURTURED_LEAD_DISQUALIFIED = "EndEvent_NurturedLeadDisqualified";

    private Elements() {
    }
  }

  /** Process variables of the nurture. */
  public static final class Variables {
    public static final String LEAD_ID = "leadId";
    /** The lead's segment, from the lifecycle: the drip series may differ by segment. */
    public static final String SEGMENT = "segment";
    /** When this nurture started: stale follow-up dates from before are not sent. */
    public static final String NURTURE_STARTED_AT = "nurtureStartedAt";
    /**
     * Whether the lead went dormant: its series is then the re-engagement series (the drip variables below hold its
     * steps), and an engagement that keeps it in nurture starts nurturing over.
     */
    public static final String DORMANT = "dormant";
    /** The number of the last drip step sent, 0 before the first. */
    public static final String DRIP_STEP = "dripStep";
    /** When the last drip step was sent (the start of nurturing before the first): the next wait counts from here. */
    public static final String LAST_DRIP_AT = "lastDripAt";
    /** The next step of the series as the drip table chose it; empty when the series is over. */
    public static final String NEXT_DRIP_STEP = "nextDripStep";
    public static final String DRIP_WAIT = "dripWait";
    public static final String DRIP_TEMPLATE = "dripTemplate";
    public static final String DRIP_ASSET = "dripAsset";
    public static final String DRIP_TOPIC = "dripTopic";
    /** Since when the lead has been quiet: its last engagement, a dated follow-up sent, or the start. */
    public static final String QUIET_SINCE = "quietSince";
    /** How many engagements the last scoring saw; more on the lead's record means it engaged meanwhile. */
    public static final String ENGAGEMENTS_SCORED = "engagementsScored";
    public static final String ENGAGED_MEANWHILE = "engagedMeanwhile";
    /** What the next touch is ({@link Touch}), when it is due, and for a dated follow-up which one. */
    public static final String NEXT_TOUCH = "nextTouch";
    public static final String NEXT_TOUCH_AT = "nextTouchAt";
    public static final String FOLLOW_UP_ID = "followUpId";
    public static final String QUALIFICATION = "qualification";
    public static final String QUALIFICATION_REASON = "qualificationReason";

    private Variables() {
    }
  }

  /**
   * The touches "Which touch?" tells apart: a step of the series (drip, or re-engagement while dormant), a dated
   * follow-up, the end of the nurture period (the lead goes dormant), the end of the re-engagement series.
   */
  public enum Touch { DRIP, FOLLOW_UP, DORMANCY, SERIES_OVER }

  private LeadNurture() {
  }
}
