package io.leadflow.intake;

import io.leadflow.lifecycle.CurrentUser;
import io.leadflow.lifecycle.LeadReference;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Acknowledge and fulfil" (and "Fulfil open requests" in nurture): see {@link Acknowledgements}. */
@Component("acknowledgeAndFulfil")
class AcknowledgeAndFulfilDelegate implements JavaDelegate {

  private final Acknowledgements acknowledgements;

  AcknowledgeAndFulfilDelegate(Acknowledgements acknowledgements) {
    this.acknowledgements = acknowledgements;
  }

  @Override
  public void execute(DelegateExecution execution) {
    acknowledgements.acknowledgeOpenRequests(LeadReference.of(execution), CurrentUser.of(execution));
  }
}
