package io.leadflow.lifecycle;

/**
 * Names shared by the LeadLifecycle process model (bpmn/LeadLifecycle.bpmn), its forms, the Java code and the tests.
 * A name changes here and in the model together.
 */
public final class LeadLifecycle {

  public static final String PROCESS_KEY = "LeadLifecycle";

  /** Starts the lifecycle for a new lead; business key = lead id. */
  public static final String MESSAGE_LEAD_RECEIVED = "LeadReceived";
  /** Another inquiry from a lead whose lifecycle is running (not in nurture): acknowledged and re-scored. */
  public static final String MESSAGE_INQUIRY_RECEIVED = "InquiryReceived";
  /** The lead did something that counts for its score (a page visit, a click) while not in nurture: re-scored. */
  public static final String MESSAGE_LEAD_ENGAGED = "LeadEngaged";
  /**
   * The lead opted out of marketing email where the opt-out ends its lifecycle (dmn/OptOutPolicy.dmn): the lifecycle
   * ends as Unsubscribed.
   */
  public static final String MESSAGE_LEAD_UNSUBSCRIBED = "LeadUnsubscribed";
  /** The lead opted out of marketing email while sales works it (dmn/OptOutPolicy.dmn): the sales work goes on. */
  public static final String MESSAGE_LEAD_OPTED_OUT = "LeadOptedOut";
  /** The lead asked for erasure of their data: the lifecycle erases it and ends. */
  public static final String MESSAGE_LEAD_ERASED = "LeadErased";

  /** BPMN error a CRM step throws when the CRM refuses the lead's data. */
  public static final String ERROR_CRM_REJECTED_DATA = "CrmRejectedData";

