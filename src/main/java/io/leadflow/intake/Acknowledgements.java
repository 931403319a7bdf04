package io.leadflow.intake;

import io.leadflow.fulfilment.ContentCatalogue;
import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.Stage;
import io.leadflow.mail.LeadMails;
import io.leadflow.mail.Mail;
import io.leadflow.mail.MailKind;
import io.leadflow.sla.SlaDeadlines;
import io.leadflow.system.StaffDirectory;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The answer to a lead's responses ("Acknowledge and fulfil", and "Fulfil open requests" in nurture): thanks the lead
 * at once for every response not acknowledged yet and answers what they asked for: a demo or contact request with
 * who will call and by when (the rep once one has the lead, and the SLA's latest moment), a download with the asset,
 * personalised by their interest; a response that asked for emails again after an unsubscribe also gets the link
 * that confirms it ({@link Resubscriptions}). Each mail goes at most once, even when the step is retried, and the lead's record shows
 * what was sent and when, or that the mail server refused the address for good. A response that asked for nothing (a
 * list row) or a lead without email gets no mail.
 */
@Component
class Acknowledgements {

  static final String TEMPLATE = "acknowledgement";

  /** How the call-back time reads in the mail, e.g. "Tuesday 24 November, 11:00 Central European Standard Time". */
  private static final DateTimeFormatter CALL_BACK_TIME = DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm zzzz",
      Locale.ENGLISH);
  /** The stages in which a rep has accepted the lead: only the first contact is left before the call. */
  private static final Set<Stage> ACCEPTED = EnumSet.of(Stage.SAL, Stage.SQL, Stage.ON_HOLD);

  private final LeadRepository leads;
  private final ContentCatalogue catalogue;
  private final LeadMails leadMails;
  private final SlaDeadlines deadlines;
  private final StaffDirectory staff;
  private final Resubscriptions resubscriptions;
  private final JdbcTemplate jdbc;

  Acknowledgements(LeadRepository leads, ContentCatalogue catalogue, LeadMails leadMails,
      SlaDeadlines deadlines, StaffDirectory staff, Resubscriptions resubscriptions, JdbcTemplate jdbc) {
    this.leads = leads;
    this.catalogue = catalogue;
    this.leadMails = leadMails;
    this.deadlines = deadlines;
    this.staff = staff;
    this.resubscriptions = resubscriptions;
    this.jdbc = jdbc;
  }

  /** A response waiting for its acknowledgement. */
  private record OpenRequest(UUID id, String channel, String campaign, String asset, String interest,
      RequestType type, String consentConfirmation) {

    /** A demo or contact request: the lead waits for a call. */
    boolean isCallBack() {
      return type == RequestType.DEMO || type == RequestType.CONTACT;
    }
  }

  /** Acknowledges and answers the lead's responses not acknowledged yet, as the step of the user (or the system). */
  void acknowledgeOpenRequests(UUID leadId, String by) {
    Lead lead = leads.findById(leadId).orElseThrow();
    List<OpenRequest> open = jdbc.query("select id, channel, campaign, asset, interest, request_type, "
            + "consent_confirmation from leadflow.inquiry where lead_id = ? and acknowledged_at is null "
            + "order by received_at for update",
        (row, index) -> new OpenRequest(row.getObject("id", UUID.class), row.getString("channel"),
            row.getString("campaign"), row.getString("asset"), row.getString("interest"),
            RequestType.valueOf(row.getString("request_type")), row.getString("consent_confirmation")),
        lead.getId());
    for (OpenRequest request : open) {
      if (lead.getEmail() != null && lead.getErasedAt() == null) {
        acknowledge(lead, request, by);
        if (LeadIntake.CONSENT_PENDING.equals(request.consentConfirmation())) {
          resubscriptions.mail(lead, request.id(), request.channel(), request.campaign(), by);
        }
      }
      jdbc.update("update leadflow.inquiry set acknowledged_at = ? where id = ?",
          Timestamp.from(ClockUtil.now().toInstant()), request.id());
    }
  }

  private void acknowledge(Lead lead, OpenRequest request, String by) {
    ContentCatalogue.Content content = catalogue.forAsset(request.asset());
    Map<String, Object> model = new HashMap<>();
    model.put("firstName", lead.getFirstName());
    model.put("assetTitle", content.title());
    model.put("assetUrl", content.url());
    model.put("topic", request.interest() != null ? request.interest() : lead.getInterest());
    String subject;
    if (request.isCallBack()) {
      String callBackBy = deadlines.callBackBy(lead.getTeam(), lead.getSegment(), ACCEPTED.contains(lead.getStage()),
          ClockUtil.now().toInstant()).format(CALL_BACK_TIME);
      String rep = staff.nameOf(lead.getOwner());
      model.put("request", request.type().name());
      model.put("callBackBy", callBackBy);
      model.put("repName", rep);
      model.put("phone", lead.getPhone());
      subject = "Acknowledgement of the " + (request.type() == RequestType.DEMO ? "demo" : "contact") + " request: "
          + (rep == null ? "sales" : rep) + " to call by " + callBackBy;
    } else {
      subject = "Acknowledgement with " + content.title();
    }
    // keyed by the response, not the job: a response is acknowledged once whichever step gets to it; an address
    // refused for good is noted and the lead goes on to scoring and routing
    leadMails.send(TEMPLATE + "/" + request.id(), lead,
        new Mail(lead.getEmail(), TEMPLATE, model, MailKind.TRANSACTIONAL, lead.getId()), subject,
        id -> new LeadActivity(id, lead, ActivityType.EMAIL_SENT, ClockUtil.now().toInstant(),
            by).from(request.channel(), request.campaign(), request.asset())
            .about(subject, null, content.url()));
  }
}
