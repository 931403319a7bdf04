package io.leadflow.nurture;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.mail.LeadMails;
import io.leadflow.mail.Mail;
import io.leadflow.mail.MailKind;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Marketing mail of the nurture: only to leads who agreed to it, at most once per step, logged on the lead (sent or
 * refused).
 */
@Component
class NurtureMails {

  private final LeadMails leadMails;

  NurtureMails(LeadMails leadMails) {
    this.leadMails = leadMails;
  }

  /** Consent given and not withdrawn, and an address to send to. */
  static boolean mayReceive(Lead lead) {
    return lead.getEmail() != null && lead.hasMarketingConsent() && lead.getUnsubscribedAt() == null
        && lead.getErasedAt() == null;
  }

  /**
   * Sends the mail unless an attempt under the same key did, logged on the lead (sent, or refused for good: then the
   * nurture goes on), see {@link LeadMails}.
   *
   * @param key stable across retries of the step, see {@link io.leadflow.system.SideEffects#key}
   * @param subject how the lead's record names the mail
   */
  void send(String key, Lead lead, String template, Map<String, Object> model, String subject, String asset,
      String url) {
    leadMails.send(key, lead, new Mail(lead.getEmail(), template, model, MailKind.MARKETING, lead.getId()), subject,
        id -> new LeadActivity(id, lead, ActivityType.EMAIL_SENT, ClockUtil.now().toInstant(), "system")
            .from(null, null, asset).about(subject, null, url));
  }
}