  /** Model element ids. */
  public static final class Elements {
    public static final String START_LEAD_RECEIVED = "StartEvent_LeadReceived";
    public static final String TASK_ACKNOWLEDGE_AND_FULFIL = "Task_AcknowledgeAndFulfil";
    public static final String TASK_ENRICH_LEAD = "Task_EnrichLead";
    public static final String TASK_SCORE_LEAD = "Task_ScoreLead";
    public static final String TASK_DECIDE_FULFILMENT = "Task_DecideFulfilment";
    public static final String GATEWAY_PRINTED_KIT = "Gateway_PrintedKit";
    public static final String TASK_ORDER_PRINTED_KIT = "Task_OrderPrintedKit";
    public static final String GATEWAY_PRINTED_KIT_MERGE = "Gateway_PrintedKitMerge";
    public static final String TASK_QUALIFY_LEAD = "Task_QualifyLead";
    public static final String GATEWAY_MQL_QUALIFIED = "Gateway_MqlQualified";
    public static final String EVENT_LEAD_TO_NURTURE = "Event_LeadToNurture";
    public static final String EVENT_RECYCLED_AFTER_NO_RESPONSE = "Event_RecycledAfterNoResponse";
    public static final String EVENT_RECYCLED_AFTER_COOLING = "Event_RecycledAfterCooling";
    public static final String TASK_NURTURE_LEAD = "Task_NurtureLead";
    public static final String GATEWAY_NURTURE_OUTCOME = "Gateway_NurtureOutcome";
    public static final String END_LEAD_DORMANT = "EndEvent_LeadDormant";
    public static final String EVENT_MARKETING_QUALIFIED = "Event_MarketingQualified";
    public static final String TASK_ROUTE_LEAD = "Task_RouteLead";
    public static final String GATEWAY_ROUTE_CLEAR = "Gateway_RouteClear";
    public static final String EVENT_HAND_RAISER_TO_REVIEW = "Event_HandRaiserToReview";
    public static final String TASK_REVIEW_MQL = "Task_ReviewMql";
    public static final String BOUNDARY_REVIEW_REMINDER_DUE = "BoundaryEvent_ReviewReminderDue";
    public static final String TASK_REMIND_REVIEWER = "Task_RemindReviewer";
    public static final String BOUNDARY_REVIEW_SLA_BREACHED = "BoundaryEvent_ReviewSlaBreached";
    public static final String TASK_ESCALATE_LATE_REVIEW = "Task_EscalateLateReview";
    public static final String TASK_TELL_MANAGERS_OF_LATE_REVIEW = "Task_TellManagersOfLateReview";
    public static final String GATEWAY_REVIEW_OUTCOME = "Gateway_ReviewOutcome";
    public static final String EVENT_QUALIFIED_BY_REVIEW = "Event_QualifiedByReview";
    public static final String TASK_ASSIGN_REP = "Task_AssignRep";
    public static final String GATEWAY_OFFER_LEAD = "Gateway_OfferLead";
    public static final String TASK_NOTIFY_LEAD_OWNER = "Task_NotifyLeadOwner";
    public static final String TASK_ACCEPT_LEAD = "Task_AcceptLead";
    public static final String BOUNDARY_ACCEPTANCE_REMINDER_DUE = "BoundaryEvent_AcceptanceReminderDue";
    public static final String TASK_REMIND_REP_TO_ACCEPT = "Task_RemindRepToAccept";
    public static final String BOUNDARY_ACCEPTANCE_SLA_BREACHED = "BoundaryEvent_AcceptanceSlaBreached";
    public static final String TASK_REASSIGN_LATE_LEAD = "Task_ReassignLateLead";
    public static final String TASK_TELL_MANAGER_OF_LATE_LEAD = "Task_TellManagerOfLateLead";
    public static final String GATEWAY_ACCEPT_OUTCOME = "Gateway_AcceptOutcome";
    public static final String TASK_HAND_OVER_LEAD = "Task_HandOverLead";
    public static final String GATEWAY_REJECTED_TO = "Gateway_RejectedTo";
    public static final String EVENT_SALES_ACCEPTED = "Event_SalesAccepted";
    public static final String GATEWAY_SALES_WORK_STARTS = "Gateway_SalesWorkStarts";
    public static final String TASK_SYNC_LEAD_TO_CRM = "Task_SyncLeadToCrm";
    public static final String END_LEAD_IN_CRM = "EndEvent_LeadInCrm";
    public static final String BOUNDARY_CRM_REJECTED_LEAD = "BoundaryEvent_CrmRejectedLead";
    public static final String TASK_FIX_LEAD_DATA = "Task_FixLeadData";
    public static final String BOUNDARY_DATA_FIX_SLA_BREACHED = "BoundaryEvent_DataFixSlaBreached";
    public static final String TASK_ESCALATE_LATE_DATA_FIX = "Task_EscalateLateDataFix";
    public static final String TASK_TELL_MANAGERS_OF_LATE_DATA_FIX = "Task_TellManagersOfLateDataFix";
    public static final String BOUNDARY_DATA_FIX_REMINDER_DUE = "BoundaryEvent_DataFixReminderDue";
    public static final String TASK_REMIND_TO_FIX_LEAD_DATA = "Task_RemindToFixLeadData";
    public static final String GATEWAY_RETRY_CRM_STEP = "Gateway_RetryCrmStep";
    public static final String SUBPROCESS_FOLLOW_UP_CADENCE = "SubProcess_FollowUpCadence";
    public static final String TASK_FOLLOW_UP_WITH_LEAD = "Task_FollowUpWithLead";
    public static final String TASK_LOG_CONTACT_ATTEMPT = "Task_LogContactAttempt";
    public static final String BOUNDARY_FIRST_CONTACT_SLA_BREACHED = "BoundaryEvent_FirstContactSlaBreached";
    public static final String GATEWAY_CONTACTED_YET = "Gateway_ContactedYet";
    public static final String TASK_ESCALATE_LATE_FIRST_CONTACT = "Task_EscalateLateFirstContact";
    public static final String TASK_TELL_MANAGERS_OF_LATE_FIRST_CONTACT = "Task_TellManagersOfLateFirstContact";
    public static final String BOUNDARY_FOLLOW_UP_REMINDER_DUE = "BoundaryEvent_FollowUpReminderDue";
    public static final String TASK_REMIND_REP_TO_FOLLOW_UP = "Task_RemindRepToFollowUp";
    public static final String BOUNDARY_FIRST_CONTACT_REMINDER_DUE = "BoundaryEvent_FirstContactReminderDue";
    public static final String GATEWAY_CONTACTED_BEFORE_REMINDER = "Gateway_ContactedBeforeReminder";
    public static final String END_CONTACTED_BEFORE_REMINDER = "EndEvent_ContactedBeforeReminder";
    public static final String TASK_REMIND_REP_TO_MAKE_FIRST_CONTACT = "Task_RemindRepToMakeFirstContact";
    public static final String BOUNDARY_CADENCE_OVER = "BoundaryEvent_CadenceOver";
    public static final String GATEWAY_FOLLOW_UP_RESULT = "Gateway_FollowUpResult";
    public static final String EVENT_SALES_QUALIFIED = "Event_SalesQualified";
    public static final String GATEWAY_CREATE_OPPORTUNITY_MERGE = "Gateway_CreateOpportunityMerge";
    public static final String TASK_CREATE_OPPORTUNITY = "Task_CreateOpportunity";
    public static final String BOUNDARY_CRM_REJECTED_OPPORTUNITY = "BoundaryEvent_CrmRejectedOpportunity";
    public static final String SUBPROCESS_WORK_OPPORTUNITY = "SubProcess_WorkOpportunity";
    public static final String TASK_WORK_OPPORTUNITY = "Task_WorkOpportunity";
    public static final String TASK_UPDATE_FORECAST = "Task_UpdateForecast";
    public static final String BOUNDARY_OPPORTUNITY_STALLED = "BoundaryEvent_OpportunityStalled";
    public static final String TASK_ALERT_STALLED_OPPORTUNITY = "Task_AlertStalledOpportunity";
    public static final String TASK_TELL_OWNER_OF_STALLED_OPPORTUNITY = "Task_TellOwnerOfStalledOpportunity";
    public static final String BOUNDARY_STAGE_REMINDER_DUE = "BoundaryEvent_StageReminderDue";
    public static final String TASK_REMIND_REP_TO_PROGRESS_OPPORTUNITY = "Task_RemindRepToProgressOpportunity";
    public static final String TASK_RECORD_OPPORTUNITY_OUTCOME = "Task_RecordOpportunityOutcome";
    public static final String GATEWAY_DEAL_OUTCOME = "Gateway_DealOutcome";
    public static final String END_LEAD_WON = "EndEvent_LeadWon";
    public static final String EVENT_LEAD_LOST = "Event_LeadLost";
    public static final String EVENT_COOLING_PERIOD_OVER = "Event_CoolingPeriodOver";
    public static final String EVENT_OPPORTUNITY_ON_HOLD = "Event_OpportunityOnHold";
    public static final String EVENT_REVISIT_DATE_REACHED = "Event_RevisitDateReached";
    public static final String EVENT_OPPORTUNITY_RESUMED = "Event_OpportunityResumed";
    public static final String END_LEAD_DISQUALIFIED = "EndEvent_LeadDisqualified";
    public static final String END_DISQUALIFIED_IN_NURTURE = "EndEvent_DisqualifiedInNurture";
    public static final String END_DISQUALIFIED_IN_REVIEW = "EndEvent_DisqualifiedInReview";
    public static final String END_DISQUALIFIED_BY_REP = "EndEvent_DisqualifiedByRep";
    public static final String END_DISQUALIFIED_AFTER_FOLLOW_UP = "EndEvent_DisqualifiedAfterFollowUp";
    public static final String GATEWAY_OPTED_OUT = "Gateway_OptedOut";
    public static final String END_UNSUBSCRIBED_BEFORE_NURTURE = "EndEvent_UnsubscribedBeforeNurture";
    public static final String START_OPTED_OUT_DURING_SALES_WORK = "StartEvent_OptedOutDuringSalesWork";
    public static final String END_SALES_WORK_GOES_ON = "EndEvent_SalesWorkGoesOn";
    public static final String START_LEAD_UNSUBSCRIBED = "StartEvent_LeadUnsubscribed";
    public static final String END_LEAD_UNSUBSCRIBED = "EndEvent_LeadUnsubscribed";
    public static final String START_LEAD_ERASED = "StartEvent_LeadErased";
    public static final String TASK_ERASE_LEAD_DATA = "Task_EraseLeadData";
    public static final String END_LEAD_ERASED = "EndEvent_LeadErased";
    public static final String START_NEW_INQUIRY_RECEIVED = "StartEvent_NewInquiryReceived";
    public static final String TASK_FULFIL_NEW_REQUEST = "Task_FulfilNewRequest";
    public static final String TASK_RESCORE_LEAD = "Task_RescoreLead";
    public static final String START_LEAD_ENGAGED = "StartEvent_LeadEngaged";
    public static final String TASK_RESCORE_ENGAGED_LEAD = "Task_RescoreEngagedLead";

