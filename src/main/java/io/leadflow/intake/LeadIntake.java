package io.leadflow.intake;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.LeadLifecycle;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores a captured lead and starts its lifecycle; both commit together or not at all. */
@Service
public class LeadIntake {

  private final LeadRepository leads;
  private final RuntimeService runtime;

  LeadIntake(LeadRepository leads, RuntimeService runtime) {
    this.leads = leads;
    this.runtime = runtime;
  }

  @Transactional
  public UUID capture(NewLead input) {
    Lead lead = leads.saveAndFlush(new Lead(
        input.email().toLowerCase(Locale.ROOT),
        input.firstName(),
        input.lastName(),
        input.company(),
        input.jobTitle(),
        input.phone(),
        input.country().toUpperCase(Locale.ROOT),
        input.sourceChannel(),
        input.campaign(),
        Instant.now()));
    String leadId = lead.getId().toString();
    runtime.createMessageCorrelation(LeadLifecycle.MESSAGE_LEAD_RECEIVED)
        .processInstanceBusinessKey(leadId)
        .setVariable(LeadLifecycle.Variables.LEAD_ID, leadId)
        .correlateStartMessage();
    return lead.getId();
  }
}
