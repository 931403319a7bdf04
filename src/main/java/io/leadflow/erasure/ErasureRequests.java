package io.leadflow.erasure;

import io.leadflow.fulfilment.PrintedKit;
import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadErasure;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadStages;
import io.leadflow.lead.Stage;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.system.EngineAsSystem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's request to be forgotten (GDPR Art. 17), made by an admin or marketing ops on their behalf. While the
 * lead's lifecycle runs, its event sub-process "Lead erased" erases and ends it (and the nurturing it calls); a lead
 * whose lifecycle has ended is erased here, with the same {@link LeadErasure}. Either way a printed kit not yet sent is
 * withdrawn from marketing ops, and the lead's log says who asked for the erasure and why.
 */
@Service
public class ErasureRequests {

  static final String WITHDRAWN = "Lead erased: the printed kit is not to be sent";

  /** What a request did. */
  public enum Outcome {
    /** The lead had no running lifecycle and is erased now. */
    ERASED,
    /** The lifecycle's erase step is due; the job executor runs it shortly. */
    ERASURE_STARTED,
    /** An earlier request's erase step has not run yet. */
    ERASURE_PENDING,
    /** Nothing left to do. */
    ALREADY_ERASED
  }

  /** @param erasedAt when the data went; empty while the lifecycle's erase step is still due */
  public record Erasure(UUID leadId, Outcome outcome, Instant erasedAt, int printedKitsWithdrawn) {
  }

  private final LeadRepository leads;
  private final LeadActivityRepository activities;
  private final LeadErasure erasure;
  private final LeadStages stages;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final EngineAsSystem asSystem;

  ErasureRequests(LeadRepository leads, LeadActivityRepository activities, LeadErasure erasure, LeadStages stages,
      RuntimeService runtime, ManagementService management, EngineAsSystem asSystem) {
    this.leads = leads;
    this.activities = activities;
    this.erasure = erasure;
    this.stages = stages;
    this.runtime = runtime;
    this.management = management;
    this.asSystem = asSystem;
  }

  /**
   * @param reason the request it answers, at most 180 characters (the API checks): it goes to the lead's log and to
   *     the stage change
   * @return what was done; empty for an unknown lead. Asking again changes nothing.
   */
  @Transactional
  public Optional<Erasure> erase(UUID leadId, String reason, String by) {
    // after a step of the lead's process that is changing the lead now, not beside it
    Optional<Lead> found = leads.findAndLock(leadId);
    return found.map(lead -> lead.getErasedAt() != null
        ? new Erasure(leadId, Outcome.ALREADY_ERASED, lead.getErasedAt(), 0)
        : asSystem.call(() -> erase(lead, reason, by)));
  }

  private Erasure erase(Lead lead, String reason, String by) {
    UUID leadId = lead.getId();
    Instant now = ClockUtil.now().toInstant();
    int withdrawn = withdrawPrintedKits(leadId);
    List<ProcessInstance> lifecycles = runtime.createProcessInstanceQuery()
        .processDefinitionKey(LeadLifecycle.PROCESS_KEY).processInstanceBusinessKey(leadId.toString()).list();
    if (lifecycles.stream().anyMatch(this::eraseStepDue)) {
      return new Erasure(leadId, Outcome.ERASURE_PENDING, null, withdrawn);
    }
    if (!lifecycles.isEmpty()) {
      lifecycles.forEach(lifecycle -> runtime.createMessageCorrelation(LeadLifecycle.MESSAGE_LEAD_ERASED)
          .processInstanceId(lifecycle.getId()).correlate());
      record(lead, reason, by, now);
      return new Erasure(leadId, Outcome.ERASURE_STARTED, null, withdrawn);
    }
    erasure.erase(leadId, now);
    stages.move(leadId, Stage.ERASED, by, "Erasure requested: " + reason, now);
    record(lead, reason, by, now);
    return new Erasure(leadId, Outcome.ERASED, now, withdrawn);
  }

  private boolean eraseStepDue(ProcessInstance lifecycle) {
    return management.createJobQuery().processInstanceId(lifecycle.getId())
        .activityId(LeadLifecycle.Elements.TASK_ERASE_LEAD_DATA).count() > 0;
  }

  /**
   * The kit process is started by message, not called, so ending the lifecycle does not end it; its open task would
   * still show the person's details to marketing ops and invite them to post something to an erased person.
   */
  private int withdrawPrintedKits(UUID leadId) {
    List<String> kits = runtime.createProcessInstanceQuery().processDefinitionKey(PrintedKit.PROCESS_KEY)
        .processInstanceBusinessKey(leadId.toString()).list().stream().map(ProcessInstance::getId).toList();
    if (!kits.isEmpty()) {
      runtime.deleteProcessInstances(kits, WITHDRAWN, false, true);
    }
    return kits.size();
  }

  /** Written after the data went, so it survives; the reason names the request, not the person. */
  private void record(Lead lead, String reason, String by, Instant at) {
    activities.save(new LeadActivity(UUID.randomUUID(), lead, ActivityType.NOTE, at, by)
        .about("Erasure requested: " + reason, "ERASURE_REQUESTED", null));
  }
}
