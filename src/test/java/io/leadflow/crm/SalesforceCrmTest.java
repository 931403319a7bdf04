package io.leadflow.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.leadflow.ProcessTest;
import io.leadflow.lead.CrmSummary;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadErasure;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.Opportunity;
import io.leadflow.lead.OpportunityRepository;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/**
 * The Salesforce adapter against a real HTTP server that answers as Salesforce's REST API documents: OAuth 2.0
 * client credentials at /services/oauth2/token, upserts by external id with PATCH, error arrays, Retry-After.
 */
@ProcessTest
@SalesforceAsTheCrm
class SalesforceCrmTest {

  static final WireMockServer salesforce = SalesforceServer.shared();

  private static final String TOKEN = SalesforceServer.TOKEN;
  private static final String API = SalesforceServer.API;

  @Autowired CrmPort configuredCrm;
  @Autowired SalesforceProperties properties;
  @Autowired ObjectProvider<RestClient.Builder> restClients;
  @Autowired ObjectMapper objectMapper;
  @Autowired JdbcTemplate jdbc;
  @Autowired LeadRepository leads;
  @Autowired OpportunityRepository opportunities;
  @Autowired LeadErasure erasure;

  private final UUID leadId = UUID.randomUUID();
  private String leadUrl;
  private SalesforceCrm crm;

  @BeforeEach
  void setUp() {
    salesforce.resetAll();
    // a new adapter per test: a new session, so that every test sees its own token requests
    crm = crmWith(properties);
    leadUrl = API + "/Lead/Leadflow_Id__c/" + leadId;
    salesforce.stubFor(post(TOKEN).willReturn(okJson(token("token-1"))));
    SalesforceServer.knowsNoUsers(salesforce);
  }

  @Test
  void shouldBeTheCrmWhenTheProviderIsSalesforce() {
    assertThat(configuredCrm).isInstanceOf(SalesforceCrm.class);
  }

  @Test
  void shouldLogInWithClientCredentialsOnceAndReuseTheToken() {
    salesforce.stubFor(patch(urlPathMatching(API + "/Lead/.*")).willReturn(created("00Q5e00000AbCdEFGH")));

    crm.upsertLead(lead());
    crm.upsertLead(lead());

    salesforce.verify(1, postRequestedFor(urlEqualTo(TOKEN))
        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
        .withFormParam("grant_type", equalTo("client_credentials"))
        .withFormParam("client_id", equalTo("leadflow-app"))
        .withFormParam("client_secret", equalTo("s3cret")));
    salesforce.verify(2, patchRequestedFor(urlEqualTo(leadUrl))
        .withHeader("Authorization", equalTo("Bearer token-1")));
  }

