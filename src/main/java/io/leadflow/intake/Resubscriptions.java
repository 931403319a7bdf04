package io.leadflow.intake;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadRepository;
import io.leadflow.mail.LeadMails;
import io.leadflow.mail.Mail;
import io.leadflow.mail.MailKind;
import io.leadflow.mail.UnsubscribeLinks;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Double opt-in after an unsubscribe: a consent ticked again, on the landing page or anywhere else, is not given until
 * the person follows a signed link mailed to their address, within a week and before they unsubscribe again. The
 * inquiry that asked for it is the link's subject ({@link LeadIntake#CONSENT_PENDING} until confirmed); the
 * acknowledgement step mails the link with the inquiry's acknowledgement.
 */
@Service
public class Resubscriptions {

  static final String TEMPLATE = "resubscribe";
  static final String CONFIRMED = "CONFIRMED";
  static final Duration LINK_VALID_FOR = Duration.ofDays(7);
  private static final String SUBJECT = "Confirmation of the re-subscription asked for";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy").withZone(ZoneOffset.UTC);

  /** An inquiry whose consent waits for confirmation, and where it was asked for. */
  record Request(UUID inquiryId, UUID leadId, String consentSource, Instant receivedAt) {
  }

  private final JdbcTemplate jdbc;
  private final LeadRepository leads;
  private final LeadActivityRepository activities;
  private final LeadMails mails;
  private final UnsubscribeLinks links;

  Resubscriptions(JdbcTemplate jdbc, LeadRepository leads, LeadActivityRepository activities, LeadMails mails,
      UnsubscribeLinks links) {
    this.jdbc = jdbc;
    this.leads = leads;
    this.activities = activities;
    this.mails = mails;
    this.links = links;
  }

  /** Mails the link that confirms the consent asked for with the inquiry, unless the lead needs none any more. */
  void mail(Lead lead, UUID inquiryId, String channel, String campaign, String by) {
    if (lead.getUnsubscribedAt() == null || lead.getEmail() == null || lead.getErasedAt() != null) {
      return;
    }
    Map<String, Object> model = new HashMap<>();
    model.put("firstName", lead.getFirstName());
    model.put("confirmUrl", links.resubscribeUrl(inquiryId));
    model.put("validUntil", DAY.format(ClockUtil.now().toInstant().plus(LINK_VALID_FOR)));
    // the link is not kept in the log: it is the person's key to their consent
    mails.send(TEMPLATE + "/" + inquiryId, lead, new Mail(lead.getEmail(), TEMPLATE, model, MailKind.TRANSACTIONAL,
            lead.getId()), SUBJECT,
        id -> new LeadActivity(id, lead, ActivityType.EMAIL_SENT, ClockUtil.now().toInstant(), by)
            .from(channel, campaign, null).about(SUBJECT, null, null));
  }

  /** The request behind a link, while the link is good. */
  @Transactional(readOnly = true)
  public Optional<Request> open(UUID inquiryId, String token) {
    return links.verifyResubscribe(inquiryId, token) ? pending(inquiryId, false) : Optional.empty();
  }

  /**
   * Gives the consent the link confirms, from where it was asked for.
   *
   * @return the lead, now subscribed; empty when the link is not (or no longer) good
   */
  @Transactional
  public Optional<Lead> confirm(UUID inquiryId, String token) {
    if (!links.verifyResubscribe(inquiryId, token)) {
      return Optional.empty();
    }
    return pending(inquiryId, true).map(request -> {
      Lead lead = leads.findAndLock(request.leadId()).orElseThrow();
      Instant now = ClockUtil.now().toInstant();
      lead.giveConsent((request.consentSource() == null ? "" : request.consentSource() + ", ")
          + "confirmed by the link mailed on " + DAY.format(request.receivedAt()), now);
      jdbc.update("update leadflow.inquiry set consent_confirmation = ? where id = ?", CONFIRMED, inquiryId);
      activities.save(new LeadActivity(UUID.randomUUID(), lead, ActivityType.NOTE, now, "lead")
          .about("Subscribed to marketing email again", null, "Confirmed with the link mailed to the lead"));
      return lead;
    });
  }

  /**
   * A pending request whose lead is still unsubscribed since before it was made, and not erased, within the link's
   * week.
   */
  private Optional<Request> pending(UUID inquiryId, boolean lock) {
    List<Request> found = jdbc.query("select i.id, i.lead_id, i.consent_source, i.received_at "
            + "from leadflow.inquiry i join leadflow.lead l on l.id = i.lead_id "
            + "where i.id = ? and i.consent_confirmation = ? and i.received_at > ? and l.unsubscribed_at is not null "
            + "and l.unsubscribed_at < i.received_at and l.erased_at is null and l.email is not null"
            + (lock ? " for update of i" : ""),
        (row, index) -> new Request(row.getObject("id", UUID.class), row.getObject("lead_id", UUID.class),
            row.getString("consent_source"), row.getTimestamp("received_at").toInstant()),
        inquiryId, LeadIntake.CONSENT_PENDING, Timestamp.from(ClockUtil.now().toInstant().minus(LINK_VALID_FOR)));
    return found.stream().findFirst();
  }
}
