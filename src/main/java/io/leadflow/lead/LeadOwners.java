package io.leadflow.lead;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Gives leads to teams and reps: the lead's owner, the change in its log, and a {@link LeadOwnerChanged} when the
 * owner is another one. Joins the caller's transaction.
 */
@Service
public class LeadOwners {

  private final LeadActivityRepository activities;
  private final ApplicationEventPublisher events;

  LeadOwners(LeadActivityRepository activities, ApplicationEventPublisher events) {
    this.activities = activities;
    this.events = events;
  }

  /**
   * @param owner the rep, or null for the team's queue
   * @param reason why, for the lead's log
   */
  public void assign(Lead lead, String team, String owner, String by, String reason, Instant at) {
    boolean otherOwner = !Objects.equals(lead.getOwner(), owner);
    lead.assign(team, owner, at);
    activities.save(new LeadActivity(UUID.randomUUID(), lead, ActivityType.OWNER_CHANGE, at, by)
        .about(owner == null ? team : owner, null, reason));
    if (otherOwner) {
      events.publishEvent(new LeadOwnerChanged(lead));
    }
  }
}
