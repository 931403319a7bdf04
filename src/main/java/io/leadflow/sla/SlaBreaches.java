package io.leadflow.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records missed deadlines (they count against the owner in the SLA figures) and shows the ones still open as
 * incidents of type {@value #INCIDENT_TYPE} in Cockpit, resolved when the work is done.
 */
@Service
public class SlaBreaches {

  public static final String INCIDENT_TYPE = "slaBreach";

  private final SlaBreachRepository breaches;
  private final RuntimeService runtime;

  SlaBreaches(SlaBreachRepository breaches, RuntimeService runtime) {
    this.breaches = breaches;
    this.runtime = runtime;
  }

  /** Records the breach; with an execution id, also raises the incident on it. */
  @Transactional
  public SlaBreach record(SlaBreach breach, String executionId, String leadLabel) {
    breaches.save(breach);
    if (executionId != null) {
      runtime.createIncident(INCIDENT_TYPE, executionId, breach.getStep().name(), leadLabel + ": "
          + describe(breach.getStep()) + (breach.getOwner() == null ? " (no owner)" : " by " + breach.getOwner())
          + " was due " + breach.getDueAt() + ", " + late(breach.getDueAt(), breach.getBreachedAt()) + " late");
    }
    return breach;
  }

  /** The step's work is done: its open breaches and incidents in this process instance are resolved. */
  @Transactional
  public void resolve(String processInstanceId, SlaStep step, Instant now) {
    breaches.findByProcessInstanceIdAndStepAndResolvedAtIsNull(processInstanceId, step)
        .forEach(breach -> breach.resolve(now));
    for (Incident incident : runtime.createIncidentQuery().processInstanceId(processInstanceId)
        .incidentType(INCIDENT_TYPE).configuration(step.name()).list()) {
      runtime.resolveIncident(incident.getId());
    }
  }

  static String describe(SlaStep step) {
    return switch (step) {
      case MQL_REVIEW -> "review of the marketing-qualified lead";
      case ACCEPTANCE -> "acceptance";
      case FIRST_CONTACT -> "first contact";
      case FOLLOW_UP -> "follow-up cadence";
      case OPPORTUNITY_STAGE -> "progress of the opportunity";
      case DATA_FIX -> "fix of the data the CRM refused";
      case LOST_COOLING -> "cooling period";
      case NURTURE_PERIOD -> "nurture period";
      case PRINTED_KIT -> "printed kit";
    };
  }

  static String late(Instant dueAt, Instant now) {
    Duration late = Duration.between(dueAt, now);
    if (late.toDays() >= 1) {
      return late.toDays() + " day" + (late.toDays() == 1 ? "" : "s");
    }
    if (late.toHours() >= 1) {
      return late.toHours() + " hour" + (late.toHours() == 1 ? "" : "s");
    }
    return Math.max(0, late.toMinutes()) + " minutes";
  }
}
