package io.leadflow.intake;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.CurrentUser;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.mail.Mail;
import io.leadflow.mail.MailKind;
import io.leadflow.mail.MailPort;
import io.leadflow.system.SideEffectIds;
import io.leadflow.system.SideEffects;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Acknowledge and fulfil": thanks the lead at once and sends what they asked for. Sent at most once, even when the
 * step is retried; the lead's record shows what was sent and when.
 */
@Component("acknowledgeAndFulfil")
class AcknowledgeAndFulfilDelegate implements JavaDelegate {

  static final String TEMPLATE = "acknowledgement";

  private final LeadRepository leads;
  private final LeadActivityRepository activities;
  private final ContentCatalogue catalogue;
  private final MailPort mail;
  private final SideEffects sideEffects;

  AcknowledgeAndFulfilDelegate(LeadRepository leads, LeadActivityRepository activities, ContentCatalogue catalogue,
      MailPort mail, SideEffects sideEffects) {
    this.leads = leads;
    this.activities = activities;
    this.catalogue = catalogue;
    this.mail = mail;
    this.sideEffects = sideEffects;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Lead lead = leads.findById(UUID.fromString((String) execution.getVariable(LeadLifecycle.Variables.LEAD_ID)))
        .orElseThrow();
    ContentCatalogue.Content content = catalogue.forAsset(lead.getAsset());
    Map<String, Object> model = new HashMap<>();
    model.put("firstName", lead.getFirstName());
    model.put("assetTitle", content.title());
    model.put("assetUrl", content.url());
    model.put("topic", lead.getInterest());
    model.put("campaign", lead.getCampaign());
    String key = SideEffects.key(execution, TEMPLATE);
    sideEffects.atMostOnce(key,
        () -> mail.send(new Mail(lead.getEmail(), TEMPLATE, model, MailKind.TRANSACTIONAL, lead.getId())));
    UUID activityId = SideEffectIds.of(key);
    if (!activities.existsById(activityId)) {
      activities.save(new LeadActivity(activityId, lead, ActivityType.EMAIL_SENT, ClockUtil.now().toInstant(),
          CurrentUser.of(execution)).from(lead.getSourceChannel(), lead.getCampaign(), lead.getAsset())
          .about("Acknowledgement with " + content.title(), null, content.url()));
    }
  }
}
