package io.leadflow.lead;

import io.leadflow.system.EngineDataErasure;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a person's data on request: contact data and their role on the lead, free-text notes in its activity log, the
 * old and new values of its corrections, the values proposed for the lead by the landing page or machine clients, the
 * person's name in its opportunities, every mention of them in the text that stays (stage reasons, lost reasons,
 * subjects), each feature's own records of the person, Leadflow's copies of CRM data among them ({@link LeadErased}),
 * and what the process engine keeps about the lead ({@link EngineDataErasure}). The stage history, the company and the
 * channel stay, without the person, so the funnel figures stay right. See src/docs/erasure.md.
 */
@Service
public class LeadErasure {

  private final LeadRepository leads;
  private final LeadActivityRepository activities;
  private final LeadChangeRepository changes;
  private final OpportunityRepository opportunities;
  private final ProposedChangeRepository proposedChanges;
  private final EngineDataErasure engine;
  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;

  LeadErasure(LeadRepository leads, LeadActivityRepository activities, LeadChangeRepository changes,
      OpportunityRepository opportunities, ProposedChangeRepository proposedChanges,
      EngineDataErasure engine, JdbcTemplate jdbc, ApplicationEventPublisher events) {
    this.leads = leads;
    this.activities = activities;
    this.changes = changes;
    this.opportunities = opportunities;
    this.proposedChanges = proposedChanges;
    this.engine = engine;
    this.jdbc = jdbc;
    this.events = events;
  }

  @Transactional
  public void erase(UUID leadId, Instant at) {
    // the lead first, as every request and step on it locks it (system.LeadRowsFirst): no deadlock with a capture
    Lead lead = leads.findAndLock(leadId)
        .orElseThrow(() -> new IllegalStateException("Lead " + leadId + " does not exist"));
    PersonalData person = PersonalData.of(lead);
    lead.erase(at);
    activities.findByLeadIdOrderByOccurredAtAsc(leadId).forEach(LeadActivity::erase);
    changes.findByLeadId(leadId).forEach(LeadChange::erase);
    proposedChanges.deleteByLeadId(leadId);
    List<Opportunity> deals = opportunities.findByLeadIdOrderByCreatedAtAsc(leadId);
    deals.forEach(deal -> deal.erase(lead));
    // the text below is changed in the database, after the entities above are written
    leads.flush();
    eraseMentions(leadId, person.pattern());
    events.publishEvent(new LeadErased(leadId, person));
    engine.eraseAtCommit(leadId.toString());
  }

  /**
   * The person's name, email, phone or job title in text that stays, replaced by {@value PersonalData#ERASED} (cut to
   * the column's length).
   */
  private void eraseMentions(UUID leadId, String pattern) {
    if (pattern.isEmpty()) {
      return;
    }
    jdbc.update("update leadflow.lead_stage_change set reason = left(regexp_replace(reason, ?, ?, 'gi'), 500) "
        + "where lead_id = ? and reason ~* ?", pattern, PersonalData.ERASED, leadId, pattern);
    jdbc.update("update leadflow.lead_activity set subject = left(regexp_replace(subject, ?, ?, 'gi'), 200), "
        + "outcome = left(regexp_replace(outcome, ?, ?, 'gi'), 30) "
        + "where lead_id = ? and (subject ~* ? or outcome ~* ?)",
        pattern, PersonalData.ERASED, pattern, PersonalData.ERASED, leadId, pattern, pattern);
    jdbc.update("update leadflow.opportunity set lost_reason = left(regexp_replace(lost_reason, ?, ?, 'gi'), 500), "
        + "lost_to = left(regexp_replace(lost_to, ?, ?, 'gi'), 100) "
        + "where lead_id = ? and (lost_reason ~* ? or lost_to ~* ?)",
        pattern, PersonalData.ERASED, pattern, PersonalData.ERASED, leadId, pattern, pattern);
  }
}
