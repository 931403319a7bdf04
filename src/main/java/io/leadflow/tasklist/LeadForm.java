package io.leadflow.tasklist;

import io.leadflow.lead.LeadView;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The lead as a task's form shows it (form variable "lead"): what the rep reads rather than what Leadflow stores,
 * with labels instead of codes, dates in the owning team's time zone, and the phone and email as links. Text that
 * the forms put into Markdown is escaped there, so that what a person typed into a web form shows as typed and never
 * as a link or a heading. {@code unsubscribedOn} is set only for a lead who opted out of marketing mail: its sales
 * work goes on, and the form tells the rep to send no marketing material.
 */
record LeadForm(
    UUID id, String name, String headline, String reach, String phone, String email, String company,
    String stage, String segment, Score score, String owner, String source, String consent, String unsubscribedOn,
    String attempts,
    Qualification qualification, List<Entry> sent, List<Entry> contactAttempts, List<Entry> activities,
    List<Entry> notes, List<PreviousCycle> previousCycles) {

  private static final Pattern MARKDOWN = Pattern.compile("([\\\\`*_{}\\[\\]()#+\\-.!|<>~])");
  /** Entries whose subject is a code: a contact attempt's channel, an inquiry's request type. */
  private static final Set<String> CODED_SUBJECTS = Set.of("CONTACT_ATTEMPT", "INQUIRY");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

  /** The score and why: "Score 60 · grade A (fit 45, behaviour 15)". */
  record Score(Integer total, String summary, List<Reason> reasons) {
  }

  record Reason(int points, String reason, String category) {
  }

  /** The buying situation the lead told: each answer as a label, "Not asked" when nobody asked. */
  record Qualification(String budget, String authority, String need, String timeframe, String jobLevel,
      String persona) {
  }

  /** One line of the lead's record, as the form's tables show it. */
  record Entry(String when, String type, String subject, String outcome, String note, String by) {
  }

  record PreviousCycle(String ended, String when, String reason) {
  }

  /**
   * @param owner who holds the lead now, e.g. "Sam Weber (EMEA)" or "the queue of EMEA"
   * @param zone the time zone of the team that owns the lead, or of marketing ops
   */
  static LeadForm of(LeadView lead, String owner, ZoneId zone) {
    String name = lead.name() == null || lead.name().isBlank() ? null : lead.name();
    return new LeadForm(lead.id(),
        markdown(name != null ? name : "Name not known"),
        headline(lead),
        reach(lead),
        lead.phone(),
        lead.email(),
        lead.company(),
        Labels.of(lead.stage()),
        Labels.of(lead.segment(), "Not known"),
        score(lead.score()),
        markdown(owner),
        markdown(joined(" · ", Labels.of(lead.source().channel()),
            lead.source().campaign() == null ? null : "campaign " + lead.source().campaign(),
            lead.source().asset() == null ? null : "asked for " + lead.source().asset(),
            lead.source().interest() == null ? null : "interest: " + lead.source().interest())),
        consent(lead.consent(), zone),
        when(lead.consent().unsubscribedAt(), zone),
        attempts(lead.contactAttempts().size()),
        new Qualification(Labels.of(lead.qualification().budget(), "Not asked"),
            Labels.of(lead.qualification().authority(), "Not asked"),
            Labels.of(lead.qualification().need(), "Not asked"),
            Labels.of(lead.qualification().timeframe(), "Not asked"),
            Labels.of(lead.qualification().jobLevel(), "Not given"),
            Labels.of(lead.qualification().persona(), "Not given")),
        entries(lead.sent(), zone),
        entries(lead.contactAttempts(), zone),
        entries(lead.activities(), zone),
        entries(lead.notes(), zone),
        lead.previousCycles().stream()
            .map(cycle -> new PreviousCycle(Labels.of(cycle.ended()), when(cycle.at(), zone), cycle.reason()))
            .toList());
  }

  /** "Chief Chronometrist at **Chronos Instruments** (chronos.example) · Software · 400 employees · Japan" */
  private static String headline(LeadView lead) {
    String company = lead.company() == null ? null : "**" + markdown(lead.company()) + "**"
        + (lead.companyDomain() == null ? "" : " (" + markdown(lead.companyDomain()) + ")");
    String role = lead.jobTitle() == null ? company
        : company == null ? markdown(lead.jobTitle()) : markdown(lead.jobTitle()) + " at " + company;
    return joined(" · ", role, Labels.of(lead.industry()),
        lead.companySize() == null ? null : lead.companySize() + " employees", country(lead.country()));
  }

  /** The phone and email as links a click dials or writes to. */
  private static String reach(LeadView lead) {
    String phone = lead.phone() == null ? null
        : "[" + markdown(lead.phone()) + "](tel:" + lead.phone().replaceAll("[^+0-9]", "") + ")";
    String email = lead.email() == null ? null
        : "[" + markdown(lead.email()) + "](mailto:" + lead.email().replace(" ", "%20") + ")";
    String both = joined(" · ", phone == null ? null : "Phone " + phone, email == null ? null : "Email " + email);
    return both == null ? "No phone or email on record" : both;
  }

  private static Score score(LeadView.Score score) {
    String summary = score.total() == null ? "Not scored yet"
        : "Score " + score.total() + " · grade " + score.grade() + " (fit " + score.fit() + ", behaviour "
            + score.behaviour() + ")";
    return new Score(score.total(), summary, score.reasons().stream()
        .map(reason -> new Reason(reason.points(), reason.reason(), Labels.of(reason.category())))
        .toList());
  }

  private static String consent(LeadView.Consent consent, ZoneId zone) {
    if (consent.unsubscribedAt() != null) {
      return "No: unsubscribed on " + when(consent.unsubscribedAt(), zone);
    }
    if (!consent.marketing()) {
      return "No";
    }
    return joined(", ", "Yes", consent.givenAt() == null ? null : "since " + when(consent.givenAt(), zone),
        consent.source() == null ? null : markdown(consent.source()));
  }

  private static String attempts(int count) {
    return switch (count) {
      case 0 -> "No contact attempt logged yet";
      case 1 -> "1 contact attempt logged";
      default -> count + " contact attempts logged";
    };
  }

  private static List<Entry> entries(List<LeadView.Entry> entries, ZoneId zone) {
    return entries.stream().map(entry -> new Entry(when(entry.at(), zone), Labels.of(entry.type()),
        CODED_SUBJECTS.contains(entry.type()) ? Labels.of(entry.subject()) : entry.subject(),
        Labels.of(entry.outcome()), entry.note(), entry.by())).toList();
  }

  private static String country(String code) {
    if (code == null) {
      return null;
    }
    String name = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
    return name.isEmpty() || name.equals(code) ? code : name;
  }

  static String when(Instant at, ZoneId zone) {
    return at == null ? null : WHEN.format(at.atZone(zone));
  }

  private static String joined(String separator, String... parts) {
    String text = Stream.of(parts).filter(Objects::nonNull).filter(part -> !part.isBlank())
        .collect(Collectors.joining(separator));
    return text.isEmpty() ? null : text;
  }

  /** Text as Markdown shows it literally. */
  static String markdown(String text) {
    return text == null ? null : MARKDOWN.matcher(text).replaceAll("\\\\$1");
  }
}
