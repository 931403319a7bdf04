package io.leadflow.enrichment;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadRepository;
import io.leadflow.system.SideEffectIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The enrichment of a lead ("Enrich lead"): fills the industry and company size the lead did not give from the
 * enrichment provider, before the lead is scored, so that the score sees them. What the lead told us is never overwritten. A provider that cannot
 * answer does not hold the lead up: the lead is scored without the facts, and its record says enrichment failed.
 */
@Component
class LeadEnrichment {

  private static final Logger LOG = LoggerFactory.getLogger(LeadEnrichment.class);

  private final LeadRepository leads;
  private final LeadActivityRepository activities;
  private final CompanyEnrichment enrichment;

  LeadEnrichment(LeadRepository leads, LeadActivityRepository activities, CompanyEnrichment enrichment) {
    this.leads = leads;
    this.activities = activities;
    this.enrichment = enrichment;
  }

  /** {@code run}: the run of the step, which writes one note however often it is retried (system.SideEffects). */
  void enrich(UUID leadId, String run) {
    Lead lead = leads.findById(leadId).orElseThrow();
    if (lead.getCompanyDomain() == null || lead.getIndustry() != null && lead.getCompanySize() != null) {
      return;
    }
    Optional<CompanyEnrichment.CompanyFacts> found;
    try {
      found = enrichment.find(lead.getCompanyDomain());
    } catch (EnrichmentUnavailableException unavailable) {
      LOG.warn("Lead {} goes on without enrichment: {}", lead.getId(), unavailable.getMessage());
      note(run, lead, "Enrichment failed; scored without it", unavailable.getMessage());
      return;
    }
    found.ifPresent(facts -> {
      List<String> filled = new ArrayList<>();
      String industry = lead.getIndustry();
      Integer size = lead.getCompanySize();
      if (industry == null && facts.industry() != null) {
        industry = facts.industry();
        filled.add("industry " + industry);
      }
      if (size == null && facts.companySize() != null) {
        size = facts.companySize();
        filled.add("company size " + size);
      }
      if (!filled.isEmpty()) {
        lead.describeCompany(lead.getCompany(), lead.getCompanyDomain(), industry, size);
        note(run, lead, "Enriched: " + String.join(", ", filled), "from the company reference of "
            + facts.domain());
      }
    });
  }

  private void note(String run, Lead lead, String subject, String note) {
    // one note per run of the step, also when the job is retried after a crash
    UUID id = SideEffectIds.of(run);
    if (!activities.existsById(id)) {
      activities.save(new LeadActivity(id, lead, ActivityType.NOTE, ClockUtil.now().toInstant(), "system")
          .about(subject.length() > 200 ? subject.substring(0, 200) : subject, null,
              note == null || note.length() <= 2000 ? note : note.substring(0, 2000)));
    }
  }
}