  @Test
  void shouldRefreshTheTokenOnceWhenSalesforceAnswers401() {
    // given a session that expires: the first token is refused, a new one works
    salesforce.stubFor(post(TOKEN).inScenario("session").whenScenarioStateIs(STARTED)
        .willReturn(okJson(token("token-1"))).willSetStateTo("expired"));
    salesforce.stubFor(post(TOKEN).inScenario("session").whenScenarioStateIs("expired")
        .willReturn(okJson(token("token-2"))));
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).withHeader("Authorization", equalTo("Bearer token-1"))
        .willReturn(jsonResponse("""
            [{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]""", 401)));
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).withHeader("Authorization", equalTo("Bearer token-2"))
        .willReturn(created("00Q5e00000AbCdEFGH")));

    String recordId = crm.upsertLead(lead());

    assertThat(recordId).isEqualTo("00Q5e00000AbCdEFGH");
    salesforce.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
    salesforce.verify(2, patchRequestedFor(urlEqualTo(leadUrl)));
  }

  @Test
  void shouldFailAsUnavailableWhenTheNewTokenIsRefusedToo() {
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(jsonResponse("""
        [{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]""", 401)));

    assertThatThrownBy(() -> crm.upsertLead(lead()))
        .isInstanceOf(CrmUnavailableException.class)
        .hasMessageContaining("Salesforce refused Leadflow's session while upserting the lead " + leadId)
        .hasMessageContaining("INVALID_SESSION_ID");
    salesforce.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
    salesforce.verify(2, patchRequestedFor(urlEqualTo(leadUrl)));
  }

  @Test
  void shouldUpdateTheRecordItCreatedWhenTheUpsertIsRepeated() {
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).inScenario("upsert").whenScenarioStateIs(STARTED)
        .willReturn(created("00Q5e00000AbCdEFGH")).willSetStateTo("exists"));
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).inScenario("upsert").whenScenarioStateIs("exists")
        .willReturn(okJson("""
            {"id":"00Q5e00000AbCdEFGH","success":true,"errors":[],"created":false}""")));

    String created = crm.upsertLead(lead());
    String updated = crm.upsertLead(lead());

    assertThat(updated).isEqualTo(created).isEqualTo("00Q5e00000AbCdEFGH");
    // both calls went to the external id's URL: Salesforce matched the second to the first record
    salesforce.verify(2, patchRequestedFor(urlEqualTo(leadUrl)));
    salesforce.verify(0, postRequestedFor(urlPathMatching(API + "/.*")));
    assertThat(jdbc.queryForList("select record_id from leadflow.crm_link where external_id = ?", String.class,
        leadId)).containsExactly("00Q5e00000AbCdEFGH");
  }

  @Test
  void shouldFindTheRecordIdWhenAnOlderApiVersionAnswersAnUpdateWith204() {
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(noContent()));
    salesforce.stubFor(get(urlEqualTo(leadUrl + "?fields=Id")).willReturn(okJson("""
        {"attributes":{"type":"Lead","url":"/services/data/v61.0/sobjects/Lead/00Q5e00000AbCdEFGH"},
         "Id":"00Q5e00000AbCdEFGH"}""")));

    assertThat(crm.upsertLead(lead())).isEqualTo("00Q5e00000AbCdEFGH");
  }

  @Test
  void shouldSendTheLeadsFieldsAsSalesforceNamesThem() {
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(created("00Q5e00000AbCdEFGH")));

    crm.upsertLead(new CrmLead(leadId, "ada@engines.example", "Ada", "Lovelace", "Analytical Engines", "CTO", null,
        "GB", "web-form", "engines-webinar", "SAL", 72, "sam@leadflow.example"));

    salesforce.verify(patchRequestedFor(urlEqualTo(leadUrl))
        .withHeader("Content-Type", containing("application/json"))
        .withRequestBody(matchingJsonPath("$.LastName", equalTo("Lovelace")))
        .withRequestBody(matchingJsonPath("$.FirstName", equalTo("Ada")))
        .withRequestBody(matchingJsonPath("$.Company", equalTo("Analytical Engines")))
        .withRequestBody(matchingJsonPath("$.Email", equalTo("ada@engines.example")))
        .withRequestBody(matchingJsonPath("$.Title", equalTo("CTO")))
        .withRequestBody(matchingJsonPath("$.Country", equalTo("GB")))
        .withRequestBody(matchingJsonPath("$.LeadSource", equalTo("web-form")))
        .withRequestBody(matchingJsonPath("$.Status", equalTo("Working - Contacted")))
        .withRequestBody(matchingJsonPath("$.Description", containing("Owner in Leadflow: sam@leadflow.example")))
        .withRequestBody(matchingJsonPath("$.Description", containing("Leadflow score: 72")))
        // an empty field is not sent, so it does not wipe what sales typed into Salesforce
        .withRequestBody(notContaining("Phone"))
        .withRequestBody(notContaining("Leadflow_Id__c")));
  }

  @Test
  void shouldGiveTheLeadToTheSalesforceUserWithTheOwnersEmailAndLookThemUpOnce() {
    SalesforceServer.knowsUser(salesforce, "sam@leadflow.example", "0055e00000SamUser");
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(created("00Q5e00000AbCdEFGH")));

    crm.upsertLead(owned("sam@leadflow.example"));
    crm.upsertLead(owned("sam@leadflow.example"));

    salesforce.verify(2, patchRequestedFor(urlEqualTo(leadUrl))
        .withRequestBody(matchingJsonPath("$.OwnerId", equalTo("0055e00000SamUser")))
        .withRequestBody(matchingJsonPath("$.Description", containing("Owner in Leadflow: sam@leadflow.example"))));
    salesforce.verify(1, getRequestedFor(urlPathEqualTo(SalesforceServer.QUERY))
        .withHeader("Authorization", equalTo("Bearer token-1")));
  }

  @Test
  void shouldQuoteTheEmailInTheUserLookup() {
    // an apostrophe is valid in an address; unescaped it would end the SOQL string
    SalesforceServer.knowsUser(salesforce, "o\\'brien@leadflow.example", "0055e00000OBrien1");
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(created("00Q5e00000AbCdEFGH")));

    crm.upsertLead(owned("o'brien@leadflow.example"));

    salesforce.verify(patchRequestedFor(urlEqualTo(leadUrl))
        .withRequestBody(matchingJsonPath("$.OwnerId", equalTo("0055e00000OBrien1"))));
  }

  @Test
  void shouldLeaveTheOwnerToSalesforceWhenNoActiveUserHasTheEmail() {
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(created("00Q5e00000AbCdEFGH")));

    crm.upsertLead(owned("lena@leadflow.example"));

    salesforce.verify(patchRequestedFor(urlEqualTo(leadUrl))
        .withRequestBody(notContaining("OwnerId"))
        .withRequestBody(matchingJsonPath("$.Description", containing("Owner in Leadflow: lena@leadflow.example"))));
  }

  @Test
  void shouldWriteTheLeadWithoutOwnerWhenSalesforceRefusesTheUserAndNotTryThemAgain() {
    SalesforceServer.knowsUser(salesforce, "sam@leadflow.example", "0055e00000SamUser");
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).withRequestBody(containing("OwnerId")).willReturn(jsonResponse("""
        [{"message":"operation performed with inactive user [0055e00000SamUser] as owner of lead",
          "errorCode":"INACTIVE_OWNER_OR_USER","fields":[]}]""", 400)));
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).withRequestBody(notContaining("OwnerId"))
        .willReturn(created("00Q5e00000AbCdEFGH")));

    String recordId = crm.upsertLead(owned("sam@leadflow.example"));
    crm.upsertLead(owned("sam@leadflow.example"));

    assertThat(recordId).isEqualTo("00Q5e00000AbCdEFGH");
    salesforce.verify(1, patchRequestedFor(urlEqualTo(leadUrl)).withRequestBody(containing("OwnerId")));
    salesforce.verify(2, patchRequestedFor(urlEqualTo(leadUrl)).withRequestBody(notContaining("OwnerId")));
    salesforce.verify(1, getRequestedFor(urlPathEqualTo(SalesforceServer.QUERY)));
  }

  @Test
  void shouldWriteTheLeadWithoutOwnerWhenSalesforceRefusesTheUserLookup() {
    // a Run As user without read access to User
    salesforce.stubFor(get(urlPathEqualTo(SalesforceServer.QUERY)).atPriority(1).willReturn(jsonResponse("""
        [{"message":"sObject type 'User' is not supported.","errorCode":"INVALID_TYPE"}]""", 400)));
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(created("00Q5e00000AbCdEFGH")));

    String recordId = crm.upsertLead(owned("sam@leadflow.example"));

    assertThat(recordId).isEqualTo("00Q5e00000AbCdEFGH");
    salesforce.verify(patchRequestedFor(urlEqualTo(leadUrl)).withRequestBody(notContaining("OwnerId")));
  }

  @Test
  void shouldStillRejectALeadForWhatIsWrongWithItsData() {
    SalesforceServer.knowsUser(salesforce, "sam@leadflow.example", "0055e00000SamUser");
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(jsonResponse("""
        [{"message":"Email: invalid email address: ada@@engines","errorCode":"INVALID_EMAIL_ADDRESS",
          "fields":["Email"]}]""", 400)));

    assertThatThrownBy(() -> crm.upsertLead(owned("sam@leadflow.example")))
        .isInstanceOf(CrmRejectedException.class)
        .hasFieldOrPropertyWithValue("field", "Email");
    salesforce.verify(1, patchRequestedFor(urlEqualTo(leadUrl)));
  }

  @Test
  void shouldGiveTasksAndOpportunitiesToTheOwnersUserToo() {
    SalesforceServer.knowsUser(salesforce, "sam@leadflow.example", "0055e00000SamUser");
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(created("00Q5e00000AbCdEFGH")));
    crm.upsertLead(lead());
    UUID activityId = UUID.randomUUID();
    UUID opportunityId = UUID.randomUUID();
    salesforce.stubFor(patch(urlEqualTo(taskUrl(activityId))).willReturn(created("00T5e00000CallTask")));
    salesforce.stubFor(patch(urlEqualTo(opportunityUrl(opportunityId))).willReturn(created("0065e00000DealOpen")));

    crm.logActivity(new CrmActivity(activityId, leadId, "CALL", "Discovery call", "REACHED", null, Instant.now(),
        "sam@leadflow.example"));
    crm.upsertOpportunity(new CrmOpportunity(opportunityId, leadId, "Engines platform", new BigDecimal("5000"),
        "EUR", null, "OPEN", null, null, "sam@leadflow.example"));

    salesforce.verify(patchRequestedFor(urlEqualTo(taskUrl(activityId)))
        .withRequestBody(matchingJsonPath("$.OwnerId", equalTo("0055e00000SamUser"))));
    salesforce.verify(patchRequestedFor(urlEqualTo(opportunityUrl(opportunityId)))
        .withRequestBody(matchingJsonPath("$.OwnerId", equalTo("0055e00000SamUser"))));
  }

  @Test
  void shouldNeitherLookUpNorSendOwnersWhenMappingIsOff() {
    SalesforceServer.knowsUser(salesforce, "sam@leadflow.example", "0055e00000SamUser");
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(created("00Q5e00000AbCdEFGH")));

    crmWith(withOwnersMapped(false)).upsertLead(owned("sam@leadflow.example"));

    salesforce.verify(patchRequestedFor(urlEqualTo(leadUrl)).withRequestBody(notContaining("OwnerId")));
    salesforce.verify(0, getRequestedFor(urlPathEqualTo(SalesforceServer.QUERY)));
  }

  @Test
  void shouldWaitAndRetryOnceWhenSalesforceAsksForAShortPause() {
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).inScenario("busy").whenScenarioStateIs(STARTED)
        .willReturn(jsonResponse("""
            [{"message":"Too many requests","errorCode":"REQUEST_LIMIT_EXCEEDED"}]""", 429)
            .withHeader("Retry-After", "1"))
        .willSetStateTo("calm"));
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).inScenario("busy").whenScenarioStateIs("calm")
        .willReturn(created("00Q5e00000AbCdEFGH")));
    Instant start = Instant.now();

    String recordId = crm.upsertLead(lead());

    assertThat(recordId).isEqualTo("00Q5e00000AbCdEFGH");
    assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    salesforce.verify(2, patchRequestedFor(urlEqualTo(leadUrl)));
  }

  @Test
  void shouldFailAsUnavailableWithoutWaitingWhenSalesforceAsksForALongPause() {
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(status(429).withHeader("Retry-After", "120")));
    Instant start = Instant.now();

    assertThatThrownBy(() -> crm.upsertLead(lead()))
        .isInstanceOf(CrmUnavailableException.class)
        .hasMessageStartingWith("Salesforce asked Leadflow to slow down (HTTP 429) while upserting the lead "
            + leadId + " and asked to be called again in 120 s (after ");

    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
    salesforce.verify(1, patchRequestedFor(urlEqualTo(leadUrl)));
  }

  @Test
  void shouldFailAsUnavailableWhenSalesforceIsDown() {
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(status(503).withBody("Service Unavailable")));

    assertThatThrownBy(() -> crm.upsertLead(lead()))
        .isInstanceOf(CrmUnavailableException.class)
        .hasMessage("Salesforce is unavailable (HTTP 503) while upserting the lead " + leadId
            + " and did not say when to call again; the step will be retried");
  }

  @Test
  void shouldFailAsUnavailableWhenTheOrgsApiLimitIsExceeded() {
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(jsonResponse("""
        [{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]""", 403)));

    assertThatThrownBy(() -> crm.upsertLead(lead()))
        .isInstanceOf(CrmUnavailableException.class)
        .hasMessageContaining("Salesforce refused upserting the lead " + leadId)
        .hasMessageContaining("REQUEST_LIMIT_EXCEEDED");
  }

  @Test
  void shouldRejectTheLeadWhenADuplicateRuleMatches() {
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(jsonResponse("""
        [{"message":"Use one of these records?","errorCode":"DUPLICATES_DETECTED","fields":[]}]""", 400)));

    assertThatThrownBy(() -> crm.upsertLead(lead()))
        .isInstanceOfSatisfying(CrmRejectedException.class, rejected -> {
          assertThat(rejected.getCode()).isEqualTo("DUPLICATES_DETECTED");
          assertThat(rejected.getField()).isNull();
          assertThat(rejected.getMessage()).isEqualTo("Salesforce rejected the lead: a duplicate rule matched an "
              + "existing record (DUPLICATES_DETECTED). Salesforce said: Use one of these records?");
        });
    assertThat(jdbc.queryForObject("select count(*) from leadflow.crm_link where external_id = ?", Long.class,
        leadId)).isZero();
  }

  @Test
  void shouldNameTheFieldSalesforceRejected() {
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(jsonResponse("""
        [{"message":"Email: invalid email address: ada@@engines","errorCode":"INVALID_EMAIL_ADDRESS",
          "fields":["Email"]}]""", 400)));

    assertThatThrownBy(() -> crm.upsertLead(lead()))
        .isInstanceOfSatisfying(CrmRejectedException.class, rejected -> {
          assertThat(rejected.getCode()).isEqualTo("INVALID_EMAIL_ADDRESS");
          assertThat(rejected.getField()).isEqualTo("Email");
          assertThat(rejected.getMessage()).startsWith("Salesforce rejected the lead: the email address is not "
              + "valid (INVALID_EMAIL_ADDRESS) on field Email.");
        });
  }

  @Test
  void shouldFailAsUnavailableWhenASuccessfulAnswerCannotBeRead() {
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "text/html").withBody("<html><body>Maintenance</body></html>")));

    assertThatThrownBy(() -> crm.upsertLead(lead()))
        .isInstanceOf(CrmUnavailableException.class)
        .hasMessageStartingWith("Salesforce answered upserting the lead " + leadId + " with HTTP 201 and a body "
            + "Leadflow cannot read");
  }

  @Test
  void shouldFailAsUnavailableWhenASuccessfulAnswerHasNoId() {
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(jsonResponse("{\"success\":true}", 201)));

    assertThatThrownBy(() -> crm.upsertLead(lead()))
        .isInstanceOf(CrmUnavailableException.class)
        .hasMessage("Salesforce answered upserting the lead " + leadId + " with HTTP 201 but without the record's id");
  }

  @Test
  void shouldFailAsUnavailableWhenTheLoginIsRefused() {
    salesforce.stubFor(post(TOKEN).willReturn(jsonResponse("""
        {"error":"invalid_client","error_description":"invalid client credentials"}""", 400)));

    assertThatThrownBy(() -> crm.upsertLead(lead()))
        .isInstanceOf(CrmUnavailableException.class)
        .hasMessageContaining("Salesforce refused Leadflow's login")
        .hasMessageContaining("invalid_client: invalid client credentials")
        .hasMessageContaining("LEADFLOW_SALESFORCE_CLIENT_SECRET");
    salesforce.verify(0, patchRequestedFor(anyUrl()));
  }

  @Test
  void shouldFailAsUnavailableWhenSalesforceCannotBeReached() {
    SalesforceCrm unreachable = crmWith(withLoginUrl(URI.create("http://127.0.0.1:1")));

    assertThatThrownBy(() -> unreachable.upsertLead(lead()))
        .isInstanceOf(CrmUnavailableException.class)
        .hasMessageStartingWith("Salesforce could not be reached to log in at http://127.0.0.1:1/services/oauth2/token");
  }

  @Test
  void shouldFailAsUnavailableWhenSalesforceAnswersTooLate() {
    SalesforceCrm impatient = crmWith(new SalesforceProperties(URI.create(salesforce.baseUrl()), "leadflow-app",
        "s3cret", "v61.0", "Leadflow_Id__c", "Leadflow_Activity_Id__c", "Leadflow_Opportunity_Id__c",
        "Leadflow_Lost_To__c", Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(5), true,
        Duration.ofMinutes(15)));
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(created("00Q5e00000AbCdEFGH").withFixedDelay(3000)));

    assertThatThrownBy(() -> impatient.upsertLead(lead()))
        .isInstanceOf(CrmUnavailableException.class)
        .hasMessageStartingWith("Salesforce could not be reached while upserting the lead " + leadId);
  }

  @Test
  void shouldLogAnActivityOnTheLeadSendingTheLeadFirstWhenSalesforceDoesNotKnowIt() {
    // given a lead in Leadflow that never reached Salesforce
    Lead unsaved = new Lead("grace@navy.example", Instant.now());
    unsaved.describeContact("Grace", "Hopper", "Rear Admiral", null, "US");
    unsaved.describeCompany("US Navy", "navy.example", null, null);
    unsaved.attribute("trade-show", "cobol-expo", null, null);
    Lead lead = leads.save(unsaved);
    String savedLeadUrl = API + "/Lead/Leadflow_Id__c/" + lead.getId();
    UUID activityId = UUID.randomUUID();
    String taskUrl = taskUrl(activityId);
    salesforce.stubFor(patch(urlEqualTo(savedLeadUrl)).willReturn(created("00Q5e00000GraceHop")));
    salesforce.stubFor(patch(urlEqualTo(taskUrl)).willReturn(created("00T5e00000CallTask")));

    String recordId = crm.logActivity(new CrmActivity(activityId, lead.getId(), "CALL", "Discovery call", "REACHED",
        "Wants a demo next week", Instant.parse("2025-05-02T09:30:00Z"), "sam@leadflow.example"));

    assertThat(recordId).isEqualTo("00T5e00000CallTask");
    salesforce.verify(patchRequestedFor(urlEqualTo(savedLeadUrl))
        .withRequestBody(matchingJsonPath("$.LastName", equalTo("Hopper")))
        .withRequestBody(matchingJsonPath("$.Company", equalTo("US Navy"))));
    salesforce.verify(patchRequestedFor(urlEqualTo(taskUrl))
        .withRequestBody(matchingJsonPath("$.WhoId", equalTo("00Q5e00000GraceHop")))
        .withRequestBody(matchingJsonPath("$.Subject", equalTo("Discovery call")))
        .withRequestBody(matchingJsonPath("$.ActivityDate", equalTo("2025-05-02")))
        .withRequestBody(matchingJsonPath("$.Status", equalTo("Completed")))
        .withRequestBody(matchingJsonPath("$.Description", containing("Wants a demo next week")))
        .withRequestBody(matchingJsonPath("$.Description", containing("Outcome: REACHED"))));

    // a second activity finds the lead's Salesforce id in the links and does not send the lead again
    UUID nextActivity = UUID.randomUUID();
    salesforce.stubFor(patch(urlEqualTo(taskUrl(nextActivity)))
        .willReturn(created("00T5e00000MailTask")));
    crm.logActivity(new CrmActivity(nextActivity, lead.getId(), "EMAIL_SENT", null, null, null, Instant.now(), null));
    salesforce.verify(1, patchRequestedFor(urlEqualTo(savedLeadUrl)));
  }

  @Test
  void shouldUpsertALostOpportunityWithItsStageReasonAndCompetitor() {
    UUID opportunityId = UUID.randomUUID();
    String opportunityUrl = opportunityUrl(opportunityId);
    salesforce.stubFor(patch(urlEqualTo(opportunityUrl)).willReturn(created("0065e00000DealLost")));

    String recordId = crm.upsertOpportunity(new CrmOpportunity(opportunityId, leadId, "Engines platform",
        new BigDecimal("12000.00"), "EUR", LocalDate.of(2025, 9, 30), "LOST", "price too high",
        "Difference Engines Inc", "sam@leadflow.example"));

    assertThat(recordId).isEqualTo("0065e00000DealLost");
    salesforce.verify(patchRequestedFor(urlEqualTo(opportunityUrl))
        .withRequestBody(matchingJsonPath("$.Name", equalTo("Engines platform")))
        .withRequestBody(matchingJsonPath("$.StageName", equalTo("Closed Lost")))
        .withRequestBody(matchingJsonPath("$.CloseDate", equalTo("2025-09-30")))
        .withRequestBody(containing("\"Amount\":12000.00"))
        .withRequestBody(matchingJsonPath("$.Leadflow_Lost_To__c", equalTo("Difference Engines Inc")))
        .withRequestBody(matchingJsonPath("$.Description", containing("Lost reason: price too high"))));
  }

  @Test
  void shouldSummariseTheLeadsRecordsWithALinkToTheLeadInSalesforce() {
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(created("00Q5e00000AbCdEFGH")));
    UUID opportunityId = UUID.randomUUID();
    salesforce.stubFor(patch(urlEqualTo(opportunityUrl(opportunityId)))
        .willReturn(created("0065e00000DealOpen")));
    crm.upsertLead(lead());
    crm.upsertOpportunity(new CrmOpportunity(opportunityId, leadId, "Engines platform", new BigDecimal("5000"),
        "EUR", null, "OPEN", null, null, null));

    CrmSummary summary = crm.summary(leadId);

    assertThat(summary.system()).isEqualTo("salesforce");
    assertThat(summary.leadRecordId()).isEqualTo("00Q5e00000AbCdEFGH");
    assertThat(summary.leadUrl()).isEqualTo(salesforce.baseUrl() + "/lightning/r/Lead/00Q5e00000AbCdEFGH/view");
    assertThat(summary.activities()).isEmpty();
    assertThat(summary.opportunities()).extracting("externalId", "recordId", "description")
        .containsExactly(tuple(opportunityId.toString(), "0065e00000DealOpen", "Engines platform · OPEN · 5000 EUR"));
  }

  @Test
  void shouldKeepNoPersonalDataInTheLinksOfAnErasedLead() {
    // given a lead and its opportunity in Salesforce, whose links name the person
    Lead unsaved = new Lead("hedy@lamarr.example", Instant.now());
    unsaved.describeContact("Hedy", "Lamarr", "Inventor", null, "AT");
    unsaved.describeCompany("Frequency Hopping", "lamarr.example", null, null);
    Lead lead = leads.save(unsaved);
    Opportunity unsavedDeal = new Opportunity(UUID.randomUUID(), lead, "EUR", Instant.now());
    unsavedDeal.forecast(new BigDecimal("7000.00"), null);
    Opportunity deal = opportunities.save(unsavedDeal);
    salesforce.stubFor(patch(urlPathMatching(API + "/Lead/.*")).willReturn(created("00Q5e00000HedyLam")));
    salesforce.stubFor(patch(urlPathMatching(API + "/Opportunity/.*")).willReturn(created("0065e00000HedyLam")));
    crm.upsertLead(new CrmLead(lead.getId(), lead.getEmail(), lead.getFirstName(), lead.getLastName(),
        lead.getCompany(), null, null, null, null, null, null, null, null));
    crm.upsertOpportunity(new CrmOpportunity(deal.getId(), lead.getId(), deal.getName(), deal.getAmount(), "EUR",
        null, "OPEN", null, null, null));
    assertThat(descriptions(lead)).containsExactly("Hedy Lamarr · Frequency Hopping",
        "Frequency Hopping – Hedy Lamarr · OPEN · 7000.00 EUR");

    erasure.erase(lead.getId(), Instant.now());

    // the links stay, without the person
    assertThat(descriptions(lead)).containsExactly("Frequency Hopping",
        "Frequency Hopping – erased lead · OPEN · 7000.00 EUR");
  }

  @Test
  void shouldDeleteTheLeadWithItsTasksAndRenameItsOpportunitiesWhenTheLeadIsErased() {
    UUID activityId = UUID.randomUUID();
    UUID dealId = UUID.randomUUID();
    UUID dealNeverSent = UUID.randomUUID();
    String taskUrl = taskUrl(activityId);
    String dealUrl = opportunityUrl(dealId);
    salesforce.stubFor(patch(urlEqualTo(leadUrl)).willReturn(created("00Q5e00000AbCdEFGH")));
    salesforce.stubFor(patch(urlEqualTo(taskUrl)).willReturn(created("00T5e00000CallTask")));
    salesforce.stubFor(patch(urlEqualTo(dealUrl)).willReturn(created("0065e00000DealOpen")));
    crm.upsertLead(lead());
    crm.logActivity(new CrmActivity(activityId, leadId, "CALL", "Discovery call", "REACHED", "Ada wants a demo",
        Instant.now(), null));
    crm.upsertOpportunity(new CrmOpportunity(dealId, leadId, "Analytical Engines – Ada Lovelace", null, "EUR", null,
        "OPEN", null, null, null));
    salesforce.stubFor(delete(urlEqualTo(taskUrl)).willReturn(noContent()));
    salesforce.stubFor(delete(urlEqualTo(leadUrl)).willReturn(noContent()));

    crm.eraseLead(leadId, List.of(
        new CrmOpportunity(dealId, leadId, "Analytical Engines – erased lead", null, "EUR", null, "OPEN", null, null,
            null),
        new CrmOpportunity(dealNeverSent, leadId, "Analytical Engines – erased lead", null, "EUR", null, "OPEN", null,
            null, null)));

    salesforce.verify(deleteRequestedFor(urlEqualTo(taskUrl)));
    salesforce.verify(deleteRequestedFor(urlEqualTo(leadUrl)));
    salesforce.verify(patchRequestedFor(urlEqualTo(dealUrl))
        .withRequestBody(equalToJson("""
            {"Name":"Analytical Engines – erased lead"}""")));
    // an opportunity Salesforce never got is not created now
    salesforce.verify(0, patchRequestedFor(urlPathMatching(API + "/Opportunity/.*/" + dealNeverSent)));
    // the lead's page no longer links to deleted records
    assertThat(jdbc.queryForList("select object_type from leadflow.crm_link where lead_id = ?", String.class,
        leadId)).containsExactly("Opportunity");
    assertThat(crm.summary(leadId).leadRecordId()).isNull();
  }

  @Test
  void shouldCountALeadThatIsGoneFromSalesforceAsErased() {
    salesforce.stubFor(delete(urlEqualTo(leadUrl)).willReturn(jsonResponse("""
        [{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]""", 404)));

    crm.eraseLead(leadId, List.of());

    salesforce.verify(deleteRequestedFor(urlEqualTo(leadUrl)));
  }

  @Test
  void shouldFailTheErasureWhenTheOrgLacksTheExternalIdFieldInsteadOfCountingTheLeadAsGone() {
    salesforce.stubFor(delete(urlEqualTo(leadUrl)).willReturn(jsonResponse("""
        [{"errorCode":"NOT_FOUND","message":"Provided external ID field does not exist or is not accessible: \
        Leadflow_Id__c"}]""", 404)));

    assertThatThrownBy(() -> crm.eraseLead(leadId, List.of()))
        .isInstanceOf(CrmUnavailableException.class)
        .hasMessageStartingWith("Salesforce failed while deleting the lead " + leadId + " (HTTP 404)")
        .hasMessageContaining("external ID field does not exist");
  }

  private List<String> descriptions(Lead lead) {
    return jdbc.queryForList("select description from leadflow.crm_link where lead_id = ? order by object_type",
        String.class, lead.getId());
  }

  private SalesforceCrm crmWith(SalesforceProperties settings) {
    SalesforceApi api = new SalesforceApi(settings, restClients.getObject(), objectMapper);
    return new SalesforceCrm(api, settings, jdbc, leads, new SalesforceUsers(api, settings));
  }

  private SalesforceProperties withLoginUrl(URI loginUrl) {
    return new SalesforceProperties(loginUrl, properties.clientId(), properties.clientSecret(),
        properties.apiVersion(), properties.leadIdField(), properties.activityIdField(),
        properties.opportunityIdField(), properties.lostToField(), properties.connectTimeout(),
        properties.readTimeout(), properties.maxRetryAfterWait(), properties.mapOwners(),
        properties.ownerCacheTime());
  }

  private SalesforceProperties withOwnersMapped(boolean mapOwners) {
    return new SalesforceProperties(properties.loginUrl(), properties.clientId(), properties.clientSecret(),
        properties.apiVersion(), properties.leadIdField(), properties.activityIdField(),
        properties.opportunityIdField(), properties.lostToField(), properties.connectTimeout(),
        properties.readTimeout(), properties.maxRetryAfterWait(), mapOwners, properties.ownerCacheTime());
  }

  private static String taskUrl(UUID activityId) {
    return API + "/Task/Leadflow_Activity_Id__c/" + activityId;
  }

  private static String opportunityUrl(UUID opportunityId) {
    return API + "/Opportunity/Leadflow_Opportunity_Id__c/" + opportunityId;
  }

  private CrmLead owned(String ownerEmail) {
    return new CrmLead(leadId, "ada@engines.example", "Ada", "Lovelace", "Analytical Engines", "CTO", null, "GB",
        "web-form", "engines-webinar", "SAL", 72, ownerEmail);
  }

  private CrmLead lead() {
    return new CrmLead(leadId, "ada@engines.example", "Ada", "Lovelace", "Analytical Engines", "CTO",
        "+44 20 7946 0958", "GB", "web-form", "engines-webinar", "MQL", 40, null);
  }

  private static String token(String accessToken) {
    return """
        {"access_token":"%s","instance_url":"%s","id":"%s/id/00D5e000000XXXX/0055e000000YYYY",
         "token_type":"Bearer","issued_at":"1746172800000","signature":"c2lnbmF0dXJl"}"""
        .formatted(accessToken, salesforce.baseUrl(), salesforce.baseUrl());
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String id) {
    return jsonResponse("""
        {"id":"%s","success":true,"errors":[],"created":true}""".formatted(id), 201);
  }
}
