package io.leadflow.intake;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.scoring.FreeMailDomains;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores a captured lead with its first activity and starts its lifecycle; all commit together or not at all. */
@Service
public class LeadIntake {

  private final LeadRepository leads;
  private final LeadActivityRepository activities;
  private final RuntimeService runtime;

  LeadIntake(LeadRepository leads, LeadActivityRepository activities, RuntimeService runtime) {
    this.leads = leads;
    this.activities = activities;
    this.runtime = runtime;
  }

  @Transactional
  public UUID capture(NewLead input, String capturedBy) {
    Instant now = ClockUtil.now().toInstant();
    String email = input.email().toLowerCase(Locale.ROOT);
    if (leads.findByEmail(email).isPresent()) {
      throw new DuplicateLeadException(email);
    }
    Lead lead = new Lead(email, now);
    lead.describeContact(input.firstName(), input.lastName(), input.jobTitle(), input.phone(),
        input.country().toUpperCase(Locale.ROOT));
    String domain = FreeMailDomains.domainOf(email);
    lead.describeCompany(input.company(), FreeMailDomains.contains(domain) ? null : domain, name(input.industry()),
        input.companySize());
    lead.attribute(input.sourceChannel(), input.campaign(), input.asset(), input.interest());
    lead.qualify(name(input.jobLevel()), name(input.persona()), name(input.budget()), name(input.authority()),
        name(input.need()), name(input.timeframe()));
    if (Boolean.TRUE.equals(input.marketingConsent())) {
      lead.giveConsent(input.sourceChannel(), now);
    }
    leads.saveAndFlush(lead);
    recordInquiry(lead, input, now, capturedBy);

    String leadId = lead.getId().toString();
    runtime.createMessageCorrelation(LeadLifecycle.MESSAGE_LEAD_RECEIVED)
        .processInstanceBusinessKey(leadId)
        .setVariable(LeadLifecycle.Variables.LEAD_ID, leadId)
        .correlateStartMessage();
    return lead.getId();
  }

  private void recordInquiry(Lead lead, NewLead input, Instant at, String capturedBy) {
    RequestType request = input.requestType() == null ? RequestType.INQUIRY : input.requestType();
    activities.save(new LeadActivity(UUID.randomUUID(), lead, ActivityType.INQUIRY, at, capturedBy)
        .from(input.sourceChannel(), input.campaign(), input.asset())
        .about(request.name(), null, null));
    if (request.activity() != ActivityType.INQUIRY) {
      activities.save(new LeadActivity(UUID.randomUUID(), lead, request.activity(), at, capturedBy)
          .from(input.sourceChannel(), input.campaign(), input.asset()));
    }
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
