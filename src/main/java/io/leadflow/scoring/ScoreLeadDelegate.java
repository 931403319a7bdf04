package io.leadflow.scoring;

import static io.leadflow.lifecycle.LeadLifecycle.Variables.*;

import io.leadflow.lifecycle.LeadReference;
import io.leadflow.lifecycle.LeadTaskColumns;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Score lead" and "Re-score lead": evaluates the scoring tables for the lead and keeps the result in the process,
 * where the qualification table, the SLA policy and the forms read it, and on the lead's open tasks' columns.
 */
@Component("scoreLead")
class ScoreLeadDelegate implements JavaDelegate {

  private final LeadScoring scoring;
  private final LeadTaskColumns columns;

  ScoreLeadDelegate(LeadScoring scoring, LeadTaskColumns columns) {
    this.scoring = scoring;
    this.columns = columns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    UUID leadId = LeadReference.of(execution);
    LeadScore score = scoring.scoreAndRecord(leadId, ClockUtil.now().toInstant());
    execution.setVariable(SCORE, score.total());
    execution.setVariable(FIT_GRADE, score.grade());
    execution.setVariable(SEGMENT, score.segment());
    execution.setVariable(HAND_RAISER, score.handRaiser());
    execution.setVariable(DISQUALIFIER, score.disqualifier());
    execution.setVariable(HOLD_OFF_UNTIL, score.holdOffUntil());
    columns.refresh(leadId);
  }
}
