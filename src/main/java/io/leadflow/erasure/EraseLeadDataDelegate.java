package io.leadflow.erasure;

import io.leadflow.lead.LeadErasure;
import io.leadflow.lifecycle.LeadReference;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Erase lead data": the person asked to be forgotten. */
@Component("eraseLeadData")
class EraseLeadDataDelegate implements JavaDelegate {

  private final LeadErasure erasure;

  EraseLeadDataDelegate(LeadErasure erasure) {
    this.erasure = erasure;
  }

  @Override
  public void execute(DelegateExecution execution) {
    erasure.erase(LeadReference.of(execution),
        ClockUtil.now().toInstant());
  }
}
