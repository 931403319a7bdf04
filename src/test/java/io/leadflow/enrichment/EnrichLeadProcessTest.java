package io.leadflow.enrichment;

import static io.leadflow.lifecycle.LeadLifecycle.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.leadflow.ProcessTest;
import io.leadflow.intake.Industry;
import io.leadflow.intake.LeadIntake;
import io.leadflow.intake.NewLead;
import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.LifecycleDriver;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import java.io.StringReader;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * "Enrich lead" in the lifecycle with the built-in reference table: fills what the lead did not say before it is
 * scored, never overwrites what it said, and a reference that cannot be read does not hold the lead up.
 */
@ProcessTest
class EnrichLeadProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired LifecycleDriver driver;
  @Autowired LeadIntake intake;
  @Autowired LeadRepository leads;
  @Autowired LeadActivityRepository activities;
  @Autowired CompanyReference reference;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void setUp() {
    init(engine);
    reference.load(new StringReader("""
        domain,name,industry,companySize
        fjordline.example,Fjord Line,SOFTWARE,400
        bergbakery.example,Berg Bakery,RETAIL,
        """));
  }

  @AfterEach
  void cleanUp() {
    driver.cleanUp(jdbc);
    jdbc.update("delete from leadflow.company_reference");
  }

  @Test
  void shouldFillWhatTheLeadDidNotSayBeforeItIsScored() {
    UUID leadId = capture("anna@fjordline.example", null, null);

    Lead lead = leads.findById(leadId).orElseThrow();
    Assertions.assertThat(lead.getIndustry()).isEqualTo("SOFTWARE");
    Assertions.assertThat(lead.getCompanySize()).isEqualTo(400);
    Assertions.assertThat(jdbc.queryForList("select reason from leadflow.lead_score_reason where lead_id = ?",
        String.class, leadId))
        .contains("Industry in the ideal customer profile", "Mid-market size (100-999 employees)");
    Assertions.assertThat(notes(leadId)).containsExactly("Enriched: industry SOFTWARE, company size 400");
  }

  @Test
  void shouldNeverOverwriteWhatTheLeadSaid() {
    UUID leadId = capture("ole@fjordline.example", Industry.MANUFACTURING, null);

    Lead lead = leads.findById(leadId).orElseThrow();
    Assertions.assertThat(lead.getIndustry()).isEqualTo("MANUFACTURING");
    Assertions.assertThat(lead.getCompanySize()).isEqualTo(400);
    Assertions.assertThat(notes(leadId)).containsExactly("Enriched: company size 400");
  }

  @Test
  void shouldLeaveALeadOfAnUnknownCompanyAsItIs() {
    UUID leadId = capture("kim@unknown-company.example", null, null);

    Assertions.assertThat(leads.findById(leadId).orElseThrow().getIndustry()).isNull();
    Assertions.assertThat(notes(leadId)).isEmpty();
    assertThat(driver.instance(leadId)).hasPassed(TASK_ENRICH_LEAD, TASK_SCORE_LEAD);
  }

  @Test
  void shouldScoreTheLeadWithoutEnrichmentWhenTheReferenceCannotBeRead() {
    jdbc.execute("alter table leadflow.company_reference rename to company_reference_away");
    UUID leadId;
    try {
      leadId = capture("lars@fjordline.example", null, null);
    } finally {
      jdbc.execute("alter table leadflow.company_reference_away rename to company_reference");
    }

    assertThat(driver.instance(leadId)).hasPassed(TASK_ENRICH_LEAD, TASK_SCORE_LEAD, TASK_QUALIFY_LEAD);
    Assertions.assertThat(leads.findById(leadId).orElseThrow().getIndustry()).isNull();
    Assertions.assertThat(notes(leadId)).containsExactly("Enrichment failed; scored without it");
  }

  @Test
  void shouldRefuseAReferenceFileWithBadLinesAndLoadNothingOfIt() {
    Assertions.assertThatThrownBy(() -> reference.load(new StringReader("""
            domain,name,industry,companySize
            good.example,Good,SOFTWARE,50
            not a domain,Bad,SOFTWARE,50
            fine.example,Fine,SPACE_TRAVEL,-3
            """)))
        .isInstanceOfSatisfying(InvalidRequestException.class, refused -> Assertions.assertThat(refused.errors())
            .extracting(FieldProblem::field)
            .containsExactly("line 3: domain", "line 4: industry", "line 4: companySize"));
    Assertions.assertThat(reference.find("good.example")).isEmpty();
  }

  private UUID capture(String email, Industry industry, Integer size) {
    UUID leadId = intake.capture(new NewLead(email, "Anna", "Berg", "Some Company", "Analyst", null, "DE", "web-form",
        null, null, null, null, industry, size, null, null, null, null, null, null, true), "mia");
    driver.runDueJobs();
    return leadId;
  }

  private java.util.List<String> notes(UUID leadId) {
    return activities.findByLeadIdOrderByOccurredAtAsc(leadId).stream()
        .filter(activity -> activity.getType() == ActivityType.NOTE).map(LeadActivity::getSubject).toList();
  }
}
