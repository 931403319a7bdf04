package io.leadflow.crm;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.lead.CrmSummary;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Salesforce as the CRM: Lead, Task and Opportunity records, each upserted by a custom external id field that holds
 * Leadflow's id, so that a retried call updates the record it created. Which Salesforce record belongs to which
 * Leadflow id is kept in {@code crm_link}; a Task needs its Lead's Salesforce id.
 *
 * <p>Fields left empty in Leadflow are not sent, so they do not wipe what sales entered in Salesforce. A record's owner
 * is the Salesforce user with the Leadflow owner's email address ({@link SalesforceUsers}); without one, or when
 * Salesforce refuses that user as the owner, the record is written with the owner Salesforce gives it. The Lead's
 * Description names Leadflow's owner, score and campaign either way: mapping campaigns to campaign members is the
 * org's business, not the adapter's.
 */
@Component
@ConditionalOnProperty(prefix = "leadflow.crm", name = "provider", havingValue = "salesforce")
class SalesforceCrm implements CrmPort {

  static final String SYSTEM = "salesforce";
  private static final Logger LOG = LoggerFactory.getLogger(SalesforceCrm.class);
  private static final String LEAD = "Lead";
  private static final String TASK = "Task";
  private static final String OPPORTUNITY = "Opportunity";

  /** Leadflow's stages on the Lead Status values of a new org; lead conversion is left to Salesforce users. */
  private static final Map<String, String> LEAD_STATUS = Map.ofEntries(
      Map.entry("INQUIRY", "Open - Not Contacted"),
      Map.entry("MQL", "Open - Not Contacted"),
      Map.entry("NURTURE", "Open - Not Contacted"),
      Map.entry("DORMANT", "Open - Not Contacted"),
      Map.entry("SAL", "Working - Contacted"),
      Map.entry("SQL", "Working - Contacted"),
      Map.entry("ON_HOLD", "Working - Contacted"),
      Map.entry("WON", "Working - Contacted"),
      Map.entry("LOST", "Closed - Not Converted"),
      Map.entry("DISQUALIFIED", "Closed - Not Converted"),
      Map.entry("UNSUBSCRIBED", "Closed - Not Converted"),
      Map.entry("ERASED", "Closed - Not Converted"));

  /** Salesforce's refusals of a record's owner, which the record does not need. */
  private static final Set<String> OWNER_REFUSALS = Set.of("INACTIVE_OWNER_OR_USER",
      "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY");

  private static final Map<String, String> OPPORTUNITY_STAGE = Map.of(
      "OPEN", "Qualification",
      "ON_HOLD", "Qualification",
      "WON", "Closed Won",
      "LOST", "Closed Lost");

  private final SalesforceApi api;
  private final SalesforceProperties properties;
  private final JdbcTemplate jdbc;
  private final LeadRepository leads;
  private final SalesforceUsers users;

  SalesforceCrm(SalesforceApi api, SalesforceProperties properties, JdbcTemplate jdbc, LeadRepository leads,
      SalesforceUsers users) {
    this.api = api;
    this.properties = properties;
    this.jdbc = jdbc;
    this.leads = leads;
    this.users = users;
  }

  @Override
  public String upsertLead(CrmLead lead) {
    Map<String, Object> fields = new LinkedHashMap<>();
    put(fields, "FirstName", lead.firstName());
    put(fields, "LastName", lead.lastName());
    put(fields, "Company", lead.company());
    put(fields, "Email", lead.email());
    put(fields, "Phone", lead.phone());
    put(fields, "Title", lead.jobTitle());
    put(fields, "Country", lead.country());
    put(fields, "LeadSource", lead.sourceChannel());
    put(fields, "Status", lead.stage() == null ? null : LEAD_STATUS.get(lead.stage()));
    put(fields, "Description", join("; ",
        lead.ownerEmail() == null ? null : "Owner in Leadflow: " + lead.ownerEmail(),
        lead.score() == null ? null : "Leadflow score: " + lead.score(),
        lead.campaign() == null ? null : "Campaign: " + lead.campaign(),
        lead.stage() == null ? null : "Leadflow stage: " + lead.stage()));
    return upsert(LEAD, "lead", properties.leadIdField(), lead.leadId(), lead.leadId(), fields, lead.ownerEmail(),
        describe(lead));
  }

