package io.leadflow.nurture;

import static io.leadflow.nurture.LeadNurture.Variables.*;

import io.leadflow.lifecycle.LeadReference;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Nurture started", and "Lead re-engaged" after dormancy: the drip series and the quiet period count from now; what
 * the lead did so far is scored.
 */
@Component("nurtureStarted")
class NurtureStartedListener implements ExecutionListener {

  private final NurtureEngagements engagements;

  NurtureStartedListener(NurtureEngagements engagements) {
    this.engagements = engagements;
  }

  @Override
  public void notify(DelegateExecution execution) {
    var now = ClockUtil.now();
    execution.setVariable(NURTURE_STARTED_AT, now);
    execution.setVariable(DORMANT, false);
    execution.setVariable(DRIP_STEP, 0);
    execution.setVariable(LAST_DRIP_AT, now);
    execution.setVariable(QUIET_SINCE, now);
    execution.setVariable(ENGAGEMENTS_SCORED,
        engagements.count(LeadReference.of(execution)));
  }
}
