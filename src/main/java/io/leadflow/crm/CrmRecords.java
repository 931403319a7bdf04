package io.leadflow.crm;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.Opportunity;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.system.SideEffects;
import io.leadflow.system.StaffDirectory;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

/**
 * Writes the lifecycle's records to the CRM. Each write is an upsert by Leadflow's id and is skipped once it is done,
 * so a retried step neither repeats nor duplicates it.
 *
 * <p>Data the CRM refuses ({@link CrmRejectedException}) fails the step like an outage: it is retried (a refusal
 * such as Salesforce's UNABLE_TO_LOCK_ROW passes on a later try) and ends in an incident with the CRM's message.
 * Only the steps whose model catches {@value LeadLifecycle#ERROR_CRM_REJECTED_DATA} (Update lead in CRM, Create
 * opportunity in CRM) send a refusal to marketing ops instead, through {@link #refusalToMarketingOps}: what they write
 * is the lead, which "Fix lead data" corrects. A refused contact attempt, forecast or outcome is not lead data that
 * marketing ops could fix there; it needs a look in the CRM (a validation rule, a record sales converted or deleted).
 */
@Service
public class CrmRecords {

  private final CrmPort crm;
  private final SideEffects sideEffects;
  private final StaffDirectory staff;

  CrmRecords(CrmPort crm, SideEffects sideEffects, StaffDirectory staff) {
    this.crm = crm;
    this.sideEffects = sideEffects;
    this.staff = staff;
  }

  /** Writes the lead with its owner; from then on its stage changes go to the CRM too ({@link CrmLeadUpdates}). */
  public String upsertLead(DelegateExecution execution, Lead lead, String purpose) {
    String recordId = write(execution, purpose, () -> crm.upsertLead(new CrmLead(lead.getId(), lead.getEmail(),
        lead.getFirstName(), lead.getLastName(), lead.getCompany(), lead.getJobTitle(), lead.getPhone(),
        lead.getCountry(), lead.getSourceChannel(), lead.getCampaign(),
        lead.getStage() == null ? null : lead.getStage().name(), lead.getScore(), staff.emailOf(lead.getOwner()))));
    lead.writtenToCrm(ClockUtil.now().toInstant());
    return recordId;
  }

  public String upsertOpportunity(DelegateExecution execution, Lead lead, Opportunity deal, String purpose) {
    return write(execution, purpose, () -> crm.upsertOpportunity(opportunity(lead, deal)));
  }

  /** @param deals the lead's opportunities, erased with it */
  public void eraseLead(DelegateExecution execution, Lead lead, List<Opportunity> deals) {
    write(execution, "erasure", () -> {
      crm.eraseLead(lead.getId(), deals.stream().map(deal -> opportunity(lead, deal)).toList());
      return lead.getId().toString();
    });
  }

  private CrmOpportunity opportunity(Lead lead, Opportunity deal) {
    return new CrmOpportunity(deal.getId(), lead.getId(), deal.getName(), deal.getAmount(), deal.getCurrency(),
        deal.getExpectedCloseDate(), deal.getState().name(), deal.getLostReason(), deal.getLostTo(),
        staff.emailOf(deal.getOwner()));
  }

  public String logActivity(DelegateExecution execution, LeadActivity activity, String ownerUserId, String purpose) {
    return write(execution, purpose, () -> crm.logActivity(new CrmActivity(activity.getId(), activity.getLeadId(),
        activity.getType().name(), activity.getSubject(), activity.getOutcome(), activity.getNote(),
        activity.getOccurredAt(), staff.emailOf(ownerUserId))));
  }

  /**
   * Runs the step's writes; data the CRM refuses becomes the BPMN error
   * {@value LeadLifecycle#ERROR_CRM_REJECTED_DATA}, with the CRM's code and message in the variables crmErrorCode and
   * crmErrorMessage for marketing ops, and the refusing step in crmRefusedStep to retry after their fix. Only for a step whose model catches the error: the engine fails a step whose
   * BPMN error nobody catches, and its incident would say that instead of what the CRM refused.
   */
  public void refusalToMarketingOps(DelegateExecution execution, Runnable writes) {
    try {
      writes.run();
    } catch (CrmRejectedException rejected) {
      execution.setVariable(LeadLifecycle.Variables.CRM_ERROR_CODE, rejected.getCode());
      execution.setVariable(LeadLifecycle.Variables.CRM_ERROR_MESSAGE, rejected.getMessage());
      execution.setVariable(LeadLifecycle.Variables.CRM_REFUSED_STEP, execution.getCurrentActivityId());
      throw new BpmnError(LeadLifecycle.ERROR_CRM_REJECTED_DATA, rejected.getMessage());
    }
  }

  private String write(DelegateExecution execution, String purpose, Supplier<String> upsert) {
    return sideEffects.untilDone(SideEffects.key(execution, purpose), upsert);
  }
}
