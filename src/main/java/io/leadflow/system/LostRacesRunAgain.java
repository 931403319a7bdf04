package io.leadflow.system;

import java.time.Duration;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * A step that lost a race runs again at once, not as a failure. When a request changed the same process instance or
 * lead while the step ran (the engine's or JPA's optimistic locking, a deadlock PostgreSQL broke), nothing is wrong with
 * the step: it is unlocked and due again within a few seconds, its retries untouched and no error recorded on it, as a
 * request in the same situation is tried again ({@link RetryingTransactions}). Every other failure counts down the
 * step's retries as the engine does, ending in an incident; so does a step that keeps losing races.
 */
@Component
class LostRacesRunAgain extends AbstractProcessEnginePlugin {

  /** Spreads the steps that lost one race, so that they do not meet again at once. */
  private static final Duration AT_MOST_AFTER = Duration.ofSeconds(2);
  /** A step that loses this many races in a row on this node has its own fault: it fails as any failure does. */
  private static final int RACES_AT_MOST = 10;
  private static final int STEPS_REMEMBERED = 10_000;

  /** Races each step lost in a row, on this node; the oldest steps are forgotten first. */
  private final Map<String, Integer> lost = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
      return size() > STEPS_REMEMBERED;
    }
  });

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    FailedJobCommandFactory engines = configuration.getFailedJobCommandFactory() != null
        ? configuration.getFailedJobCommandFactory() : new DefaultFailedJobCommandFactory();
    configuration.setFailedJobCommandFactory((jobId, failure) -> RetryingTransactions.lostRace(failure)
        && lost.merge(jobId, 1, Integer::sum) <= RACES_AT_MOST
        ? commandContext -> {
          JobEntity job = commandContext.getJobManager().findJobById(jobId);
          if (job != null) {
            job.resetLock();
            job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime()
                + ThreadLocalRandom.current().nextLong(AT_MOST_AFTER.toMillis())));
          }
          return null;
        }
        : engines.getCommand(jobId, failure));
  }
}
