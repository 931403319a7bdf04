package io.leadflow.lifecycle;

import static io.leadflow.lifecycle.LeadLifecycle.Variables.*;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Puts the lead's detail package on a new user task as task variables, so the form shows the rep everything needed
 * to act. The lead itself stays in the database; the process keeps only its id.
 */
@Component("leadDetails")
class LeadDetailsListener implements TaskListener {

  private final LeadRepository leads;

  LeadDetailsListener(LeadRepository leads) {
    this.leads = leads;
  }

  @Override
  public void notify(DelegateTask task) {
    UUID leadId = UUID.fromString((String) task.getVariable(LEAD_ID));
    Lead lead = leads.findById(leadId)
        .orElseThrow(() -> new IllegalStateException("Lead " + leadId + " does not exist"));
    Map<String, Object> details = new HashMap<>();
    details.put(LEAD_NAME, join(" ", lead.getFirstName(), lead.getLastName()));
    details.put(LEAD_EMAIL, lead.getEmail());
    details.put(LEAD_PHONE, lead.getPhone());
    details.put(LEAD_COMPANY, lead.getCompany());
    details.put(LEAD_JOB_TITLE, lead.getJobTitle());
    details.put(LEAD_COUNTRY, lead.getCountry());
    details.put(LEAD_SOURCE, join(" · ", lead.getSourceChannel(), lead.getCampaign()));
    details.put(LEAD_STAGE, lead.getStage() == null ? null : lead.getStage().name());
    task.setVariablesLocal(details);
  }

  private static String join(String separator, String first, String second) {
    if (first == null || first.isBlank()) {
      return second;
    }
    return second == null || second.isBlank() ? first : first + separator + second;
  }
}
