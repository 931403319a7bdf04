package io.leadflow.scoring;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadDetailsChanged;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.ScoreReason;
import io.leadflow.lead.ScoreReasonRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scores a lead with the decision tables marketing and sales agreed on: dmn/LeadScoring.dmn (points and reasons,
 * hit policy COLLECT), dmn/LeadSegment.dmn and dmn/FitGrade.dmn. Java only gathers the facts the tables read, e.g.
 * how many days ago the lead last visited the pricing page; the tables decide what they are worth.
 */
@Service
public class LeadScoring {

  public static final String SCORING_DECISION = "LeadScoring";
  public static final String SEGMENT_DECISION = "LeadSegment";
  public static final String GRADE_DECISION = "FitGrade";

  static final String FIT = "FIT";
  static final String BEHAVIOUR = "BEHAVIOUR";
  static final String HAND_RAISER = "HAND_RAISER";
  static final String DISQUALIFIER = "DISQUALIFIER";
  private static final Set<ActivityType> HAND_RAISING = EnumSet.of(ActivityType.DEMO_REQUEST,
      ActivityType.CONTACT_REQUEST);

  private final DecisionService decisions;
  private final LeadRepository leads;
  private final LeadActivityRepository activities;
  private final ScoreReasonRepository reasons;
  private final ApplicationEventPublisher events;

  LeadScoring(DecisionService decisions, LeadRepository leads, LeadActivityRepository activities,
      ScoreReasonRepository reasons, ApplicationEventPublisher events) {
    this.decisions = decisions;
    this.leads = leads;
    this.activities = activities;
    this.reasons = reasons;
    this.events = events;
  }

  /**
   * Scores the lead as of {@code now} and stores the score and its explanation on the lead; what shows the score
   * follows ({@link LeadDetailsChanged}).
   */
  @Transactional
  public LeadScore scoreAndRecord(UUID leadId, Instant now) {
    Lead lead = leads.findById(leadId)
        .orElseThrow(() -> new IllegalStateException("Lead " + leadId + " does not exist"));
    LeadScore score = score(lead, activities.findByLeadIdOrderByOccurredAtAsc(leadId), now);
    lead.recordScore(score.fit(), score.behaviour(), score.grade(), score.segment(), now);
    reasons.deleteByLeadId(leadId);
    List<ScoreReason> rows = new ArrayList<>();
    for (int i = 0; i < score.reasons().size(); i++) {
      LeadScore.Reason reason = score.reasons().get(i);
      rows.add(new ScoreReason(leadId, i + 1, reason.category(), reason.points(), reason.reason()));
    }
    reasons.saveAll(rows);
    events.publishEvent(new LeadDetailsChanged(leadId));
    return score;
  }

  LeadScore score(Lead lead, List<LeadActivity> history, Instant now) {
    VariableMap facts = facts(lead, history, now);
    List<LeadScore.Reason> matched = new ArrayList<>();
    for (Map<String, Object> rule : decisions.evaluateDecisionTableByKey(SCORING_DECISION).variables(facts)
        .evaluate().getResultList()) {
      matched.add(new LeadScore.Reason((String) rule.get("scoreCategory"),
          ((Number) rule.get("scorePoints")).intValue(), (String) rule.get("scoreReason")));
    }
    int fit = sum(matched, Set.of(FIT, DISQUALIFIER));
    int behaviour = sum(matched, Set.of(BEHAVIOUR, HAND_RAISER));
    String segment = single(SEGMENT_DECISION, Variables.createVariables().putValue("companySize",
        lead.getCompanySize()), "segment");
    String grade = single(GRADE_DECISION, Variables.createVariables().putValue("fitScore", fit), "fitGrade");
    boolean handRaiser = matched.stream().anyMatch(reason -> HAND_RAISER.equals(reason.category()));
    String disqualifier = matched.stream().filter(reason -> DISQUALIFIER.equals(reason.category()))
        .map(LeadScore.Reason::reason).findFirst().orElse(null);
    return new LeadScore(fit, behaviour, grade, segment, handRaiser, disqualifier, List.copyOf(matched),
        holdOffUntil(lead, history, now));
  }

