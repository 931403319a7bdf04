package io.leadflow.lifecycle;

import io.leadflow.lifecycle.LeadLifecycle.Variables;
import io.leadflow.system.ProcessCriticalVariables;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What steers the lead's lifecycle and is never a task user's to write: the lead it works on, its team and rep, its
 * stage, the decisions' results (a recycled lead's hold-off included), the CRM step to retry, and what a task's form
 * loads (its options, the attempts "no response" needs). Review MQL's team is chosen from its options only.
 */
@Component
class LifecycleCriticalVariables implements ProcessCriticalVariables {

  private static final Set<String> NAMES = Set.of(Variables.LEAD_ID, Variables.STAGE, Variables.LEAD,
      Variables.SCORE, Variables.FIT_GRADE, Variables.SEGMENT, Variables.HAND_RAISER, Variables.SEND_PRINTED_KIT,
      Variables.PRINTED_KIT_REASON, Variables.DISQUALIFIER, Variables.QUALIFICATION, Variables.QUALIFICATION_REASON,
      Variables.SALES_TEAM, Variables.SALES_REP, Variables.ROUTING_REASON, Variables.ROUTE_CLEAR, Variables.LATE_BREACH,
      Variables.TEAM_OPTIONS, Variables.TEAMMATE_OPTIONS, Variables.OPPORTUNITY_ID, Variables.CRM_ERROR_CODE,
      Variables.CRM_ERROR_MESSAGE, Variables.CRM_REFUSED_STEP, Variables.HOLD_OFF_UNTIL, Variables.MINIMUM_ATTEMPTS,
      Variables.CONTACT_ATTEMPTS);

  @Override
  public Set<String> names() {
    return NAMES;
  }
}
