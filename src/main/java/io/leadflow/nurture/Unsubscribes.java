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
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A lead opts out of marketing email: recorded on the lead (when, and that consent is gone) and in its activity log.
 * Marketing mail and nurturing stop at once: every mail step checks the lead's consent when it sends, so a mail already
 * due is not sent either. What else the opt-out ends depends on the lead's stage (dmn/OptOutPolicy.dmn): where sales
 * work goes on (an accepted lead, an open opportunity) the lifecycle hears {@value
 * LeadLifecycle#MESSAGE_LEAD_OPTED_OUT} and the rep keeps the conversation; elsewhere it ends as unsubscribed ({@value
 * LeadLifecycle#MESSAGE_LEAD_UNSUBSCRIBED}), its nurturing with it.
 */
@Service
public class Unsubscribes {

  /** Which stages keep their sales work when the lead opts out of marketing email. */
  public static final String OPT_OUT_DECISION = "OptOutPolicy";

  private final LeadRepository leads;
  private final LeadActivityRepository activities;
  private final RuntimeService runtime;
  private final EngineAsSystem asSystem;
  private final DecisionService decisions;

  Unsubscribes(LeadRepository leads, LeadActivityRepository activities, RuntimeService runtime,
      EngineAsSystem asSystem, DecisionService decisions) {
    this.leads = leads;
    this.activities = activities;
    this.runtime = runtime;
    this.asSystem = asSystem;
    this.decisions = decisions;
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
      String message = keepsSalesWork(lead) ? LeadLifecycle.MESSAGE_LEAD_OPTED_OUT
          : LeadLifecycle.MESSAGE_LEAD_UNSUBSCRIBED;
      asSystem.run(() -> runtime.createMessageCorrelation(message)
          .processInstanceBusinessKey(leadId.toString()).correlateAll());
    });
    return found;
  }

  private boolean keepsSalesWork(Lead lead) {
    DmnDecisionRuleResult policy = asSystem.call(() -> decisions.evaluateDecisionTableByKey(OPT_OUT_DECISION)
        .variables(Variables.createVariables().putValue("stage", lead.getStage() == null ? null
            : lead.getStage().name()))
        .evaluate().getSingleResult());
    return policy != null && Boolean.TRUE.equals(policy.getEntry("keepsSalesWork"));
  }
}
