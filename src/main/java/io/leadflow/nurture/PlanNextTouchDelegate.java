package io.leadflow.nurture;

import static io.leadflow.nurture.LeadNurture.Variables.*;

import io.leadflow.lifecycle.LeadReference;
import io.leadflow.sla.SlaDeadlines;
import io.leadflow.sla.SlaStep;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Plan next touch": when and how the lead is touched next ({@link NurtureSchedule}), and whether it engaged. */
@Component("planNextTouch")
class PlanNextTouchDelegate implements JavaDelegate {

  private final NurtureSchedule schedule;
  private final SlaDeadlines deadlines;

  PlanNextTouchDelegate(NurtureSchedule schedule, SlaDeadlines deadlines) {
    this.schedule = schedule;
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean dormant = Boolean.TRUE.equals(execution.getVariable(DORMANT));
    NurtureSchedule.Plan plan = schedule.plan(LeadReference.of(execution), new NurtureSchedule.Standing(dormant,
        (Integer) execution.getVariable(ENGAGEMENTS_SCORED), instant(execution, QUIET_SINCE),
        dormant ? null : deadlines.policy(execution, SlaStep.NURTURE_PERIOD).deadline(),
        instant(execution, NURTURE_STARTED_AT), (Integer) execution.getVariable(NEXT_DRIP_STEP),
        instant(execution, LAST_DRIP_AT), (String) execution.getVariable(DRIP_WAIT)), ClockUtil.now().toInstant());
    execution.setVariable(ENGAGED_MEANWHILE, plan.engagedMeanwhile());
    execution.setVariable(NEXT_TOUCH, plan.touch().name());
    execution.setVariable(NEXT_TOUCH_AT, Date.from(plan.at()));
    execution.setVariable(FOLLOW_UP_ID, plan.followUpId() == null ? null : plan.followUpId().toString());
  }

  private static Instant instant(DelegateExecution execution, String variable) {
    Date date = (Date) execution.getVariable(variable);
    return date == null ? null : date.toInstant();
  }
}