    private Elements() {
    }
  }

  /** Process and task variable names; the forms use the same keys. */
  public static final class Variables {
    public static final String LEAD_ID = "leadId";
    /** The lead's current stage, kept by the milestones. */
    public static final String STAGE = "stage";
    /** Why the lead moves to the next milestone's stage (disqualified, recycled, lost). */
    public static final String STAGE_REASON = "stageReason";
    /** Form variable: the lead as the task's form shows it, loaded when the form opens (tasklist.LeadFormValues). */
    public static final String LEAD = "lead";
    /** A free-text note from any form, added to the lead's activity log. */
    public static final String NOTE = "note";
    /**
     * Task-local on every task about a lead, with the lead's {@link #SCORE} and {@link #STAGE} as task-local copies:
     * Tasklist's filters show them as columns, and a rep may read a task's own variables only. Kept current while
     * the task is open (LeadTaskColumns); the company is not personal data and outlives an erasure.
     */
    public static final String COMPANY = "company";

    public static final String SCORE = "score";
    public static final String FIT_GRADE = "fitGrade";
    public static final String SEGMENT = "segment";
    public static final String HAND_RAISER = "handRaiser";
    /** The fulfilment policy's answer (dmn/FulfilmentPolicy.dmn): send a printed kit by post, and why. */
    public static final String SEND_PRINTED_KIT = "sendPrintedKit";
    public static final String PRINTED_KIT_REASON = "printedKitReason";
    public static final String DISQUALIFIER = "disqualifier";
    /**
     * The day a lead sales sent back may return as an MQL, while its hold-off lasts (dmn/RecyclingHoldOff.dmn); read
     * by the qualification table.
     */
    public static final String HOLD_OFF_UNTIL = "holdOffUntil";
    public static final String QUALIFICATION = "qualification";
    public static final String QUALIFICATION_REASON = "qualificationReason";

