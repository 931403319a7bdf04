package io.leadflow.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.leadflow.ProcessTest;
import io.leadflow.lead.CrmSummary;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@ProcessTest
class BuiltInCrmTest {

  @Autowired CrmPort crm;
  @Autowired JdbcTemplate jdbc;

  private final UUID leadId = UUID.randomUUID();

  @Test
  void shouldBeTheCrmWhenNoProviderIsConfigured() {
    assertThat(crm).isInstanceOf(BuiltInCrm.class);
  }

  @Test
  void shouldUpdateTheRecordItCreatedWhenALeadIsUpsertedAgain() {
    String created = crm.upsertLead(lead("MQL", 40, null));

    String updated = crm.upsertLead(lead("SAL", 75, "sam@leadflow.example"));

    assertThat(updated).isEqualTo(created).startsWith("LF-");
    assertThat(jdbc.queryForList("select record_id, stage, score, owner_email, company from leadflow.crm_lead "
        + "where external_id = ?", leadId)).singleElement().isEqualTo(Map.of("record_id", created, "stage", "SAL",
            "score", 75, "owner_email", "sam@leadflow.example", "company", "Analytical Engines"));
    assertThat(jdbc.queryForObject("select updated_at > created_at from leadflow.crm_lead where external_id = ?",
        Boolean.class, leadId)).isTrue();
  }

  @Test
  void shouldLogAnActivityOnceWhenTheSameActivityIsLoggedTwice() {
    UUID activityId = UUID.randomUUID();
    CrmActivity call = new CrmActivity(activityId, leadId, "CALL", "Discovery call", "NO_ANSWER", "left a voicemail",
        Instant.parse("2025-05-02T09:30:00Z"), "sam@leadflow.example");

    String first = crm.logActivity(call);
    String second = crm.logActivity(call);

    assertThat(second).isEqualTo(first);
    assertThat(jdbc.queryForObject("select count(*) from leadflow.crm_activity where lead_external_id = ?",
        Long.class, leadId)).isOne();
  }

  @Test
  void shouldStoreALostOpportunityWithItsReasonAndCompetitor() {
    UUID opportunityId = UUID.randomUUID();
    String open = crm.upsertOpportunity(opportunity(opportunityId, "OPEN", new BigDecimal("12000.00"), null, null));

    String lost = crm.upsertOpportunity(opportunity(opportunityId, "LOST", new BigDecimal("12000.00"), "price",
        "Difference Engines Inc"));

    assertThat(lost).isEqualTo(open);
    assertThat(jdbc.queryForMap("select stage, lost_reason, lost_to, amount from leadflow.crm_opportunity "
        + "where external_id = ?", opportunityId)).isEqualTo(Map.of("stage", "LOST", "lost_reason", "price",
            "lost_to", "Difference Engines Inc", "amount", new BigDecimal("12000.00")));
  }

  @ParameterizedTest(name = "lostReason={0}, lostTo={1} -> {2}")
  @CsvSource(nullValues = "null", value = {
      "null, Difference Engines Inc, lostReason",
      "'  ', Difference Engines Inc, lostReason",
      "price, null, lostTo"})
  void shouldRejectALostOpportunityWithoutReasonOrCompetitor(String lostReason, String lostTo, String field) {
    UUID opportunityId = UUID.randomUUID();

    assertThatThrownBy(() -> crm.upsertOpportunity(opportunity(opportunityId, "LOST", BigDecimal.TEN, lostReason,
        lostTo)))
        .isInstanceOfSatisfying(CrmRejectedException.class, rejected -> {
          assertThat(rejected.getCode()).isEqualTo("REQUIRED_FIELD_MISSING");
          assertThat(rejected.getField()).isEqualTo(field);
          assertThat(rejected.getMessage())
              .isEqualTo("The built-in CRM rejected the lost opportunity: " + field + " is required");
        });
    assertThat(jdbc.queryForObject("select count(*) from leadflow.crm_opportunity where external_id = ?",
        Long.class, opportunityId)).isZero();
  }

