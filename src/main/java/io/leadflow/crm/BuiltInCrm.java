package io.leadflow.crm;

import io.leadflow.lead.CrmSummary;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The CRM for teams without one: Leadflow's own database is the system of record (tables {@code crm_lead},
 * {@code crm_activity}, {@code crm_opportunity}). Writes join the caller's transaction, so they commit or roll back
 * with the process step. Like a real CRM it refuses data it cannot hold, with {@link CrmRejectedException}.
 */
@Component
@ConditionalOnProperty(prefix = "leadflow.crm", name = "provider", havingValue = "built-in", matchIfMissing = true)
class BuiltInCrm implements CrmPort {

  static final String SYSTEM = "built-in";
  private static final Set<String> OPPORTUNITY_STAGES = Set.of("OPEN", "ON_HOLD", "WON", "LOST");

  private final JdbcTemplate jdbc;

  BuiltInCrm(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String upsertLead(CrmLead lead) {
    required("lead", "leadId", lead.leadId());
    required("lead", "email", lead.email());
    rejectDuplicate(lead);
    return jdbc.queryForObject("""
        insert into leadflow.crm_lead (external_id, email, first_name, last_name, company, job_title, phone, country,
            source_channel, campaign, stage, score, owner_email, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())
        on conflict (external_id) do update set email = excluded.email, first_name = excluded.first_name,
            last_name = excluded.last_name, company = excluded.company, job_title = excluded.job_title,
            phone = excluded.phone, country = excluded.country, source_channel = excluded.source_channel,
            campaign = excluded.campaign, stage = excluded.stage, score = excluded.score,
            owner_email = excluded.owner_email, updated_at = now()
        returning record_id""", String.class,
        lead.leadId(), lead.email(), lead.firstName(), lead.lastName(), lead.company(), lead.jobTitle(), lead.phone(),
        lead.country(), lead.sourceChannel(), lead.campaign(), lead.stage(), lead.score(), lead.ownerEmail());
  }

  /**
   * The duplicate rule most CRMs ship with: the same person at the same company is one lead, whatever address they
   * used. Leadflow dedupes by email, so two addresses of one person meet here first.
   */
  private void rejectDuplicate(CrmLead lead) {
    if (lead.firstName() == null || lead.lastName() == null || lead.company() == null) {
      return;
    }
    List<String> matches = jdbc.queryForList("""
        select record_id from leadflow.crm_lead
        where external_id <> ? and lower(first_name) = lower(?) and lower(last_name) = lower(?)
          and lower(company) = lower(?)""", String.class,
        lead.leadId(), lead.firstName(), lead.lastName(), lead.company());
    if (!matches.isEmpty()) {
      throw new CrmRejectedException("DUPLICATES_DETECTED", "lastName", "The built-in CRM refused the lead: "
          + lead.firstName() + " " + lead.lastName() + " of " + lead.company() + " is already lead " + matches.get(0)
          + " under another email address; merge the two or correct the name");
    }
  }

  @Override
  public String logActivity(CrmActivity activity) {
    required("activity", "activityId", activity.activityId());
    required("activity", "leadId", activity.leadId());
    required("activity", "type", activity.type());
    required("activity", "occurredAt", activity.occurredAt());
    return jdbc.queryForObject("""
        insert into leadflow.crm_activity (external_id, lead_external_id, type, subject, outcome, note, occurred_at,
            owner_email, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, now(), now())
        on conflict (external_id) do update set lead_external_id = excluded.lead_external_id, type = excluded.type,
            subject = excluded.subject, outcome = excluded.outcome, note = excluded.note,
            occurred_at = excluded.occurred_at, owner_email = excluded.owner_email, updated_at = now()
        returning record_id""", String.class,
        activity.activityId(), activity.leadId(), activity.type(), activity.subject(), activity.outcome(),
        activity.note(), Timestamp.from(activity.occurredAt()), activity.ownerEmail());
  }

  @Override
  public String upsertOpportunity(CrmOpportunity opportunity) {
    validate(opportunity);
    return jdbc.queryForObject("""
        insert into leadflow.crm_opportunity (external_id, lead_external_id, name, amount, currency,
            expected_close_date, stage, lost_reason, lost_to, owner_email, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())
        on conflict (external_id) do update set lead_external_id = excluded.lead_external_id, name = excluded.name,
            amount = excluded.amount, currency = excluded.currency,
            expected_close_date = excluded.expected_close_date, stage = excluded.stage,
            lost_reason = excluded.lost_reason, lost_to = excluded.lost_to, owner_email = excluded.owner_email,
            updated_at = now()
        returning record_id""", String.class,
        opportunity.opportunityId(), opportunity.leadId(), opportunity.name(), opportunity.amount(),
        opportunity.currency(), opportunity.expectedCloseDate(), opportunity.stage(), opportunity.lostReason(),
        opportunity.lostTo(), opportunity.ownerEmail());
  }

  /**
   * The built-in CRM's records are Leadflow's own tables: the person left them with the lead, in the erasure's own
   * transaction ({@link CrmErasure}). What is left is to say so on the lead.
   */
  @Override
  public void eraseLead(UUID leadId, List<CrmOpportunity> opportunities) {
    jdbc.update("update leadflow.crm_lead set stage = 'ERASED', updated_at = now() where external_id = ?", leadId);
  }

  @Override
  public CrmSummary summary(UUID leadId) {
    String leadRecordId = jdbc.query("select record_id from leadflow.crm_lead where external_id = ?",
        rows -> rows.next() ? rows.getString(1) : null, leadId);
    List<CrmSummary.Record> activities = jdbc.query("""
        select external_id, record_id, type, subject, outcome, occurred_at from leadflow.crm_activity
        where lead_external_id = ? order by occurred_at, record_id""",
        (row, index) -> new CrmSummary.Record(row.getString("external_id"), row.getString("record_id"),
            describe(row.getString("type"), row.getString("subject"), row.getString("outcome"),
                row.getTimestamp("occurred_at").toInstant().toString())), leadId);
    List<CrmSummary.Record> opportunities = jdbc.query("""
        select external_id, record_id, name, stage, amount, currency, lost_reason, lost_to
        from leadflow.crm_opportunity where lead_external_id = ? order by created_at, record_id""",
        (row, index) -> new CrmSummary.Record(row.getString("external_id"), row.getString("record_id"),
            describe(row.getString("name"), row.getString("stage"), amount(row.getBigDecimal("amount"),
                row.getString("currency")), lost(row.getString("lost_to"), row.getString("lost_reason")))),
        leadId);
    return new CrmSummary(SYSTEM, leadRecordId, null, activities, opportunities);
  }

  private static void validate(CrmOpportunity opportunity) {
    required("opportunity", "opportunityId", opportunity.opportunityId());
    required("opportunity", "leadId", opportunity.leadId());
    required("opportunity", "name", opportunity.name());
    required("opportunity", "stage", opportunity.stage());
    if (!OPPORTUNITY_STAGES.contains(opportunity.stage())) {
      throw new CrmRejectedException("INVALID_VALUE", "stage", "The built-in CRM rejected the opportunity: stage '"
          + opportunity.stage() + "' is not one of " + OPPORTUNITY_STAGES.stream().sorted().toList());
    }
    if (opportunity.amount() != null && opportunity.amount().signum() < 0) {
      throw new CrmRejectedException("INVALID_VALUE", "amount",
          "The built-in CRM rejected the opportunity: the amount must not be negative, was " + opportunity.amount());
    }
    if ("LOST".equals(opportunity.stage())) {
      required("lost opportunity", "lostReason", opportunity.lostReason());
      required("lost opportunity", "lostTo", opportunity.lostTo());
    }
  }

  private static void required(String record, String field, Object value) {
    if (value == null || value instanceof String text && text.isBlank()) {
      throw new CrmRejectedException("REQUIRED_FIELD_MISSING", field,
          "The built-in CRM rejected the " + record + ": " + field + " is required");
    }
  }

  private static String amount(BigDecimal amount, String currency) {
    return amount == null ? null : currency == null ? amount.toPlainString() : amount.toPlainString() + " " + currency;
  }

  private static String lost(String lostTo, String lostReason) {
    return lostTo == null ? null : "lost to " + lostTo + " (" + lostReason + ")";
  }

  private static String describe(String... parts) {
    return Stream.of(parts).filter(part -> part != null && !part.isBlank()).collect(Collectors.joining(" · "));
  }
}
