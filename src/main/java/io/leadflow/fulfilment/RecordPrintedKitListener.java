package io.leadflow.fulfilment;

import static io.leadflow.fulfilment.PrintedKit.Variables.*;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.CurrentUser;
import io.leadflow.lifecycle.LeadReference;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Completing "Send printed kit" logs on the lead what was sent, how and where, or why it was not: the rep sees it. */
@Component("recordPrintedKit")
class RecordPrintedKitListener implements TaskListener {

  private final LeadRepository leads;
  private final LeadActivityRepository activities;

  RecordPrintedKitListener(LeadRepository leads, LeadActivityRepository activities) {
    this.leads = leads;
    this.activities = activities;
  }

  @Override
  public void notify(DelegateTask task) {
    Lead lead = leads.findById(LeadReference.of(task)).orElseThrow();
    boolean sent = "SENT".equals(task.getVariable(KIT_OUTCOME));
    String subject = sent
        ? "Printed kit sent" + (task.getVariable(CARRIER) == null ? "" : " by " + task.getVariable(CARRIER))
            + (task.getVariable(TRACKING_NUMBER) == null ? "" : ", tracking " + task.getVariable(TRACKING_NUMBER))
        : "Printed kit not sent";
    String note = sent ? "To: " + task.getVariable(SHIPPING_ADDRESS) : String.valueOf(task.getVariable(
        KIT_NOT_SENT_REASON));
    activities.save(new LeadActivity(UUID.randomUUID(), lead, ActivityType.NOTE, ClockUtil.now().toInstant(),
        CurrentUser.of(task)).aboutAsFits(subject, sent ? "SENT" : "NOT_SENT", note));
  }
}
