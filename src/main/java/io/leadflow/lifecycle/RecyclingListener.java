package io.leadflow.lifecycle;

import io.leadflow.lead.LeadRepository;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * On a milestone where sales sends a lead back to nurture: the lead rests there for the hold-off of
 * dmn/RecyclingHoldOff.dmn (why it was sent back: the milestone's extension property {@code recycledBecause}), and
 * its owner, the rep who sent it back, is not offered it again in that time.
 */
@Component("recycling")
class RecyclingListener implements ExecutionListener {

  static final String DECISION = "RecyclingHoldOff";

  private final DecisionService decisions;
  private final LeadRepository leads;

  RecyclingListener(DecisionService decisions, LeadRepository leads) {
    this.decisions = decisions;
    this.leads = leads;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String because = ElementProperties.required(execution, LeadLifecycle.Properties.RECYCLED_BECAUSE);
    DmnDecisionRuleResult result = decisions.evaluateDecisionTableByKey(DECISION)
        .variables(Variables.createVariables()
            .putValue("recycledBecause", because)
            .putValue("segment", execution.getVariable(LeadLifecycle.Variables.SEGMENT)))
        .evaluate().getSingleResult();
    if (result == null || result.getEntry("holdOff") == null) {
      return;
    }
    Duration holdOff;
    try {
      holdOff = Duration.parse(result.<String>getEntry("holdOff"));
    } catch (RuntimeException e) {
      throw new IllegalStateException("The recycling hold-off (dmn/" + DECISION + ".dmn) for " + because + " is '"
          + result.getEntry("holdOff") + "', not an ISO 8601 duration such as P60D", e);
    }
    Instant now = ClockUtil.now().toInstant();
    leads.findById(LeadReference.of(execution)).orElseThrow()
        .holdOff(now, now.plus(holdOff), (String) execution.getVariable(LeadLifecycle.Variables.SALES_REP));
  }
}