  @Test
  void shouldRejectANegativeAmount() {
    assertThatThrownBy(() -> crm.upsertOpportunity(opportunity(UUID.randomUUID(), "OPEN", new BigDecimal("-1"),
        null, null)))
        .isInstanceOfSatisfying(CrmRejectedException.class, rejected -> {
          assertThat(rejected.getField()).isEqualTo("amount");
          assertThat(rejected.getMessage()).contains("must not be negative");
        });
  }

  @Test
  void shouldSummariseWhatItHoldsForALead() {
    String leadRecord = crm.upsertLead(lead("SQL", 80, "sam@leadflow.example"));
    UUID activityId = UUID.randomUUID();
    String activityRecord = crm.logActivity(new CrmActivity(activityId, leadId, "CALL", "Discovery call", "REACHED",
        null, Instant.parse("2025-05-02T09:30:00Z"), "sam@leadflow.example"));
    UUID opportunityId = UUID.randomUUID();
    String opportunityRecord = crm.upsertOpportunity(opportunity(opportunityId, "OPEN", new BigDecimal("5000"),
        null, null));

    CrmSummary summary = crm.summary(leadId);

    assertThat(summary.system()).isEqualTo("built-in");
    assertThat(summary.leadRecordId()).isEqualTo(leadRecord);
    assertThat(summary.activities()).extracting("externalId", "recordId", "description").containsExactly(
        tuple(activityId.toString(), activityRecord, "CALL · Discovery call · REACHED · 2025-05-02T09:30:00Z"));
    assertThat(summary.opportunities()).extracting("externalId", "recordId", "description").containsExactly(
        tuple(opportunityId.toString(), opportunityRecord, "Engines platform · OPEN · 5000.00 EUR"));
  }

  @Test
  void shouldSummariseALeadItDoesNotKnowAsEmpty() {
    CrmSummary summary = crm.summary(UUID.randomUUID());

    assertThat(summary.leadRecordId()).isNull();
    assertThat(summary.activities()).isEmpty();
    assertThat(summary.opportunities()).isEmpty();
  }

  @Test
  void shouldRefuseTheSamePersonAtTheSameCompanyUnderAnotherAddress() {
    crm.upsertLead(lead("MQL", 40, null));
    UUID other = UUID.randomUUID();

    assertThatThrownBy(() -> crm.upsertLead(new CrmLead(other, "a.lovelace@engines.example", "ADA",
        lastName(), "analytical engines", null, null, "GB", "web-form", null, "SAL", 50, null)))
        .isInstanceOfSatisfying(CrmRejectedException.class, rejected -> {
          assertThat(rejected.getCode()).isEqualTo("DUPLICATES_DETECTED");
          assertThat(rejected.getField()).isEqualTo("lastName");
        })
        .hasMessageContaining("is already lead LF-");
    assertThat(jdbc.queryForObject("select count(*) from leadflow.crm_lead where external_id = ?", Long.class,
        other)).isZero();
  }

  private CrmLead lead(String stage, Integer score, String owner) {
    return new CrmLead(leadId, "ada@engines.example", "Ada", lastName(), "Analytical Engines", "CTO",
        "+44 20 7946 0958", "GB", "web-form", "engines-webinar", stage, score, owner);
  }

  /** Each test's own person: the CRM's duplicate rule would refuse the same name at the same company twice. */
  private String lastName() {
    return "Lovelace-" + leadId.toString().substring(0, 8);
  }

  private CrmOpportunity opportunity(UUID id, String stage, BigDecimal amount, String lostReason, String lostTo) {
    return new CrmOpportunity(id, leadId, "Engines platform", amount, "EUR", LocalDate.of(2025, 9, 30), stage,
        lostReason, lostTo, "sam@leadflow.example");
  }
}
