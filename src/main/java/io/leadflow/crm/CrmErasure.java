package io.leadflow.crm;

import io.leadflow.lead.Lead;
import io.leadflow.lead.Opportunity;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Right to erasure in Leadflow's own copies of CRM data, as on the lead: the built-in CRM's records and the
 * descriptions of the links to Salesforce records, whichever CRM is configured now (after a switch the other one's
 * rows are still there). Joins the caller's transaction. The records in Salesforce itself are not changed.
 */
@Component
public class CrmErasure {

  private final JdbcTemplate jdbc;

  CrmErasure(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param lead the lead, already erased
   * @param deals its opportunities, already erased
   */
  public void erase(Lead lead, List<Opportunity> deals) {
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
  }
}
