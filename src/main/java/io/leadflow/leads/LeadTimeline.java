package io.leadflow.leads;

import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadChange;
import io.leadflow.lead.LeadChangeRepository;
import io.leadflow.lead.StageChange;
import io.leadflow.lead.StageChangeRepository;
import io.leadflow.sla.SlaBreach;
import io.leadflow.sla.SlaBreachRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything that happened to a lead, newest first: stage changes, what the lead did, mails sent, contact attempts,
 * notes, reassignments, corrections of its data (old and new value) and missed deadlines.
 */
@Service
class LeadTimeline {

  /** What kind of entry, for the page to mark it. */
  enum Kind { STAGE, RESPONSE, MAIL, CONTACT, NOTE, OWNER, CHANGE, DEADLINE }

  /** One entry: when, what, the detail, and who did it. */
  record Entry(Instant at, Kind kind, String title, String detail, String by) {
  }

  private final StageChangeRepository stages;
  private final LeadActivityRepository activities;
  private final LeadChangeRepository changes;
  private final SlaBreachRepository breaches;

  LeadTimeline(StageChangeRepository stages, LeadActivityRepository activities, LeadChangeRepository changes,
      SlaBreachRepository breaches) {
    this.stages = stages;
    this.activities = activities;
    this.changes = changes;
    this.breaches = breaches;
  }

  @Transactional(readOnly = true)
  List<Entry> of(UUID leadId) {
    List<Entry> entries = new ArrayList<>();
    stages.findByLeadIdOrderByChangedAtAscIdAsc(leadId).forEach(change -> entries.add(stage(change)));
    activities.findByLeadIdOrderByOccurredAtAsc(leadId).forEach(activity -> entries.add(activity(activity)));
    changes.findByLeadId(leadId).forEach(change -> entries.add(change(change)));
    breaches.findByLeadIdOrderByBreachedAtAsc(leadId).forEach(breach -> entries.add(breach(breach)));
    // newest first; of two entries at the same moment, the later-recorded kind (e.g. the stage after the response)
    entries.sort(Comparator.comparing(Entry::at).thenComparing(Entry::kind).reversed());
    return entries;
  }

  private static Entry stage(StageChange change) {
    String title = change.getFromStage() == null ? "Stage " + Labels.stage(change.getToStage())
        : "Stage " + Labels.stage(change.getFromStage()) + " \u2192 " + Labels.stage(change.getToStage());
    return new Entry(change.getChangedAt(), Kind.STAGE, title, change.getReason(), change.getChangedBy());
  }

  private static Entry activity(LeadActivity activity) {
    String by = activity.getRecordedBy();
    return switch (activity.getType()) {
      case EMAIL_SENT -> new Entry(activity.getOccurredAt(), Kind.MAIL, "Mail sent: " + text(activity.getSubject(),
          activity.getAsset()), null, by);
      case CONTACT_ATTEMPT -> new Entry(activity.getOccurredAt(), Kind.CONTACT, "Contact attempt: "
          + Labels.code(activity.getSubject()) + (activity.getOutcome() == null ? ""
          : " \u00b7 " + Labels.code(activity.getOutcome())), activity.getNote(), by);
      case NOTE -> new Entry(activity.getOccurredAt(), Kind.NOTE, activity.getSubject() == null ? "Note"
          : activity.getSubject(), activity.getNote(), by);
      case OWNER_CHANGE -> new Entry(activity.getOccurredAt(), Kind.OWNER, activity.getSubject() == null
          ? "Sent to marketing ops' review" : "Assigned to " + activity.getSubject(), activity.getNote(), by);
      case INQUIRY -> new Entry(activity.getOccurredAt(), Kind.RESPONSE, "Inquiry"
          + (activity.getChannel() == null ? "" : " via " + activity.getChannel())
          + (activity.getCampaign() == null ? "" : " (campaign " + activity.getCampaign() + ")"),
          join(activity.getSubject() == null ? null : Labels.code(activity.getSubject()), activity.getNote()), by);
      default -> new Entry(activity.getOccurredAt(), Kind.RESPONSE, Labels.code(activity.getType().name()),
          join(text(activity.getSubject(), activity.getAsset()), activity.getCampaign() == null ? null
              : "campaign " + activity.getCampaign()), by);
    };
  }

  private static Entry change(LeadChange change) {
    return new Entry(change.getChangedAt(), Kind.CHANGE, Labels.field(change.getField()) + " changed",
        Labels.value(change.getField(), change.getOldValue()) + " \u2192 "
            + Labels.value(change.getField(), change.getNewValue()), change.getChangedBy());
  }

  private static Entry breach(SlaBreach breach) {
    return new Entry(breach.getBreachedAt(), Kind.DEADLINE, "Missed deadline: " + Labels.code(breach.getStep().name()),
        "due " + Labels.when(breach.getDueAt()) + (breach.getResolvedAt() == null ? ""
            : "; done " + Labels.when(breach.getResolvedAt())), breach.getOwner() == null ? breach.getTeam()
        : breach.getOwner());
  }

  private static String text(String first, String second) {
    return first != null ? first : second;
  }

  private static String join(String first, String second) {
    if (first == null || first.isBlank()) {
      return second;
    }
    return second == null || second.isBlank() ? first : first + " \u00b7 " + second;
  }
}
