package io.leadflow.sla;

/** The steps of the lifecycle that have a deadline in the SLA policy (dmn/SlaPolicy.dmn, input "slaStep"). */
public enum SlaStep {
  MQL_REVIEW,
  ACCEPTANCE,
  FIRST_CONTACT,
  FOLLOW_UP,
  OPPORTUNITY_STAGE,
  DATA_FIX,
  LOST_COOLING,
  NURTURE_PERIOD,
  /** Marketing ops send a printed kit (bpmn/PrintedKit.bpmn). */
  PRINTED_KIT
}
