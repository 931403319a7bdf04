package io.leadflow.nurture;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.Stage;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.EngineAsSystem;
import io.leadflow.system.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Behavioural triggers: what a lead did is stored on its record and handed to its running process, which re-scores
 * it. A nurtured lead is re-qualified too, and crossing the MQL threshold ends its nurturing and makes it an MQL.
 */
@Service
public class LeadEngagement {

  /** The behaviour a client may report; the scoring table counts each. */
  public static final Set<ActivityType> REPORTABLE = EnumSet.of(ActivityType.PAGE_VISIT,
      ActivityType.PRICING_PAGE_VISIT, ActivityType.CONTENT_DOWNLOAD, ActivityType.WEBINAR_ATTENDED,
      ActivityType.EMAIL_CLICK, ActivityType.REPLY, ActivityType.TRADE_SHOW_VISIT);
  private static final Set<Stage> NURTURED = EnumSet.of(Stage.NURTURE, Stage.DORMANT);
  private static final Pattern MARKUP_OR_CONTROL = Pattern.compile("[<>\\p{Cntrl}]");
  private static final Pattern URL = Pattern.compile("https?://\\S+");

  /** Where the activity went. */
  public enum Forwarded { NURTURE, LIFECYCLE, NONE }

  /** The stored activity and where it went. */
  public record Recorded(UUID id, UUID leadId, ActivityType type, Instant occurredAt, Forwarded forwardedTo) {
  }

  private final LeadRepository leads;
  private final LeadActivityRepository activities;
  private final RuntimeService runtime;
  private final EngineAsSystem asSystem;

  LeadEngagement(LeadRepository leads, LeadActivityRepository activities, RuntimeService runtime,
      EngineAsSystem asSystem) {
    this.leads = leads;
    this.activities = activities;
    this.runtime = runtime;
    this.asSystem = asSystem;
  }

  /** @throws InvalidRequestException naming every bad field */
  public void check(ActivityReport report) {
    List<FieldProblem> problems = new ArrayList<>();
    Instant now = ClockUtil.now().toInstant();
    if (report.type() == null) {
      problems.add(new FieldProblem("type", "is required: one of " + REPORTABLE));
    } else if (!REPORTABLE.contains(report.type())) {
      problems.add(new FieldProblem("type", "must be one of " + REPORTABLE));
    }
    if (report.occurredAt() != null && (report.occurredAt().isAfter(now.plus(Duration.ofMinutes(5)))
        || report.occurredAt().isBefore(now.minus(Duration.ofDays(365))))) {
      problems.add(new FieldProblem("occurredAt", "must be within the last year and not in the future"));
    }
    if (report.url() != null && (report.url().length() > 2000 || !URL.matcher(report.url()).matches())) {
      problems.add(new FieldProblem("url", "must be an http(s) address of at most 2000 characters"));
    }
    text("subject", report.subject(), 200, problems);
    text("campaign", report.campaign(), 100, problems);
    text("asset", report.asset(), 200, problems);
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
  }

  /** Stores the activity and hands it to the lead's running nurture or lifecycle; commits with the caller. */
  @Transactional
  public Recorded record(UUID leadId, ActivityReport report, String by) {
    // reports of one lead are handled one after the other, like its responses; a nurture that is about to wait
    // either sees this report or is seen waiting by it (NurtureSchedule locks the lead too)
    Lead lead = leads.findAndLock(leadId).orElseThrow();
    Instant at = report.occurredAt() != null ? report.occurredAt() : ClockUtil.now().toInstant();
    String subject = report.subject() != null ? report.subject()
        : report.url() == null ? null : report.url().substring(0, Math.min(200, report.url().length()));
    LeadActivity activity = activities.save(new LeadActivity(UUID.randomUUID(), lead, report.type(), at, by)
        .from(null, report.campaign(), report.asset()).about(subject, null, report.url()));
    return new Recorded(activity.getId(), leadId, report.type(), at, asSystem.call(() -> forward(lead)));
  }

  /**
   * Hands a lead whose data changed (not its behaviour) to its running nurture or lifecycle, which re-score it as
   * they do after an activity; commits with the caller.
   */
  public Forwarded rescore(Lead lead) {
    return asSystem.call(() -> forward(lead));
  }

  private Forwarded forward(Lead lead) {
    String key = lead.getId().toString();
    Forwarded forwarded = Forwarded.NONE;
    // a dormant lead is in its nurture's re-engagement series
    if (NURTURED.contains(lead.getStage()) && runtime.createProcessInstanceQuery()
        .processDefinitionKey(LeadNurture.PROCESS_KEY).processInstanceBusinessKey(key).count() > 0) {
      // a nurture busy with another step finds the activity when it waits again (see "Engaged meanwhile?")
      runtime.createMessageCorrelation(LeadNurture.MESSAGE_NURTURED_LEAD_ENGAGED).processInstanceBusinessKey(key)
          .correlateAll();
      forwarded = Forwarded.NURTURE;
    } else if (runtime.createProcessInstanceQuery().processDefinitionKey(LeadLifecycle.PROCESS_KEY)
        .processInstanceBusinessKey(key).count() > 0) {
      runtime.createMessageCorrelation(LeadLifecycle.MESSAGE_LEAD_ENGAGED).processInstanceBusinessKey(key)
          .correlateAll();
      forwarded = Forwarded.LIFECYCLE;
    }
    return forwarded;
  }

  private static void text(String field, String value, int max, List<FieldProblem> problems) {
    if (value != null && (value.length() > max || MARKUP_OR_CONTROL.matcher(value).find())) {
      problems.add(new FieldProblem(field, "must be at most " + max + " characters without < > or control "
          + "characters"));
    }
  }
}
