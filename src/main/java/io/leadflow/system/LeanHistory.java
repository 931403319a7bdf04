package io.leadflow.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionEvaluationEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInstanceEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * The engine's history at level {@code full} without the rows nobody reads: the input values of the decision tables
 * named in {@code leadflow.history.decisions-without-inputs} (the scoring table's 20-odd facts per evaluation, whose
 * outcome and reasons are kept on the lead and in the decision's outputs), and, unless
 * {@code leadflow.history.variable-updates} is on, a row for every change of every variable (ACT_HI_DETAIL): no
 * page, metric or Cockpit view of the Community edition reads them, while each variable's latest value
 * (ACT_HI_VARINST), the decision instances with their outputs, activities, tasks, incidents and job logs are written as
 * before.
 */
@Component
class LeanHistory extends AbstractProcessEnginePlugin {

  private final Properties properties;

  LeanHistory(Properties properties) {
    this.properties = properties;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    // in place of the engine's database handler, which would write every row again
    handlers.add(0, new Handler(properties));
    configuration.setCustomHistoryEventHandlers(handlers);
    configuration.setEnableDefaultDbHistoryEventHandler(false);
  }

  /**
   * @param decisionsWithoutInputs keys of the decisions whose evaluations are written without their input values
   * @param variableUpdates every change of a variable written as a history detail row
   */
  @ConfigurationProperties("leadflow.history")
  record Properties(@DefaultValue("LeadScoring") Set<String> decisionsWithoutInputs,
      @DefaultValue("false") boolean variableUpdates) {
  }

  private static final class Handler extends DbHistoryEventHandler {

    private final Properties properties;

    Handler(Properties properties) {
      this.properties = properties;
    }

    @Override
    protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
      return properties.variableUpdates() && super.shouldWriteHistoricDetail(event);
    }

    @Override
    protected void insertHistoricDecisionEvaluationEvent(HistoricDecisionEvaluationEvent event) {
      withoutUnreadInputs(event.getRootHistoricDecisionInstance());
      if (event.getRequiredHistoricDecisionInstances() != null) {
        event.getRequiredHistoricDecisionInstances().forEach(this::withoutUnreadInputs);
      }
      super.insertHistoricDecisionEvaluationEvent(event);
    }

    private void withoutUnreadInputs(HistoricDecisionInstanceEntity instance) {
      if (properties.decisionsWithoutInputs().contains(instance.getDecisionDefinitionKey())) {
        instance.setInputs(new ArrayList<HistoricDecisionInputInstance>());
      }
    }
  }
}
