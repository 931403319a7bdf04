package io.leadflow.mail;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.system.SideEffectIds;
import io.leadflow.system.SideEffects;
import java.util.UUID;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

/**
 * Mail to a lead: at most once per key, and logged on the lead's record once, however often the step runs. A mail the
 * server refuses for good (550 user unknown) is logged as a note instead and the step goes on: retrying cannot
 * deliver it, and an incident would stop the lead's process for one mail.
 */
@Service
public class LeadMails {

  private final MailPort mail;
  private final SideEffects sideEffects;
  private final LeadActivityRepository activities;

  LeadMails(MailPort mail, SideEffects sideEffects, LeadActivityRepository activities) {
    this.mail = mail;
    this.sideEffects = sideEffects;
    this.activities = activities;
  }

  /**
   * @param key stable across retries of the step, see {@link SideEffects#key}
   * @param subject how the lead's record names the mail
   * @param sent the record of the mail sent, given its id
   */
  public void send(String key, Lead lead, Mail message, String subject, Function<UUID, LeadActivity> sent) {
    UUID activityId = SideEffectIds.of(key);
    LeadActivity record;
    try {
      sideEffects.atMostOnce(key, () -> mail.send(message));
      record = sent.apply(activityId);
    } catch (MailRejectedException rejected) {
      record = LeadActivity.mailRejected(activityId, lead, ClockUtil.now().toInstant(), subject,
          rejected.getReason());
    }
    if (!activities.existsById(activityId)) {
      activities.save(record);
    }
  }
}
