package io.leadflow.crm;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadErased;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.Opportunity;
import io.leadflow.lead.OpportunityRepository;
import io.leadflow.lead.PersonalData;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Right to erasure in Leadflow's own copies of CRM data, as on the lead: the built-in CRM's records and the
 * descriptions of the links to Salesforce records, whichever CRM is configured now (after a switch the other one's
 * rows are still there). Runs in the erasure's transaction ({@link LeadErased}). The records in Salesforce itself
 * are not changed.
 */
@Component
class CrmErasure {

  private final LeadRepository leads;
  private final OpportunityRepository opportunities;
  private final JdbcTemplate jdbc;

  CrmErasure(LeadRepository leads, OpportunityRepository opportunities, JdbcTemplate jdbc) {
    this.leads = leads;
    this.opportunities = opportunities;
    this.jdbc = jdbc;
  }

  /** The lead and its opportunities are already erased; any mention of the person in the text that stays goes too. */
  @EventListener
  void erase(LeadErased erased) {
    Lead lead = leads.findById(erased.leadId()).orElseThrow();
    List<Opportunity> deals = opportunities.findByLeadIdOrderByCreatedAtAsc(lead.getId());
    PersonalData person = erased.person();
    jdbc.update("""
        update leadflow.crm_lead set email = ?, first_name = null, last_name = null, job_title = null, phone = null,
            updated_at = now()
        where external_id = ?""", lead.getEmail(), lead.getId());
    jdbc.update("update leadflow.crm_activity set note = null, updated_at = now() where lead_external_id = ?",
        lead.getId());
    jdbc.update("update leadflow.crm_link set description = ?, updated_at = now() where external_id = ?",
        SalesforceCrm.describe(new CrmLead(lead.getId(), lead.getEmail(), lead.getFirstName(), lead.getLastName(),
            lead.getCompany(), null, null, null, null, null, lead.getStage() == null ? null : lead.getStage().name(),
            null, null)), lead.getId());
    for (Opportunity deal : deals) {
      jdbc.update("update leadflow.crm_opportunity set name = ?, updated_at = now() where external_id = ?",
          deal.getName(), deal.getId());
      jdbc.update("update leadflow.crm_link set description = ?, updated_at = now() where external_id = ?",
          SalesforceCrm.describe(new CrmOpportunity(deal.getId(), lead.getId(), deal.getName(), deal.getAmount(),
              deal.getCurrency(), null, deal.getState().name(), null, deal.getLostTo(), null)), deal.getId());
    }
    String pattern = person.pattern();
    if (pattern.isEmpty()) {
      return;
    }
    jdbc.update("update leadflow.crm_activity set subject = left(regexp_replace(subject, ?, ?, 'gi'), 255) "
        + "where lead_external_id = ? and subject ~* ?", pattern, PersonalData.ERASED, lead.getId(), pattern);
    jdbc.update("""
        update leadflow.crm_opportunity set lost_reason = left(regexp_replace(lost_reason, ?, ?, 'gi'), 500),
            lost_to = left(regexp_replace(lost_to, ?, ?, 'gi'), 200)
        where lead_external_id = ? and (lost_reason ~* ? or lost_to ~* ?)""",
        pattern, PersonalData.ERASED, pattern, PersonalData.ERASED, lead.getId(), pattern, pattern);
    for (Object id : ids(lead, deals)) {
      jdbc.update("update leadflow.crm_link set description = left(regexp_replace(description, ?, ?, 'gi'), 500) "
          + "where external_id = ? and description ~* ?", pattern, PersonalData.ERASED, id, pattern);
    }
  }

  private static List<Object> ids(Lead lead, List<Opportunity> deals) {
    List<Object> ids = new ArrayList<>();
    ids.add(lead.getId());
    deals.forEach(deal -> ids.add(deal.getId()));
    return ids;
  }
}
