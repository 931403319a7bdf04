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
    return contactAttempt(lead, at, by, 1);
  }

  FixedHistory contactAttempt(UUID lead, String at, String by, int cycle) {
    jdbc.update("""
        insert into leadflow.lead_activity (id, lead_id, type, occurred_at, subject, outcome, recorded_by, cycle)
        values (?, ?, 'CONTACT_ATTEMPT', ?, 'PHONE', 'NO_ANSWER', ?, ?)""", UUID.randomUUID(), lead, at(at), by,
        cycle);
    return this;
  }

  /** The lead responded after its last cycle was over: the inquiry starts the next one, as LeadIntake logs it. */
  FixedHistory newCycle(UUID lead, String at, int cycle) {
    jdbc.update("""
        insert into leadflow.lead_activity (id, lead_id, type, occurred_at, subject, recorded_by, cycle)
        values (?, ?, 'INQUIRY', ?, 'INQUIRY', 'web-form', ?)""", UUID.randomUUID(), lead, at(at), cycle);
    jdbc.update("update leadflow.lead set cycle = ? where id = ?", cycle, lead);
    return this;
  }

  /** Routing found no team: marketing ops get the review task (see LeadAssignment.route). */
  FixedHistory unclearRoute(UUID lead, String at) {
    jdbc.update("""
        insert into leadflow.lead_activity (id, lead_id, type, occurred_at, note, recorded_by)
        values (?, ?, 'OWNER_CHANGE', ?, 'No routing rule matches', 'system')""", UUID.randomUUID(), lead, at(at));
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
    // the classes that write this history share one database: the cost of a month is set, whoever wrote it first
    jdbc.update("""
        insert into leadflow.campaign_cost (campaign, month, amount, currency) values (?, ?, ?, 'EUR')
        on conflict (campaign, month) do update set amount = excluded.amount, currency = excluded.currency""",
        campaign, Date.valueOf(LocalDate.parse(month)), new BigDecimal(amount));
    return this;
  }

  /**
   * Five leads of the first quarter of 2019 with known figures (see FunnelMetricsTest): A won, B lost after a late
   * first contact, C rejected back to nurture after sam let its acceptance breach, D disqualified, E still an inquiry.
   */
  void firstQuarterOf2019() {
    // the test classes that read this history share one database: it is written once
    if (jdbc.queryForObject("select count(*) from leadflow.lead where company = 'Fixed History Ltd' "
        + "and created_at < '2019-04-01' and last_name is not null and campaign in ('C1', 'C2')", Long.class) > 0) {
      return;
    }
    // A: won. Inquiry 2 days, MQL 1 day, SAL 4 days, SQL 10 days; created 17 days before the win
    UUID a = lead("MID_MARKET", "sales-emea", "sam", "WEB", "C1", "2019-01-01T00:00:00Z", "WON");
    stage(a, null, "INQUIRY", "2019-01-01T00:00:00Z", "system", null)
        .stage(a, "INQUIRY", "MQL", "2019-01-03T00:00:00Z", "system", null)
        .stage(a, "MQL", "SAL", "2019-01-04T00:00:00Z", "sam", null)
        .stage(a, "SAL", "SQL", "2019-01-08T00:00:00Z", "sam", null)
        .stage(a, "SQL", "WON", "2019-01-18T00:00:00Z", "sam", null)
        .contactAttempt(a, "2019-01-04T02:00:00Z", "sam")
        .opportunity(a, "WON", "10000", "2019-01-18T00:00:00Z", null, null);
    // B: lost. Inquiry 4 days, MQL 1 day, SAL 8 days, SQL 10 days; first contact 2 days late, after a breach
    UUID b = lead("MID_MARKET", "sales-emea", "lena", "WEB", "C1", "2019-01-02T00:00:00Z", "LOST");
    stage(b, null, "INQUIRY", "2019-01-02T00:00:00Z", "system", null)
        .stage(b, "INQUIRY", "MQL", "2019-01-06T00:00:00Z", "system", null)
        .stage(b, "MQL", "SAL", "2019-01-07T00:00:00Z", "lena", null)
        .stage(b, "SAL", "SQL", "2019-01-15T00:00:00Z", "lena", null)
        .stage(b, "SQL", "LOST", "2019-01-25T00:00:00Z", "lena", null)
        .contactAttempt(b, "2019-01-09T00:00:00Z", "lena")
        .contactAttempt(b, "2019-01-10T00:00:00Z", "lena")
        .breach(b, "FIRST_CONTACT", "lena", "sales-emea", "2019-01-08T00:00:00Z", "2019-01-08T00:00:00Z")
        .opportunity(b, "LOST", "20000", "2019-01-25T00:00:00Z", "Price", "Acme");
    // C: marketing ops reviewed its unclear route in time and gave it to EMEA; sam let acceptance breach, the lead
    // went to lena, who rejected it back to marketing
    UUID c = lead("MID_MARKET", "sales-emea", "lena", "EVENT", "C2", "2019-01-03T00:00:00Z", "NURTURE");
    stage(c, null, "INQUIRY", "2019-01-03T00:00:00Z", "system", null)
        .stage(c, "INQUIRY", "MQL", "2019-01-05T00:00:00Z", "system", null)
        .unclearRoute(c, "2019-01-05T00:00:00Z")
        .breach(c, "ACCEPTANCE", "sam", "sales-emea", "2019-01-05T12:00:00Z", "2019-01-05T13:00:00Z")
        .stage(c, "MQL", "NURTURE", "2019-01-06T00:00:00Z", "lena", "No budget this year");
    // D: disqualified after a day
    UUID d = lead("SMB", "sales-americas", "rita", "WEB", null, "2019-01-10T00:00:00Z", "DISQUALIFIED");
    stage(d, null, "INQUIRY", "2019-01-10T00:00:00Z", "system", null)
        .stage(d, "INQUIRY", "DISQUALIFIED", "2019-01-11T00:00:00Z", "mia", "Student");
    // E: still an inquiry
    UUID e = lead("MID_MARKET", "sales-emea", "sam", "WEB", "C1", "2019-01-20T00:00:00Z", "INQUIRY");
    stage(e, null, "INQUIRY", "2019-01-20T00:00:00Z", "system", null);
    cost("C1", "2019-01-01", "3000").cost("C2", "2019-01-01", "500").cost("C1", "2018-12-01", "999");
  }

  static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }
}