    public static final String SALES_TEAM = "salesTeam";
    public static final String SALES_REP = "salesRep";
    public static final String ROUTING_REASON = "routingReason";
    public static final String ROUTE_CLEAR = "routeClear";
    /** The id of the missed acceptance deadline "Reassign late lead" recorded, for "Tell manager about late lead". */
    public static final String LATE_BREACH = "lateBreach";
    /** Form variable: the teams marketing ops can route to, loaded when the form opens. */
    public static final String TEAM_OPTIONS = "teamOptions";
    /** Form variable: the owner's teammates who can take the lead, loaded when the form opens. */
    public static final String TEAMMATE_OPTIONS = "teammateOptions";

    public static final String REVIEW_OUTCOME = "reviewOutcome";
    public static final String ACCEPT_OUTCOME = "acceptOutcome";
    public static final String REJECT_TO = "rejectTo";
    public static final String HAND_OVER_TO = "handOverTo";

    public static final String FOLLOW_UP_OUTCOME = "followUpOutcome";
    public static final String CONTACT_CHANNEL = "contactChannel";
    public static final String CONTACT_OUTCOME = "contactOutcome";
    public static final String CONTACT_NOTE = "contactNote";

    public static final String OPPORTUNITY_ID = "opportunityId";
    public static final String OPPORTUNITY_AMOUNT = "opportunityAmount";
    public static final String EXPECTED_CLOSE_DATE = "expectedCloseDate";
    public static final String OPPORTUNITY_OUTCOME = "opportunityOutcome";
    public static final String LOST_REASON = "lostReason";
    public static final String LOST_TO = "lostTo";
    public static final String REVISIT_ON = "revisitOn";

    /**
     * The follow-up form's corrections of the lead's data, each empty unless the rep changes the field: the new email,
     * name, company, job title and phone, and the new BANT answers (the names in intake's Budget, Authority, Need and
     * Timeframe). Applied when the task completes, then removed.
     */
    public static final String NEW_EMAIL = "newEmail";
    public static final String NEW_FIRST_NAME = "newFirstName";
    public static final String NEW_LAST_NAME = "newLastName";
    public static final String NEW_COMPANY = "newCompany";
    public static final String NEW_JOB_TITLE = "newJobTitle";
    public static final String NEW_PHONE = "newPhone";
    public static final String NEW_BUDGET = "newBudget";
    public static final String NEW_AUTHORITY = "newAuthority";
    public static final String NEW_NEED = "newNeed";
    public static final String NEW_TIMEFRAME = "newTimeframe";

    public static final String CRM_ERROR_CODE = "crmErrorCode";
    public static final String CRM_ERROR_MESSAGE = "crmErrorMessage";
    /** The CRM step that refused the data (its element id), to retry once marketing ops fixed it. */
    public static final String CRM_REFUSED_STEP = "crmRefusedStep";
    /**
     * Loaded into the form of "Follow up with lead" when it opens (formLoads {@code followUpAttempts}): the attempts
     * "no response" needs and those logged in this follow-up, so the form can say why.
     */
    public static final String MINIMUM_ATTEMPTS = "minimumAttempts";
    public static final String CONTACT_ATTEMPTS = "contactAttempts";

    private Variables() {
    }
  }

  /** Extension properties a process designer sets on model elements (Modeler: Extension properties). */
  public static final class Properties {
    /** On a milestone: the stage the lead reaches there. */
    public static final String STAGE = "stage";
    /** On a milestone: the process variable that holds the reason for the change. */
    public static final String REASON_VARIABLE = "reasonVariable";
    /** On a milestone: a fixed reason for the change. */
    public static final String REASON = "reason";
    /** On a reminder or escalation step: the SLA step it is about (see dmn/SlaPolicy.dmn). */
    public static final String SLA_STEP = "slaStep";
    /** On a milestone back to nurture: why sales recycled the lead (input of dmn/RecyclingHoldOff.dmn). */
    public static final String RECYCLED_BECAUSE = "recycledBecause";
    /** On a reminder or escalation step: the id of the user task whose deadline it watches. */
    public static final String FOR_TASK = "forTask";

    private Properties() {
    }
  }

  private LeadLifecycle() {
  }
}
