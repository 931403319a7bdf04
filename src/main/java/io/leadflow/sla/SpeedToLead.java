package io.leadflow.sla;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.Stage;
import io.leadflow.lead.StageChangeRepository;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * When a hand-raiser's speed-to-lead clock started: at its latest demo or contact request, so that acceptance and first
 * contact count together. A request an earlier acceptance already answered starts nothing; marketing ops' review of a
 * hand-raiser has a deadline of its own, so a lead they route starts the clock again.
 */
@Component
class SpeedToLead {

  private static final Set<ActivityType> HAND_RAISING = EnumSet.of(ActivityType.DEMO_REQUEST,
      ActivityType.CONTACT_REQUEST);

  private final LeadActivityRepository activities;
  private final StageChangeRepository stageChanges;

  SpeedToLead(LeadActivityRepository activities, StageChangeRepository stageChanges) {
    this.activities = activities;
    this.stageChanges = stageChanges;
  }

  /**
   * @param routedByReview when marketing ops last routed the lead after a review, or null
   * @param otherwise when the step started: the clock's start when no request applies
   */
  Instant startedAt(UUID leadId, Instant routedByReview, Instant otherwise) {
    Instant request = activities.latest(leadId, HAND_RAISING);
    if (request == null || request.isAfter(otherwise)
        // this acceptance is one entry into SAL; another one since the request answered it
        || stageChanges.countEnteredSince(leadId, Stage.SAL, request) > 1) {
      return otherwise;
    }
    return routedByReview != null && routedByReview.isAfter(request) ? routedByReview : request;
  }
}