  /** A hold-off ends early when the lead raises its hand again: a demo or contact request after sales sent it back. */
  private static String holdOffUntil(Lead lead, List<LeadActivity> history, Instant now) {
    if (!lead.isHeldOffAt(now) || history.stream().anyMatch(activity -> HAND_RAISING.contains(activity.getType())
        && activity.getOccurredAt().isAfter(lead.getHoldOffFrom()))) {
      return null;
    }
    return lead.getHoldOffUntil().atZone(ZoneOffset.UTC).toLocalDate().toString();
  }

  private VariableMap facts(Lead lead, List<LeadActivity> history, Instant now) {
    Behaviour behaviour = new Behaviour(history, now);
    return Variables.createVariables()
        .putValue("industry", lead.getIndustry())
        .putValue("companySize", lead.getCompanySize())
        .putValue("companyDomain", lead.getCompanyDomain())
        .putValue("country", lead.getCountry())
        .putValue("jobTitle", lead.getJobTitle())
        .putValue("firstName", lead.getFirstName())
        .putValue("lastName", lead.getLastName())
        .putValue("jobLevel", lead.getJobLevel())
        .putValue("persona", lead.getPersona())
        .putValue("budget", lead.getBudget())
        .putValue("authority", lead.getAuthority())
        .putValue("need", lead.getNeed())
        .putValue("timeframe", lead.getTimeframe())
        .putValue("freeMailAddress", FreeMailDomains.contains(FreeMailDomains.domainOf(lead.getEmail())))
        .putValue("unsubscribed", lead.getUnsubscribedAt() != null)
        .putValue("daysSinceDemoRequest",
            behaviour.daysSinceLatest(HAND_RAISING))
        .putValue("pricingVisitsLast30Days", behaviour.countWithin(ActivityType.PRICING_PAGE_VISIT, 30))
        .putValue("daysSincePricingVisit", behaviour.daysSinceLatest(EnumSet.of(ActivityType.PRICING_PAGE_VISIT)))
        .putValue("pageVisitsLast30Days", behaviour.countWithin(ActivityType.PAGE_VISIT, 30))
        .putValue("downloadsLast90Days", behaviour.countWithin(ActivityType.CONTENT_DOWNLOAD, 90))
        .putValue("daysSinceDownload", behaviour.daysSinceLatest(EnumSet.of(ActivityType.CONTENT_DOWNLOAD)))
        .putValue("webinarsLast90Days", behaviour.countWithin(ActivityType.WEBINAR_ATTENDED, 90))
        .putValue("emailClicksLast30Days", behaviour.countWithin(ActivityType.EMAIL_CLICK, 30))
        .putValue("repliesLast90Days", behaviour.countWithin(ActivityType.REPLY, 90))
        .putValue("daysSinceTradeShowVisit", behaviour.daysSinceLatest(EnumSet.of(ActivityType.TRADE_SHOW_VISIT)));
  }

  private String single(String decision, VariableMap variables, String output) {
    DmnDecisionRuleResult result = decisions.evaluateDecisionTableByKey(decision).variables(variables)
        .evaluate().getSingleResult();
    if (result == null || result.getEntry(output) == null) {
      throw new IllegalStateException("Decision " + decision + " gives no " + output + " for " + variables);
    }
    return result.getEntry(output);
  }

  private static int sum(List<LeadScore.Reason> reasons, Set<String> categories) {
    return reasons.stream().filter(reason -> categories.contains(reason.category()))
        .mapToInt(LeadScore.Reason::points).sum();
  }

  /** Counts and ages of the lead's behavioural activity, as of one instant. */
  private record Behaviour(List<LeadActivity> history, Instant now) {

    Integer daysSinceLatest(Set<ActivityType> types) {
      return history.stream().filter(activity -> types.contains(activity.getType()))
          .map(activity -> (int) Duration.between(activity.getOccurredAt(), now).toDays())
          .min(Integer::compare).orElse(null);
    }

    int countWithin(ActivityType type, int days) {
      return (int) history.stream()
          .filter(activity -> activity.getType() == type)
          .filter(activity -> Duration.between(activity.getOccurredAt(), now).toDays() <= days)
          .count();
    }
  }
}
