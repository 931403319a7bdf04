package io.leadflow.metrics;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Writes a known history straight into the tables the metrics read, as the lifecycle would have written it. */
final class FixedHistory {

  private final JdbcTemplate jdbc;

  FixedHistory(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  UUID lead(String segment, String team, String owner, String channel, String campaign, String createdAt,
      String stage) {
    UUID id = UUID.randomUUID();
    jdbc.update("""
        insert into leadflow.lead (id, email, first_name, last_name, company, source_channel, campaign, stage,
          created_at, updated_at, segment, team, owner)
        values (?, ?, 'Test', ?, 'Fixed History Ltd', ?, ?, ?, ?, ?, ?, ?, ?)""",
        id, id + "@history.example", id.toString().substring(0, 8), channel, campaign, stage,
        at(createdAt), at(createdAt), segment, team, owner);
    return id;
  }

  FixedHistory stage(UUID lead, String from, String to, String at, String by, String reason) {
    jdbc.update("""
        insert into leadflow.lead_stage_change (lead_id, from_stage, to_stage, changed_at, changed_by, reason)
        values (?, ?, ?, ?, ?, ?)""", lead, from, to, at(at), by, reason);
    return this;
  }

  FixedHistory contactAttempt(UUID lead, String at, String by) {
    jdbc.update("""
        insert into leadflow.lead_activity (id, lead_id, type, occurred_at, subject, outcome, recorded_by)
        values (?, ?, 'CONTACT_ATTEMPT', ?, 'PHONE', 'NO_ANSWER', ?)""", UUID.randomUUID(), lead, at(at), by);
    return this;
  }

  FixedHistory opportunity(UUID lead, String state, String amount, String closedAt, String lostReason,
      String lostTo) {
    jdbc.update("""
        insert into leadflow.opportunity (id, lead_id, name, amount, stage, lost_reason, lost_to, created_at,
          closed_at)
        values (?, ?, 'Deal', ?, ?, ?, ?, ?, ?)""", UUID.randomUUID(), lead, new BigDecimal(amount), state,
        lostReason, lostTo, at(closedAt), at(closedAt));
    return this;
  }

  FixedHistory breach(UUID lead, String step, String owner, String team, String dueAt, String breachedAt) {
    jdbc.update("""
        insert into leadflow.sla_breach (lead_id, step, owner, team, due_at, breached_at, process_instance_id)
        values (?, ?, ?, ?, ?, ?, 'none')""", lead, step, owner, team, at(dueAt), at(breachedAt));
    return this;
  }

  FixedHistory cost(String campaign, String month, String amount) {
    jdbc.update("insert into leadflow.campaign_cost (campaign, month, amount, currency) values (?, ?, ?, 'EUR')",
        campaign, Date.valueOf(LocalDate.parse(month)), new BigDecimal(amount));
    return this;
  }

  static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }
}
