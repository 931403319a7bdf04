package io.leadflow.nurture;

import static io.leadflow.nurture.LeadNurture.Variables.*;

import io.leadflow.lifecycle.LeadReference;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Before "Re-score lead" in nurture: the lead engaged, so its quiet period starts again, and the scoring is about to
 * see this many engagements. Counted before scoring: one that arrives in between is scored and counted next time.
 */
@Component("engagementSeen")
class EngagementSeenListener implements ExecutionListener {

  private final NurtureEngagements engagements;

  EngagementSeenListener(NurtureEngagements engagements) {
    this.engagements = engagements;
  }

  @Override
  public void notify(DelegateExecution execution) {
    execution.setVariable(QUIET_SINCE, ClockUtil.now());
    execution.setVariable(ENGAGEMENTS_SCORED,
        engagements.count(LeadReference.of(execution)));
  }
}
