package io.leadflow.lifecycle;

import static io.leadflow.lifecycle.LeadLifecycle.Elements.TASK_ENRICH_LEAD;
import static io.leadflow.lifecycle.LeadLifecycle.Elements.TASK_ROUTE_LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.ProcessTest;
import io.leadflow.lead.Lead;
import jakarta.persistence.EntityManagerFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Each step of a lead's way to its rep writes the lead's row at most once, however much of it the step changes. */
@ProcessTest
class LeadRowWritesTest {

  @Autowired LifecycleDriver driver;
  @Autowired ManagementService management;
  @Autowired EntityManagerFactory entityManagers;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void cleanUp() {
    driver.cleanUp(jdbc);
  }

  @Test
  void shouldUpdateTheLeadsRowAtMostOncePerStep() {
    ProcessInstance instance = driver.instance(driver.handRaiser("once@row-writes.example", "DE"));
    Statistics statistics = entityManagers.unwrap(SessionFactory.class).getStatistics();
    boolean wasEnabled = statistics.isStatisticsEnabled();
    statistics.setStatisticsEnabled(true);
    Map<String, Long> updatesByStep = new LinkedHashMap<>();
    try {
      for (int round = 0; round < 20; round++) {
        List<Job> due = management.createJobQuery().processInstanceId(instance.getId()).executable().list();
        if (due.isEmpty()) {
          break;
        }
        for (Job job : due) {
          String step = management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
              .singleResult().getActivityId();
          statistics.clear();
          management.executeJob(job.getId());
          updatesByStep.merge(step, statistics.getEntityStatistics(Lead.class.getName()).getUpdateCount(),
              Math::max);
        }
      }
    } finally {
      statistics.setStatisticsEnabled(wasEnabled);
    }

    // enrichment and scoring change the lead in one step, routing gives it its owner
    assertThat(updatesByStep).containsKeys(TASK_ENRICH_LEAD, TASK_ROUTE_LEAD);
    assertThat(updatesByStep.values()).allSatisfy(updates -> assertThat(updates).isLessThanOrEqualTo(1));
  }
}