  @Override
  public String logActivity(CrmActivity activity) {
    String whoId = leadRecordId(activity.leadId());
    Map<String, Object> fields = new LinkedHashMap<>();
    String subject = activity.subject() == null ? activity.type() : activity.subject();
    put(fields, "Subject", subject);
    put(fields, "Description", join("\n", activity.note(),
        activity.outcome() == null ? null : "Outcome: " + activity.outcome(),
        activity.ownerEmail() == null ? null : "By: " + activity.ownerEmail(),
        "Type in Leadflow: " + activity.type()));
    put(fields, "ActivityDate", activity.occurredAt() == null ? null
        : LocalDate.ofInstant(activity.occurredAt(), ZoneOffset.UTC).toString());
    put(fields, "Status", "Completed");
    put(fields, "WhoId", whoId);
    String description = join(" · ", activity.type(), activity.subject(), activity.outcome(),
        activity.occurredAt() == null ? null : activity.occurredAt().toString());
    return upsert(TASK, "activity", properties.activityIdField(), activity.activityId(), activity.leadId(), fields,
        activity.ownerEmail(), description);
  }

  @Override
  public String upsertOpportunity(CrmOpportunity opportunity) {
    Map<String, Object> fields = new LinkedHashMap<>();
    put(fields, "Name", opportunity.name());
    put(fields, "StageName", opportunity.stage() == null ? null
        : OPPORTUNITY_STAGE.getOrDefault(opportunity.stage(), opportunity.stage()));
    // Salesforce requires a close date; an open deal without a forecast closes "today" until someone sets one
    LocalDate closeDate = opportunity.expectedCloseDate() != null ? opportunity.expectedCloseDate()
        : LocalDate.now(ZoneOffset.UTC);
    put(fields, "CloseDate", closeDate.toString());
    put(fields, "Amount", opportunity.amount());
    put(fields, "Description", join("\n",
        "ON_HOLD".equals(opportunity.stage()) ? "On hold in Leadflow" : null,
        opportunity.lostReason() == null ? null : "Lost reason: " + opportunity.lostReason(),
        opportunity.currency() == null ? null : "Amount in " + opportunity.currency(),
        opportunity.ownerEmail() == null ? null : "Owner in Leadflow: " + opportunity.ownerEmail()));
    put(fields, properties.lostToField(), opportunity.lostTo());
    return upsert(OPPORTUNITY, "opportunity", properties.opportunityIdField(), opportunity.opportunityId(),
        opportunity.leadId(), fields, opportunity.ownerEmail(), describe(opportunity));
  }

  /**
   * Deletes the Lead and the Tasks Leadflow logged on it (Salesforce keeps deleted records in its recycle bin for 15
   * days, then purges them) and renames the Opportunities; a record that is gone already counts as deleted. Only
   * records Leadflow wrote are touched, found by their link; what else the org holds on the person (a contact it was
   * converted to, a campaign member, a deleted record not yet purged) is the org's to erase. The links of deleted
   * records go, so the lead's page no longer points to them.
   */
  @Override
  public void eraseLead(UUID leadId, List<CrmOpportunity> opportunities) {
    for (UUID activityId : jdbc.queryForList("select external_id from leadflow.crm_link where lead_id = ? "
        + "and object_type = ?", UUID.class, leadId, TASK)) {
      delete(TASK, "activity", properties.activityIdField(), activityId);
    }
    delete(LEAD, "lead", properties.leadIdField(), leadId);
    Set<UUID> linked = Set.copyOf(jdbc.queryForList("select external_id from leadflow.crm_link where lead_id = ? "
        + "and object_type = ?", UUID.class, leadId, OPPORTUNITY));
    for (CrmOpportunity opportunity : opportunities) {
      if (linked.contains(opportunity.opportunityId())) {
        upsert(OPPORTUNITY, "opportunity", properties.opportunityIdField(), opportunity.opportunityId(), leadId,
            Map.of("Name", opportunity.name()), null, describe(opportunity));
      }
    }
  }

