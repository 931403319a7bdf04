package io.leadflow.nurture;

import static io.leadflow.nurture.LeadNurture.Variables.DORMANT;
import static io.leadflow.nurture.LeadNurture.Variables.DRIP_STEP;
import static io.leadflow.nurture.LeadNurture.Variables.LAST_DRIP_AT;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Lead goes dormant": from now on the lead's series is the re-engagement series, its first step counted from now. */
@Component("nurtureDormant")
class NurtureDormantListener implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    execution.setVariable(DORMANT, true);
    execution.setVariable(DRIP_STEP, 0);
    execution.setVariable(LAST_DRIP_AT, ClockUtil.now());
  }
}
