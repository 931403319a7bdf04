package io.leadflow.nurture;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.system.EngineAsSystem;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A lead opts out of marketing email: recorded on the lead (when, and that consent is gone) and in its activity log,
 * and its lifecycle ends (message {@value LeadLifecycle#MESSAGE_LEAD_UNSUBSCRIBED}), which ends its nurturing with it.
 * Every mail step checks the lead's consent when it sends, so a mail already due is not sent either.
 */
@Service
public class Unsubscribes {

  private final LeadRepository leads;
  private final LeadActivityRepository activities;
  private final RuntimeService runtime;
  private final EngineAsSystem asSystem;

  Unsubscribes(LeadRepository leads, LeadActivityRepository activities, RuntimeService runtime,
      EngineAsSystem asSystem) {
    this.leads = leads;
    this.activities = activities;
    this.runtime = runtime;
    this.asSystem = asSystem;
  }

  /** @return the lead, now unsubscribed; empty for an unknown lead. Unsubscribing twice changes nothing. */
  @Transactional
  public Optional<Lead> unsubscribe(UUID leadId, String via) {
    // after a step of the lead's process that is changing it now, not beside it (which would fail on its changes)
    Optional<Lead> found = leads.findAndLock(leadId);
    found.filter(lead -> lead.getUnsubscribedAt() == null).ifPresent(lead -> {
      Instant now = ClockUtil.now().toInstant();
      lead.unsubscribe(now);
      activities.save(new LeadActivity(UUID.randomUUID(), lead, ActivityType.NOTE, now, "lead")
          .about("Unsubscribed from marketing email", null, via));
      asSystem.run(() -> runtime.createMessageCorrelation(LeadLifecycle.MESSAGE_LEAD_UNSUBSCRIBED)
          .processInstanceBusinessKey(leadId.toString()).correlateAll());
    });
    return found;
  }
}
