package io.leadflow.fulfilment;

import io.leadflow.lifecycle.LeadLifecycle;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Order printed kit": starts the kit process for marketing ops and lets the lead go on at once; postal fulfilment
 * takes days and must not hold up qualification and routing. Starts in the step's transaction, so a retried step
 * cannot order twice.
 */
@Component("orderPrintedKit")
class OrderPrintedKitDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    execution.getProcessEngineServices().getRuntimeService()
        .createMessageCorrelation(PrintedKit.MESSAGE_PRINTED_KIT_ORDERED)
        .processInstanceBusinessKey(execution.getProcessBusinessKey())
        .setVariable(PrintedKit.Variables.LEAD_ID, execution.getVariable(LeadLifecycle.Variables.LEAD_ID))
        .setVariable(PrintedKit.Variables.PRINTED_KIT_REASON,
            execution.getVariable(LeadLifecycle.Variables.PRINTED_KIT_REASON))
        .correlateStartMessage();
  }
}
