package io.leadflow.crm;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.CurrentUser;
import io.leadflow.lifecycle.LeadLifecycle.Variables;
import io.leadflow.lifecycle.LeadReference;
import io.leadflow.system.SideEffectIds;
import io.leadflow.system.SideEffects;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Log contact attempt": the rep's attempt goes to the lead's record and to the CRM. */
@Component("logContactAttempt")
class LogContactAttemptDelegate implements JavaDelegate {

  private final LeadRepository leads;
  private final LeadActivityRepository activities;
  private final CrmRecords crm;

  LogContactAttemptDelegate(LeadRepository leads, LeadActivityRepository activities, CrmRecords crm) {
    this.leads = leads;
    this.activities = activities;
    this.crm = crm;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Lead lead = leads.findById(LeadReference.of(execution)).orElseThrow();
    String rep = (String) execution.getVariable(Variables.SALES_REP);
    UUID id = SideEffectIds.of(SideEffects.key(execution, "contact-attempt"));
    LeadActivity attempt = activities.findById(id).orElseGet(() -> activities.save(
        new LeadActivity(id, lead, ActivityType.CONTACT_ATTEMPT, ClockUtil.now().toInstant(),
            rep == null ? CurrentUser.of(execution) : rep)
            .about((String) execution.getVariable(Variables.CONTACT_CHANNEL),
                (String) execution.getVariable(Variables.CONTACT_OUTCOME),
                (String) execution.getVariable(Variables.CONTACT_NOTE))));
    crm.logActivity(execution, attempt, rep, "contact-attempt");
  }
}