  private void delete(String objectType, String object, String externalIdField, UUID externalId) {
    api.delete("deleting the " + object + " " + externalId, object,
        "/sobjects/" + objectType + "/" + externalIdField + "/" + externalId);
    jdbc.update("delete from leadflow.crm_link where external_id = ?", externalId);
  }

  /** How the lead's page names the Lead record (crm_link.description). */
  static String describe(CrmLead lead) {
    return join(" · ", join(" ", lead.firstName(), lead.lastName()), lead.company(), lead.stage());
  }

  /** How the lead's page names the Opportunity record (crm_link.description). */
  static String describe(CrmOpportunity opportunity) {
    return join(" · ", opportunity.name(), opportunity.stage(),
        opportunity.amount() == null ? null : join(" ", opportunity.amount().toPlainString(), opportunity.currency()),
        opportunity.lostTo() == null ? null : "lost to " + opportunity.lostTo());
  }

  @Override
  public CrmSummary summary(UUID leadId) {
    record Link(String objectType, CrmSummary.Record record) {
    }
    List<Link> links = jdbc.query("""
        select object_type, external_id, record_id, description from leadflow.crm_link where lead_id = ?
        order by updated_at, record_id""",
        (row, index) -> new Link(row.getString("object_type"), new CrmSummary.Record(row.getString("external_id"),
            row.getString("record_id"), row.getString("description"))), leadId);
    String leadRecordId = links.stream().filter(link -> LEAD.equals(link.objectType()))
        .map(link -> link.record().recordId()).findFirst().orElse(null);
    return new CrmSummary(SYSTEM, leadRecordId, leadRecordId == null ? null : leadUrl(leadRecordId),
        links.stream().filter(link -> TASK.equals(link.objectType())).map(Link::record).toList(),
        links.stream().filter(link -> OPPORTUNITY.equals(link.objectType())).map(Link::record).toList());
  }

  /**
   * Upserts by external id, owned by the owner's Salesforce user if there is one. When Salesforce refuses that user
   * as the owner (deactivated since the lookup, no access to the object), the record is written again without an
   * owner, and the user is not tried again for the cache time: a lead is not held up by an org's user setup.
   */
  private String upsert(String objectType, String object, String externalIdField, UUID externalId, UUID leadId,
      Map<String, Object> fields, String ownerEmail, String description) {
    Optional<String> owner = users.userId(ownerEmail);
    if (owner.isEmpty()) {
      return upsert(objectType, object, externalIdField, externalId, leadId, fields, description);
    }
    Map<String, Object> owned = new LinkedHashMap<>(fields);
    owned.put("OwnerId", owner.get());
    try {
      return upsert(objectType, object, externalIdField, externalId, leadId, owned, description);
    } catch (CrmRejectedException refused) {
      if (!OWNER_REFUSALS.contains(refused.getCode()) && !"OwnerId".equals(refused.getField())) {
        throw refused;
      }
      LOG.warn("Salesforce refused user {} ({}) as the owner of the {} {}; written with the owner Salesforce gives "
          + "it. {}", owner.get(), ownerEmail, object, externalId, refused.getMessage());
      users.refusedAsOwner(ownerEmail);
      return upsert(objectType, object, externalIdField, externalId, leadId, fields, description);
    }
  }

