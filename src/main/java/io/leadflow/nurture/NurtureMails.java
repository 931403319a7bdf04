package io.leadflow.nurture;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.mail.Mail;
import io.leadflow.mail.MailKind;
import io.leadflow.mail.MailPort;
import io.leadflow.mail.MailRejectedException;
import io.leadflow.system.SideEffectIds;
import io.leadflow.system.SideEffects;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Marketing mail of the nurture: only to leads who agreed to it, at most once per step, logged on the lead (sent or
 * refused).
 */
@Component
class NurtureMails {

  private final MailPort mail;
  private final SideEffects sideEffects;
  private final LeadActivityRepository activities;

  NurtureMails(MailPort mail, SideEffects sideEffects, LeadActivityRepository activities) {
    this.mail = mail;
    this.sideEffects = sideEffects;
    this.activities = activities;
  }

  /** Consent given and not withdrawn, and an address to send to. */
  static boolean mayReceive(Lead lead) {
    return lead.getEmail() != null && lead.hasMarketingConsent() && lead.getUnsubscribedAt() == null
        && lead.getErasedAt() == null;
  }

  /**
   * Sends the mail unless an attempt under the same key did, and records it on the lead's activity log. A mail the
   * server refuses for good (550 user unknown) is recorded as a note instead, and the nurture goes on: retrying
   * cannot deliver it, and an incident would stop the lead's nurture for a marketing mail.
   *
   * @param key stable across retries of the step, see {@link SideEffects#key}
   * @param subject how the lead's record names the mail
   */
  void send(String key, Lead lead, String template, Map<String, Object> model, String subject, String asset,
      String url) {
    UUID activityId = SideEffectIds.of(key);
    try {
      sideEffects.atMostOnce(key,
          () -> mail.send(new Mail(lead.getEmail(), template, model, MailKind.MARKETING, lead.getId())));
    } catch (MailRejectedException rejected) {
      if (!activities.existsById(activityId)) {
        activities.save(LeadActivity.mailRejected(activityId, lead, ClockUtil.now().toInstant(), subject,
            rejected.getReason()));
      }
      return;
    }
    if (!activities.existsById(activityId)) {
      activities.save(new LeadActivity(activityId, lead, ActivityType.EMAIL_SENT, ClockUtil.now().toInstant(),
          "system").from(null, null, asset).about(subject, null, url));
    }
  }
}
