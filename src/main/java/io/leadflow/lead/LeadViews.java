package io.leadflow.lead;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Puts together a lead's detail package from its data, activity log, score, deals and stage history. */
@Service
public class LeadViews {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);
  private static final Set<ActivityType> BEHAVIOUR = EnumSet.of(ActivityType.INQUIRY, ActivityType.DEMO_REQUEST,
      ActivityType.CONTACT_REQUEST, ActivityType.PAGE_VISIT, ActivityType.PRICING_PAGE_VISIT,
      ActivityType.CONTENT_DOWNLOAD, ActivityType.WEBINAR_ATTENDED, ActivityType.EMAIL_CLICK,
      ActivityType.TRADE_SHOW_VISIT, ActivityType.REPLY);
  private static final Set<Stage> CYCLE_ENDS = EnumSet.of(Stage.WON, Stage.LOST, Stage.DISQUALIFIED, Stage.DORMANT);

  private final LeadRepository leads;
  private final LeadActivityRepository activities;
  private final ScoreReasonRepository reasons;
  private final OpportunityRepository opportunities;
  private final StageChangeRepository history;
  private final ProposedChangeRepository proposedChanges;
  private final CrmSummaries crm;

  LeadViews(LeadRepository leads, LeadActivityRepository activities, ScoreReasonRepository reasons,
      OpportunityRepository opportunities, StageChangeRepository history, ProposedChangeRepository proposedChanges,
      CrmSummaries crm) {
    this.leads = leads;
    this.activities = activities;
    this.reasons = reasons;
    this.opportunities = opportunities;
    this.history = history;
    this.proposedChanges = proposedChanges;
    this.crm = crm;
  }

  @Transactional(readOnly = true)
  public Optional<LeadView> find(UUID leadId) {
    return leads.findById(leadId).map(this::view);
  }

  private LeadView view(Lead lead) {
    List<LeadActivity> log = activities.findByLeadIdOrderByOccurredAtAsc(lead.getId());
    List<StageChange> changes = history.findByLeadIdOrderByChangedAtAscIdAsc(lead.getId());
    return new LeadView(
        lead.getId(), lead.getFullName(), lead.getFirstName(), lead.getLastName(), lead.getEmail(), lead.getPhone(),
        lead.getJobTitle(), lead.getCompany(), lead.getCompanyDomain(), lead.getCountry(), lead.getIndustry(),
        lead.getCompanySize(), lead.getSegment(),
        new LeadView.Source(lead.getSourceChannel(), lead.getCampaign(), lead.getAsset(), lead.getInterest()),
        new LeadView.Qualification(lead.getJobLevel(), lead.getPersona(), lead.getBudget(), lead.getAuthority(),
            lead.getNeed(), lead.getTimeframe()),
        new LeadView.Score(lead.getScore(), lead.getFitScore(), lead.getBehaviourScore(), lead.getFitGrade(),
            lead.getScoredAt(), reasons.findByLeadIdOrderByPositionAsc(lead.getId()).stream()
                .map(reason -> new LeadView.Reason(reason.getCategory(), reason.getPoints(), reason.getReason()))
                .toList()),
        new LeadView.Owner(lead.getTeam(), lead.getOwner()),
        new LeadView.Consent(lead.hasMarketingConsent(), lead.getConsentSource(), lead.getConsentAt(),
            lead.getUnsubscribedAt()),
        lead.getStage(), lead.getCycle(), lead.getCreatedAt(), lead.getUpdatedAt(),
        entries(log, EnumSet.of(ActivityType.EMAIL_SENT)),
        entries(log, EnumSet.of(ActivityType.CONTACT_ATTEMPT)),
        entries(log, BEHAVIOUR),
        entries(log, EnumSet.of(ActivityType.NOTE, ActivityType.OWNER_CHANGE)),
        opportunities.findByLeadIdOrderByCreatedAtAsc(lead.getId()).stream()
            .map(deal -> new LeadView.Opportunity(deal.getId(), deal.getName(), deal.getAmount(), deal.getCurrency(),
                deal.getExpectedCloseDate(), deal.getState().name(), deal.getLostReason(), deal.getLostTo(),
                deal.getClosedAt()))
            .toList(),
        changes.stream()
            .map(change -> new LeadView.StageHistoryEntry(change.getFromStage(), change.getToStage(),
                change.getChangedAt(), change.getChangedBy(), change.getReason()))
            .toList(),
        changes.stream().filter(change -> CYCLE_ENDS.contains(change.getToStage()))
            .map(change -> new LeadView.PreviousCycle(change.getToStage(), change.getChangedAt(),
                when(change.getChangedAt()), change.getReason()))
            .toList(),
        crm.summary(lead.getId()),
        proposals(lead));
  }

  /** The latest open proposal per field, while it still differs from the lead's value. */
  private List<LeadView.Proposal> proposals(Lead lead) {
    Map<String, ProposedChange> latest = new LinkedHashMap<>();
    proposedChanges.findOpen(lead.getId()).forEach(change -> latest.put(change.getField(), change));
    return latest.values().stream()
        .filter(change -> !change.getProposedValue().equals(LeadFields.value(lead, change.getField())))
        .map(change -> new LeadView.Proposal(change.getId(), change.getInquiryId(), change.getField(),
            LeadFields.value(lead, change.getField()), change.getProposedValue(), change.getProposedAt(),
            when(change.getProposedAt()), change.getProposedBy()))
        .toList();
  }

  private static List<LeadView.Entry> entries(List<LeadActivity> log, Set<ActivityType> types) {
    return log.stream().filter(activity -> types.contains(activity.getType()))
        .map(activity -> new LeadView.Entry(activity.getOccurredAt(), when(activity.getOccurredAt()),
            activity.getType().name(), activity.getSubject() == null ? activity.getAsset() : activity.getSubject(),
            activity.getOutcome(), activity.getNote(), activity.getRecordedBy()))
        .toList();
  }

  static String when(Instant at) {
    return at == null ? null : WHEN.format(at);
  }
}