  /**
   * Upserts by external id as Salesforce documents it: PATCH on the external id's URL creates the record (201) or
   * updates the one that has it (200 with a body, 204 before API v46.0).
   */
  private String upsert(String objectType, String object, String externalIdField, UUID externalId, UUID leadId,
      Map<String, Object> fields, String description) {
    if (externalId == null) {
      throw new IllegalArgumentException("Salesforce cannot upsert the " + object + " without Leadflow's id");
    }
    String what = "upserting the " + object + " " + externalId;
    String path = "/sobjects/" + objectType + "/" + externalIdField + "/" + externalId;
    SalesforceApi.Answer answer = api.call(what, object, HttpMethod.PATCH, path, fields);
    String recordId;
    if (answer.status() == 204) {
      recordId = find(what, object, path);
    } else {
      JsonNode result = api.read(what, answer);
      if (!result.path("success").asBoolean(true)) {
        throw api.rejected(object, result.path("errors"));
      }
      recordId = result.path("id").asText("");
      if (recordId.isBlank()) {
        throw new CrmUnavailableException("Salesforce answered " + what + " with HTTP " + answer.status()
            + " but without the record's id");
      }
    }
    link(externalId, objectType, recordId, leadId, description);
    LOG.debug("Salesforce {} {} is {}", objectType, externalId, recordId);
    return recordId;
  }

  private String find(String what, String object, String path) {
    JsonNode record = api.read(what, api.call(what, object, HttpMethod.GET, path + "?fields=Id", null));
    String id = record.path("Id").asText("");
    if (id.isBlank()) {
      throw new CrmUnavailableException("Salesforce did not return the record's Id while " + what);
    }
    return id;
  }

  /** The Lead's Salesforce id; a lead that never reached Salesforce is sent first, from Leadflow's data. */
  private String leadRecordId(UUID leadId) {
    if (leadId == null) {
      throw new IllegalArgumentException("Salesforce cannot log an activity without its lead's id");
    }
    List<String> known = jdbc.queryForList("select record_id from leadflow.crm_link where external_id = ? "
        + "and object_type = ?", String.class, leadId, LEAD);
    if (!known.isEmpty()) {
      return known.get(0);
    }
    Lead lead = leads.findById(leadId)
        .orElseThrow(() -> new IllegalStateException("Lead " + leadId + " does not exist in Leadflow"));
    return upsertLead(new CrmLead(lead.getId(), lead.getEmail(), lead.getFirstName(), lead.getLastName(),
        lead.getCompany(), lead.getJobTitle(), lead.getPhone(), lead.getCountry(), lead.getSourceChannel(),
        lead.getCampaign(), lead.getStage() == null ? null : lead.getStage().name(), null, null));
  }

  private void link(UUID externalId, String objectType, String recordId, UUID leadId, String description) {
    jdbc.update("""
        insert into leadflow.crm_link (external_id, object_type, record_id, lead_id, description, updated_at)
        values (?, ?, ?, ?, ?, now())
        on conflict (external_id) do update set object_type = excluded.object_type, record_id = excluded.record_id,
            lead_id = excluded.lead_id, description = excluded.description, updated_at = now()""",
        externalId, objectType, recordId, leadId, description);
  }

  private String leadUrl(String recordId) {
    try {
      return api.instanceUrl() + "/lightning/r/Lead/" + recordId + "/view";
    } catch (CrmUnavailableException unavailable) {
      // the lead's page still shows the record id; the link comes back when Salesforce does
      LOG.warn("No Salesforce link for lead record {}: {}", recordId, unavailable.getMessage());
      return null;
    }
  }

  private static void put(Map<String, Object> fields, String name, Object value) {
    if (value != null && !(value instanceof String text && text.isBlank())) {
      fields.put(name, value);
    }
  }

  private static String join(String separator, String... parts) {
    String joined = Stream.of(parts).filter(part -> part != null && !part.isBlank())
        .collect(Collectors.joining(separator));
    return joined.isEmpty() ? null : joined;
  }
}
