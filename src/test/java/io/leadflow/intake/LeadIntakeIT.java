package io.leadflow.intake;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.security.ApiKeyAuthenticationFilter;
import io.leadflow.security.ApiKeys;
import io.leadflow.system.IdempotentRequests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

@LeadflowIntegrationTest
class LeadIntakeIT {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired HistoryService history;
  @Autowired ApiKeys apiKeys;

  @Test
  void shouldStoreAPostedLeadNormalisedAndStartItsLifecycle() {
    // when marketing ops posts a lead
    ResponseEntity<JsonNode> created = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads", Map.of(
        "email", "  Ada.Lovelace@Example.COM ", "firstName", " Ada ", "lastName", "Lovelace  King",
        "company", "Analytical Engines", "jobTitle", "CTO", "phone", "020 7946 0958", "country", "United Kingdom",
        "sourceChannel", "web-form", "campaign", "engines-webinar", "marketingConsent", true), JsonNode.class);

    // then it is stored, normalised, and its lifecycle runs under its id, recorded as marketing ops' capture
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.getBody().get("result").asText()).isEqualTo("created");
    String leadId = created.getBody().get("id").asText();
    assertThat(created.getHeaders().getLocation()).hasPath("/api/leads/" + leadId);
    assertThat(jdbc.queryForMap("select email, first_name, last_name, phone, country, company_domain, source_channel, "
        + "campaign, marketing_consent, consent_source from leadflow.lead where id = ?::uuid", leadId))
        .containsEntry("email", "ada.lovelace@example.com")
        .containsEntry("first_name", "Ada")
        .containsEntry("last_name", "Lovelace King")
        .containsEntry("phone", "+442079460958")
        .containsEntry("country", "GB")
        .containsEntry("company_domain", "example.com")
        .containsEntry("source_channel", "web-form")
        .containsEntry("campaign", "engines-webinar")
        .containsEntry("marketing_consent", true)
        .containsEntry("consent_source", "web-form (engines-webinar)");
    assertThat(jdbc.queryForMap("select channel, campaign, request_type, captured_by, outcome, marketing_consent "
        + "from leadflow.inquiry where lead_id = ?::uuid", leadId))
        .containsEntry("channel", "web-form").containsEntry("request_type", "INQUIRY")
        .containsEntry("captured_by", MARKETING_OPS).containsEntry("outcome", "CREATED")
        .containsEntry("marketing_consent", true);
    assertThat(jdbc.queryForList("select from_stage, to_stage, changed_by from leadflow.lead_stage_change "
        + "where lead_id = ?::uuid order by changed_at, id", leadId).get(0))
        .containsEntry("to_stage", "INQUIRY").containsEntry("changed_by", MARKETING_OPS);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(leadId)
        .processDefinitionKey("LeadLifecycle").count()).isOne();
  }

  static Stream<Arguments> badLeads() {
    return Stream.of(
        Arguments.of("missing fields", Map.of("sourceChannel", "web-form"),
            List.of("company", "country", "email", "firstName", "lastName")),
        Arguments.of("malformed email", lead("email", "ada@@example"), List.of("email")),
        Arguments.of("email without domain", lead("email", "ada@localhost"), List.of("email")),
        Arguments.of("oversize name", lead("lastName", "L".repeat(101)), List.of("lastName")),
        Arguments.of("oversize company", lead("company", "C".repeat(201)), List.of("company")),
        Arguments.of("unknown country", lead("country", "Atlantis"), List.of("country")),
        Arguments.of("script in first name", lead("firstName", "<script>alert(1)</script>"), List.of("firstName")),
        Arguments.of("markup in company", lead("company", "Acme <img src=x onerror=alert(1)>"), List.of("company")),
        Arguments.of("invalid phone", lead("phone", "12"), List.of("phone")),
        Arguments.of("phone of another length", lead("phone", "+49 30"), List.of("phone")),
        Arguments.of("unknown channel", lead("sourceChannel", "carrier-pigeon"), List.of("sourceChannel")),
        Arguments.of("unknown asset", lead("asset", "secret-plans"), List.of("asset")),
        Arguments.of("company size out of range", lead("companySize", 0), List.of("companySize")),
        Arguments.of("wrong type", lead("companySize", "many"), List.of("companySize")),
        Arguments.of("wrong enum", lead("requestType", "GIMME"), List.of("requestType")),
        Arguments.of("list instead of text", lead("firstName", List.of("Ada")), List.of("firstName")),
        Arguments.of("unknown field", lead("favouriteColour", "blue"), List.of("favouriteColour")),
        Arguments.of("follow-up date in the past", lead("followUpOn", "2001-01-01"), List.of("followUpOn")),
        Arguments.of("channel without its required phone", Map.of("email", "p@partner.example", "firstName", "P",
            "lastName", "Q", "company", "Partner", "country", "DE", "sourceChannel", "partner"), List.of("phone")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badLeads")
  void shouldRefuseABadLeadNamingEveryBadFieldAndStoreNothing(String why, Map<String, Object> lead,
      List<String> fields) {
    long leadsBefore = count("lead");
    long inquiriesBefore = count("inquiry");

    ResponseEntity<JsonNode> response = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads", lead,
        JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response.getBody().get("errors").findValuesAsText("field")).containsExactlyElementsOf(fields);
    assertThat(response.getBody().get("errors").findValuesAsText("detail")).allSatisfy(detail ->
        assertThat(detail).isNotBlank());
    assertThat(count("lead")).isEqualTo(leadsBefore);
    assertThat(count("inquiry")).isEqualTo(inquiriesBefore);
  }

  @Test
  void shouldMergeASecondInquiryOfTheSamePersonIntoTheirLead() {
    String first = post(lead("email", "grace@navy.example", "campaign", "first-touch")).getBody().get("id").asText();

    ResponseEntity<JsonNode> again = post(lead("email", " GRACE@navy.example", "campaign", "second-touch",
        "jobTitle", "Rear Admiral", "requestType", "DEMO"));

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().get("result").asText()).isEqualTo("merged");
    assertThat(again.getBody().get("id").asText()).isEqualTo(first);
    assertThat(jdbc.queryForMap("select campaign, job_title from leadflow.lead where id = ?::uuid", first))
        .containsEntry("campaign", "first-touch").containsEntry("job_title", "Rear Admiral");
    assertThat(jdbc.queryForList("select campaign from leadflow.inquiry where lead_id = ?::uuid order by received_at",
        String.class, first)).containsExactly("first-touch", "second-touch");
    assertThat(jdbc.queryForList("select type from leadflow.lead_activity where lead_id = ?::uuid", String.class,
        first)).contains("INQUIRY", "DEMO_REQUEST");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(first)
        .processDefinitionKey("LeadLifecycle").count()).isOne();
  }

  @Test
  void shouldKnowACallerWithoutEmailByPhoneAndCompany() {
    Map<String, Object> call = Map.of("firstName", "Radia", "lastName", "Perlman", "company", "Spanning Tree Inc.",
        "phone", "+1 (212) 555-0175", "country", "US", "sourceChannel", "inbound-call");
    String first = post(call).getBody().get("id").asText();

    ResponseEntity<JsonNode> again = post(Map.of("firstName", "Radia", "lastName", "Perlman",
        "company", "spanning tree inc", "phone", "212 555 0175", "country", "US", "sourceChannel", "inbound-call"));

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().get("id").asText()).isEqualTo(first);
    assertThat(jdbc.queryForObject("select phone from leadflow.lead where id = ?::uuid", String.class, first))
        .isEqualTo("+12125550175");
  }

  @Test
  void shouldCreateExactlyOneLeadWhenTwentyPostsOfANewPersonArriveAtOnce() throws Exception {
    int threads = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<ResponseEntity<JsonNode>>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        Callable<ResponseEntity<JsonNode>> post = () -> {
          start.await();
          return post(lead("email", "twenty@crowd.example"));
        };
        answers.add(pool.submit(post));
      }
      start.countDown();
      List<ResponseEntity<JsonNode>> responses = new ArrayList<>();
      for (Future<ResponseEntity<JsonNode>> answer : answers) {
        responses.add(answer.get());
      }

      assertThat(responses).extracting(ResponseEntity::getStatusCode)
          .containsOnly(HttpStatus.CREATED, HttpStatus.OK);
      assertThat(responses).filteredOn(response -> response.getStatusCode() == HttpStatus.CREATED).hasSize(1);
      assertThat(responses).extracting(response -> response.getBody().get("id").asText()).hasSize(threads)
          .containsOnly(responses.get(0).getBody().get("id").asText());
      assertThat(jdbc.queryForObject("select count(*) from leadflow.lead where email = 'twenty@crowd.example'",
          Long.class)).isOne();
      assertThat(jdbc.queryForObject("select count(*) from leadflow.inquiry i join leadflow.lead l on l.id = "
          + "i.lead_id where l.email = 'twenty@crowd.example'", Long.class)).isEqualTo(threads);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldAnswerARetryWithAnIdempotencyKeyLikeTheFirstRequestAndStoreNothingTwice() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(IdempotentRequests.HEADER, "retry-7f3a");
    Map<String, Object> lead = lead("email", "retry@once.example");

    ResponseEntity<JsonNode> first = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads",
        new HttpEntity<>(lead, headers), JsonNode.class);
    ResponseEntity<JsonNode> retry = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads",
        new HttpEntity<>(lead, headers), JsonNode.class);
    ResponseEntity<JsonNode> misuse = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads",
        new HttpEntity<>(lead("email", "other@once.example"), headers), JsonNode.class);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(retry.getHeaders().getFirst(IdempotentRequests.REPLAYED)).isEqualTo("true");
    assertThat(retry.getBody()).isEqualTo(first.getBody());
    assertThat(jdbc.queryForObject("select count(*) from leadflow.inquiry i join leadflow.lead l on l.id = "
        + "i.lead_id where l.email = 'retry@once.example'", Long.class)).isOne();
    assertThat(misuse.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(count("lead where email = 'other@once.example'")).isZero();
  }

  @Test
  void shouldLetAMachineClientCaptureWithItsApiKeyUntilTheKeyIsRevoked() {
    ResponseEntity<JsonNode> created = rest.withBasicAuth(ADMIN, PASSWORD).postForEntity("/api/admin/api-keys",
        Map.of("name", "partner-acme", "channel", "partner"), JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String key = created.getBody().get("key").asText();
    assertThat(rest.withBasicAuth(ADMIN, PASSWORD).getForObject("/api/admin/api-keys", String.class))
        .contains("partner-acme").doesNotContain(key);
    HttpHeaders headers = new HttpHeaders();
    headers.set(ApiKeyAuthenticationFilter.HEADER, key);
    Map<String, Object> lead = new HashMap<>(lead("email", "via.partner@acme.example", "phone", "+49 89 1234567"));
    lead.remove("sourceChannel");

    ResponseEntity<JsonNode> captured = rest.postForEntity("/api/leads", new HttpEntity<>(lead, headers),
        JsonNode.class);
    ResponseEntity<JsonNode> wrongChannel = rest.postForEntity("/api/leads",
        new HttpEntity<>(lead("email", "x@acme.example"), headers), JsonNode.class);
    ResponseEntity<String> reading = rest.exchange("/api/leads/" + captured.getBody().get("id").asText(),
        org.springframework.http.HttpMethod.GET, new HttpEntity<>(headers), String.class);

    assertThat(captured.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(jdbc.queryForMap("select source_channel from leadflow.lead where email = 'via.partner@acme.example'"))
        .containsEntry("source_channel", "partner");
    assertThat(jdbc.queryForObject("select captured_by from leadflow.inquiry where lead_id = ?::uuid", String.class,
        captured.getBody().get("id").asText())).isEqualTo("api-key:partner-acme");
    assertThat(wrongChannel.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // the leads' pages and their API know no API key: to them the client has not logged in
    assertThat(reading.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    rest.withBasicAuth(ADMIN, PASSWORD).delete("/api/admin/api-keys/" + created.getBody().get("id").asText());
    ResponseEntity<JsonNode> revoked = rest.postForEntity("/api/leads",
        new HttpEntity<>(lead("email", "after@acme.example"), headers), JsonNode.class);
    assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void shouldCaptureWithAnApiKeyOfTheLongestNameAndACampaignOfTheLongestName() {
    String name = "partner-" + "x".repeat(92);
    String campaign = "c".repeat(100);
    ResponseEntity<JsonNode> created = rest.withBasicAuth(ADMIN, PASSWORD).postForEntity("/api/admin/api-keys",
        Map.of("name", name, "channel", "partner"), JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    HttpHeaders headers = new HttpHeaders();
    headers.set(ApiKeyAuthenticationFilter.HEADER, created.getBody().get("key").asText());
    Map<String, Object> lead = new HashMap<>(lead("email", "long.names@acme.example", "phone", "+49 89 7654321",
        "campaign", campaign, "marketingConsent", true));
    lead.remove("sourceChannel");

    ResponseEntity<JsonNode> captured = rest.postForEntity("/api/leads", new HttpEntity<>(lead, headers),
        JsonNode.class);

    assertThat(captured.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String leadId = captured.getBody().get("id").asText();
    assertThat(jdbc.queryForObject("select consent_source from leadflow.lead where id = ?::uuid", String.class,
        leadId)).isEqualTo("partner (" + campaign + ")");
    assertThat(jdbc.queryForList("select recorded_by from leadflow.lead_activity where lead_id = ?::uuid",
        String.class, leadId)).isNotEmpty().containsOnly("api-key:" + name);
    rest.withBasicAuth(ADMIN, PASSWORD).delete("/api/admin/api-keys/" + created.getBody().get("id").asText());
  }

  @Test
  void shouldTakeA00PrefixAsTheInternationalPrefixWhenNoCountryIsGiven() {
    Map<String, Object> lead = lead("email", "double.zero@event.example", "sourceChannel", "event", "phone",
        "0049 30 901820");
    lead.remove("country");

    ResponseEntity<JsonNode> created = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads", lead,
        JsonNode.class);

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(jdbc.queryForObject("select phone from leadflow.lead where email = 'double.zero@event.example'",
        String.class)).isEqualTo("+4930901820");
  }

  @Test
  void shouldKeepCaptureToThoseWhoCapture() {
    assertThat(rest.withBasicAuth(REP_EMEA, PASSWORD).postForEntity("/api/leads", lead("email", "rep@x.example"),
        String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/admin/api-keys",
        Map.of("name", "sneaky"), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void shouldCaptureFormEncodedFieldsLikeJson() {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    lead("email", "form@fields.example", "marketingConsent", "on").forEach((name, value) ->
        form.add(name, value.toString()));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);

    ResponseEntity<JsonNode> created = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads",
        new HttpEntity<>(form, headers), JsonNode.class);

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(jdbc.queryForObject("select marketing_consent from leadflow.lead where email = 'form@fields.example'",
        Boolean.class)).isTrue();
  }

  @Test
  void shouldTakeALeadFromTheSampleLandingPageToTheThankYouPage() {
    String page = rest.getForObject("/landing/", String.class);
    assertThat(page).contains("action=\"/landing/leads\"").contains("name=\"website\"");
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    Map.of("email", "Landing.Visitor@Pages.example", "firstName", "Lin", "lastName", "Visitor", "company", "Pages",
        "country", "DE", "campaign", "spring-webinar", "asset", "webinar-recording", "requestType", "CONTENT_DOWNLOAD",
        "marketingConsent", "true", "website", "").forEach(form::add);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);

    ResponseEntity<String> answer = rest.withRedirects(Redirects.DONT_FOLLOW).postForEntity("/landing/leads",
        new HttpEntity<>(form, headers), String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
    assertThat(answer.getHeaders().getLocation()).hasPath("/landing/thank-you.html");
    assertThat(rest.getForObject(answer.getHeaders().getLocation(), String.class)).contains("Thank you");
    assertThat(jdbc.queryForMap("select source_channel, campaign, asset, consent_source from leadflow.lead "
        + "where email = 'landing.visitor@pages.example'"))
        .containsEntry("source_channel", "landing-page").containsEntry("campaign", "spring-webinar")
        .containsEntry("asset", "webinar-recording");
  }

  @Test
  void shouldKeepWhereAConsentWasGivenAsFarAsItFitsWhenTheLandingPageAddressIsLong() {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    Map.of("email", "long.referrer@pages.example", "firstName", "Lou", "lastName", "Referrer", "company", "Pages",
        "country", "DE", "campaign", "spring-webinar", "marketingConsent", "true", "website", "").forEach(form::add);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.set(HttpHeaders.REFERER, "https://pages.example/spring?utm_source=" + "s".repeat(1500));

    ResponseEntity<String> answer = rest.withRedirects(Redirects.DONT_FOLLOW).postForEntity("/landing/leads",
        new HttpEntity<>(form, headers), String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
    String consentSource = jdbc.queryForObject("select consent_source from leadflow.lead "
        + "where email = 'long.referrer@pages.example'", String.class);
    assertThat(consentSource).hasSize(300).startsWith("landing page https://pages.example/spring?utm_source=sss")
        .endsWith("\u2026");
    assertThat(jdbc.queryForObject("select i.consent_source from leadflow.inquiry i join leadflow.lead l "
        + "on l.id = i.lead_id where l.email = 'long.referrer@pages.example'", String.class)).isEqualTo(consentSource);
  }

  @Test
  void shouldDropALandingPagePostThatFilledTheHoneypotAndNameBadFieldsOnAPage() {
    MultiValueMap<String, String> bot = new LinkedMultiValueMap<>();
    Map.of("email", "bot@spam.example", "firstName", "Bot", "lastName", "Bot", "company", "Spam", "country", "DE",
        "website", "http://spam.example").forEach(bot::add);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);

    ResponseEntity<String> answer = rest.withRedirects(Redirects.DONT_FOLLOW).postForEntity("/landing/leads",
        new HttpEntity<>(bot, headers), String.class);
    MultiValueMap<String, String> bad = new LinkedMultiValueMap<>(bot);
    bad.set("website", "");
    bad.set("email", "not-an-address");
    ResponseEntity<String> invalid = rest.postForEntity("/landing/leads", new HttpEntity<>(bad, headers),
        String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
    assertThat(count("lead where email = 'bot@spam.example'")).isZero();
    assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(invalid.getBody()).contains("email").contains("must be a well-formed email address");
  }

  @Test
  void shouldLimitLandingPagePostsPerVisitorBehindAReverseProxy() {
    // the test client connects from 127.0.0.1, as a proxy on the same host or network would
    Function<String, ResponseEntity<String>> postFrom = visitor -> {
      HttpHeaders headers = new HttpHeaders();
      headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
      headers.set("X-Forwarded-For", visitor);
      MultiValueMap<String, String> bot = new LinkedMultiValueMap<>();
      Map.of("email", "eager@bot.example", "website", "http://bot.example").forEach(bot::add);
      return rest.withRedirects(Redirects.DONT_FOLLOW).postForEntity("/landing/leads",
          new HttpEntity<>(bot, headers), String.class);
    };

    // the limit is per minute (10 by default); a new minute may begin in between, hence up to twice as many posts
    ResponseEntity<String> refused = null;
    for (int post = 0; post < 21 && refused == null; post++) {
      ResponseEntity<String> answer = postFrom.apply("203.0.113.7");
      if (answer.getStatusCode() == HttpStatus.TOO_MANY_REQUESTS) {
        refused = answer;
      } else {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
      }
    }
    ResponseEntity<String> otherVisitor = postFrom.apply("198.51.100.23");

    assertThat(refused).as("the eager visitor is slowed down").isNotNull();
    assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
    assertThat(otherVisitor.getStatusCode()).as("another visitor behind the same proxy")
        .isEqualTo(HttpStatus.SEE_OTHER);
  }

  @Test
  void shouldDescribeTheApiInOpenApi() {
    JsonNode api = rest.getForObject("/v3/api-docs", JsonNode.class);

    assertThat(api.get("paths").has("/api/leads")).isTrue();
    assertThat(api.get("paths").has("/api/leads/imports")).isTrue();
    assertThat(api.get("paths").has("/api/leads/{id}/activities")).isTrue();
  }

  @Test
  void shouldAnswerNotFoundForAnUnknownLead() {
    ResponseEntity<JsonNode> response = rest.withBasicAuth(REP_EMEA, PASSWORD)
        .getForEntity("/api/leads/{id}", JsonNode.class, "6b0c2f0e-0000-4000-8000-000000000000");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  private ResponseEntity<JsonNode> post(Map<String, Object> lead) {
    return rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads", lead, JsonNode.class);
  }

  /** A valid web-form lead with some fields replaced. */
  static Map<String, Object> lead(Object... replacements) {
    Map<String, Object> lead = new HashMap<>(Map.of("email", "valid@lead.example", "firstName", "Valid",
        "lastName", "Lead", "company", "Valid Ltd", "country", "DE", "sourceChannel", "web-form"));
    for (int i = 0; i < replacements.length; i += 2) {
      lead.put((String) replacements[i], replacements[i + 1]);
    }
    return lead;
  }

  private long count(String table) {
    return jdbc.queryForObject("select count(*) from leadflow." + table, Long.class);
  }
}
