package io.leadflow.lifecycle;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A step that calls another system and ran out of retries stops with an incident in Cockpit. Its message should tell
 * a manager which lead and which step, not only what the adapter said: "Update lead in CRM for Ada Lovelace
 * (Analytical Engines), lead 5f1c…: Salesforce could not be reached ...".
 */
@Component
class FailedStepIncidents implements ProcessEnginePlugin {

  private final ObjectProvider<LeadRepository> leads;

  FailedStepIncidents(ObjectProvider<LeadRepository> leads) {
    this.leads = leads;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomIncidentHandlers(List.of(new DefaultIncidentHandler(Incident.FAILED_JOB_HANDLER_TYPE) {
      @Override
      public Incident handleIncident(IncidentContext context, String message) {
        return super.handleIncident(context, describe(context) + message);
      }
    }));
  }

  private String describe(IncidentContext context) {
    ExecutionEntity execution = context.getExecutionId() == null ? null
        : Context.getCommandContext().getExecutionManager().findExecutionById(context.getExecutionId());
    if (execution == null) {
      return "";
    }
    String step = execution.getActivity() == null ? context.getActivityId()
        : String.valueOf(execution.getActivity().getProperty("name"));
    return step + lead(execution.getProcessBusinessKey()).map(lead -> " for " + lead.getFullName() + " ("
        + lead.getCompany() + "), lead " + lead.getId()).orElse("") + ": ";
  }

  private Optional<Lead> lead(String businessKey) {
    try {
      return businessKey == null ? Optional.empty() : leads.getObject().findById(UUID.fromString(businessKey));
    } catch (IllegalArgumentException notALead) {
      return Optional.empty();
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
  }
}
