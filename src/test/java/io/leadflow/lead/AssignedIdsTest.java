package io.leadflow.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.ProcessTest;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Rows whose id is given before they are stored are inserted without first being looked for. */
@ProcessTest
class AssignedIdsTest {

  @Autowired EntityManagerFactory entityManagers;
  @Autowired LeadRepository leads;
  @Autowired LeadActivityRepository activities;
  @Autowired TransactionTemplate transaction;
  @Autowired JdbcTemplate jdbc;

  private final UUID leadId = UUID.randomUUID();

  @AfterEach
  void cleanUp() {
    jdbc.update("delete from leadflow.lead_activity where lead_id = ?", leadId);
    jdbc.update("delete from leadflow.lead where id = ?", leadId);
  }

  @Test
  void shouldInsertANewActivityWithoutSelectingItFirst() {
    jdbc.update("""
        insert into leadflow.lead (id, email, first_name, last_name, company, source_channel, stage, created_at,
          updated_at)
        values (?, ?, 'Assigned', 'Ids', 'Inserts Ltd', 'web-form', 'INQUIRY', now(), now())""",
        leadId, leadId + "@assigned-ids.example");
    Statistics statistics = entityManagers.unwrap(SessionFactory.class).getStatistics();
    boolean wasEnabled = statistics.isStatisticsEnabled();
    statistics.setStatisticsEnabled(true);
    long statements;
    try {
      statements = transaction.execute(status -> {
        Lead lead = leads.findById(leadId).orElseThrow();
        statistics.clear();
        activities.save(new LeadActivity(UUID.randomUUID(), lead, ActivityType.NOTE, Instant.now(), "test"));
        activities.flush();
        return statistics.getPrepareStatementCount();
      });
    } finally {
      statistics.setStatisticsEnabled(wasEnabled);
    }

    // the INSERT; looking the row up first would be a SELECT more
    assertThat(statements).isEqualTo(1);
    assertThat(activities.findByLeadIdOrderByOccurredAtAsc(leadId)).extracting(LeadActivity::getRecordedBy)
        .containsExactly("test");
  }
}
