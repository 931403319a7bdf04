package io.leadflow.intake;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.Mailbox;
import io.leadflow.mail.UnsubscribeLinks;
import io.leadflow.security.ApiKeys;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The public doors, the landing page and API keys, are used by anyone: what they send about a known person is recorded
 * and offered, never written over the lead; a consent the person withdrew comes back only when they confirm it from
 * their own mailbox; and the landing page cannot be used to flood a stranger's mailbox.
 */
@LeadflowIntegrationTest
class UntrustedCaptureIT {

  private static final Pattern RESUBSCRIBE_LINK = Pattern.compile("https?://\\S+?(/resubscribe\\?\\S+)");

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired ApiKeys apiKeys;
  @Autowired Mailbox mailbox;
  @Autowired UnsubscribeLinks unsubscribeLinks;
  @LocalServerPort int port;

  @Test
  void shouldRecordALandingPagePostForAKnownPersonAndOfferWhatDiffersWithoutChangingTheLead() {
    String leadId = knownLead("ada.known@engines.example");

    ResponseEntity<String> answer = landingPage(Map.of("email", "Ada.Known@Engines.example", "firstName", "Eve",
        "lastName", "Mallory", "company", "Evil Corp", "country", "GB", "phone", "+49 30 1234567",
        "jobTitle", "Head of IT"), "203.0.113.50");

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
    assertThat(jdbc.queryForMap("select first_name, last_name, company, phone, country, job_title from leadflow.lead "
        + "where id = ?::uuid", leadId))
        .containsEntry("first_name", "Ada").containsEntry("last_name", "Lovelace")
        .containsEntry("company", "Analytical Engines").containsEntry("phone", "+442079460958")
        .containsEntry("country", "GB")
        // a field the lead had no value for is filled, as a later form of progressive profiling does
        .containsEntry("job_title", "Head of IT");
    assertThat(jdbc.queryForList("select channel, outcome, captured_by from leadflow.inquiry where lead_id = ?::uuid "
        + "order by received_at", leadId)).extracting(row -> row.get("channel") + " " + row.get("outcome") + " by "
            + row.get("captured_by"))
        .containsExactly("web-form CREATED by mia", "landing-page MERGED by landing-page");
    JsonNode lead = rest.withBasicAuth(MARKETING_OPS, PASSWORD).getForObject("/api/leads/{id}", JsonNode.class,
        leadId);
    assertThat(proposals(lead)).containsExactlyInAnyOrder(
        "firstName: Ada -> Eve (landing-page)", "lastName: Lovelace -> Mallory (landing-page)",
        "company: Analytical Engines -> Evil Corp (landing-page)", "phone: +442079460958 -> +49301234567 (landing-page)");
    assertThat(lead.get("proposedChanges").get(0).get("inquiryId").asText()).isEqualTo(jdbc.queryForObject(
        "select id::text from leadflow.inquiry where lead_id = ?::uuid and channel = 'landing-page'", String.class,
        leadId));
  }

  @Test
  void shouldOfferWhatAnApiKeySendsAboutAKnownPersonButApplyWhatMarketingOpsCapture() {
    String leadId = knownLead("grace.known@engines.example");
    ApiKeys.ApiKey key = apiKeys.create("web-form-backend-" + UUID.randomUUID().toString().substring(0, 8),
        "web-form", ADMIN);
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-API-Key", key.key());

    ResponseEntity<JsonNode> byKey = rest.postForEntity("/api/leads", new HttpEntity<>(Map.of(
        "email", "grace.known@engines.example", "firstName", "Mallory", "lastName", "Lovelace",
        "company", "Analytical Engines", "country", "GB", "sourceChannel", "web-form"), headers), JsonNode.class);

    assertThat(byKey.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(jdbc.queryForObject("select first_name from leadflow.lead where id = ?::uuid", String.class, leadId))
        .isEqualTo("Ada");
    JsonNode lead = rest.withBasicAuth(MANAGER, PASSWORD)
        .getForObject("/api/leads/{id}", JsonNode.class, leadId);
    assertThat(proposals(lead)).containsExactly("firstName: Ada -> Mallory (api-key:" + key.name() + ")");

    // marketing ops, logged in, are trusted: what they capture is applied, and settles the open proposals
    ResponseEntity<JsonNode> byMarketingOps = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads",
        Map.of("email", "grace.known@engines.example", "firstName", "Grace", "lastName", "Hopper",
            "company", "Analytical Engines", "country", "GB", "sourceChannel", "web-form"), JsonNode.class);

    assertThat(byMarketingOps.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(jdbc.queryForMap("select first_name, last_name from leadflow.lead where id = ?::uuid", leadId))
        .containsEntry("first_name", "Grace").containsEntry("last_name", "Hopper");
    assertThat(proposals(rest.withBasicAuth(MARKETING_OPS, PASSWORD).getForObject("/api/leads/{id}", JsonNode.class,
        leadId))).isEmpty();
  }

  @Test
  void shouldEraseWhatWasOfferedWithTheLead() {
    String leadId = knownLead("ida.erase@engines.example");
    landingPage(Map.of("email", "ida.erase@engines.example", "firstName", "Ada", "lastName", "Otherwise",
        "company", "Analytical Engines", "country", "GB", "phone", "+49 30 1234567"), "203.0.113.51");
    assertThat(jdbc.queryForObject("select count(*) from leadflow.lead_proposed_change where lead_id = ?::uuid",
        Integer.class, leadId)).isEqualTo(2);

    ResponseEntity<JsonNode> erasure = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity(
        "/api/leads/{id}/erasure", Map.of("reason", "Ticket DPO-777"), JsonNode.class, leadId);

    assertThat(erasure.getStatusCode().is2xxSuccessful()).isTrue();
    await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
        "select erased_at is not null from leadflow.lead where id = ?::uuid", Boolean.class, leadId));
    assertThat(jdbc.queryForObject("select count(*) from leadflow.lead_proposed_change where lead_id = ?::uuid",
        Integer.class, leadId)).isZero();
    assertThat(rest.withBasicAuth(MARKETING_OPS, PASSWORD).getForObject("/api/leads/{id}", JsonNode.class, leadId)
        .get("proposedChanges")).isEmpty();
  }

  @Test
  void shouldKeepAWithdrawnConsentWithdrawnUntilThePersonConfirmsFromTheirMailbox() {
    String email = "una.subscribe@engines.example";
    String leadId = knownLead(email);
    unsubscribe(leadId);

    // the landing page ticked "send me emails", by the person or by anyone who knows the address
    landingPage(Map.of("email", email, "firstName", "Ada", "lastName", "Lovelace", "company", "Analytical Engines",
        "country", "GB", "marketingConsent", "true"), "203.0.113.52");

    assertThat(consent(leadId)).containsEntry("marketing_consent", false);
    MimeMessage confirmation = await().atMost(Duration.ofSeconds(60))
        .until(() -> mailbox.receivedBy(email, "Confirm"), mails -> mails.size() == 1).get(0);
    assertThat(consent(leadId)).containsEntry("marketing_consent", false);
    Matcher link = RESUBSCRIBE_LINK.matcher(Mailbox.text(confirmation));
    assertThat(link.find()).as(Mailbox.text(confirmation)).isTrue();
    String confirmPath = link.group(1);

    // a tampered link confirms nothing; opening the real one asks first (mail scanners open links too)
    ResponseEntity<String> tampered = rest.getForEntity(confirmPath.replaceAll("token=[^&]+", "token=forged"),
        String.class);
    assertThat(tampered.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<String> page = rest.getForEntity(confirmPath, String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("<form method=\"post\"");
    assertThat(consent(leadId)).containsEntry("marketing_consent", false);

    ResponseEntity<String> confirmed = rest.postForEntity(confirmPath, null, String.class);

    assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(confirmed.getBody()).contains(email);
    assertThat(consent(leadId)).containsEntry("marketing_consent", true).containsEntry("unsubscribed_at", null);
    assertThat((String) consent(leadId).get("consent_source")).startsWith("landing page").contains("confirmed");
    assertThat(jdbc.queryForObject("select consent_confirmation from leadflow.inquiry where lead_id = ?::uuid "
        + "and channel = 'landing-page'", String.class, leadId)).isEqualTo("CONFIRMED");
    // the link is used up
    assertThat(rest.postForEntity(confirmPath, null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void shouldSendOneConfirmationADayHoweverOftenAWithdrawnConsentIsTicked() {
    String email = "ulla.subscribe@engines.example";
    String leadId = knownLead(email);
    unsubscribe(leadId);

    for (int post = 0; post < 3; post++) {
      landingPage(Map.of("email", email, "firstName", "Ada", "lastName", "Lovelace", "company",
          "Analytical Engines", "country", "GB", "marketingConsent", "true"), "203.0.113.6" + post);
    }

    // every request is acknowledged; the confirmation goes once
    await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.receivedBy(email, "Your copy").size() == 3);
    assertThat(mailbox.receivedBy(email, "Confirm")).hasSize(1);
    assertThat(consent(leadId)).containsEntry("marketing_consent", false);
  }

  @Test
  void shouldLimitLandingPagePostsPerRecipientWhateverTheVisitor() {
    String stranger = "stranger@victim.example";
    Map<String, String> form = Map.of("email", stranger, "firstName", "Sam", "lastName", "Stranger",
        "company", "Victim", "country", "DE");

    ResponseEntity<String> refused = null;
    int accepted = 0;
    for (int post = 0; post < 20 && refused == null; post++) {
      ResponseEntity<String> answer = landingPage(form, "198.51.100." + (post + 1));
      if (answer.getStatusCode() == HttpStatus.TOO_MANY_REQUESTS) {
        refused = answer;
      } else {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        accepted++;
      }
    }

    assertThat(refused).as("posts for the same address from twenty visitors").isNotNull();
    assertThat(accepted).isEqualTo(5);
    assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
    assertThat(refused.getBody()).contains("this email address");
    assertThat(jdbc.queryForObject("select count(*) from leadflow.inquiry i join leadflow.lead l on l.id = i.lead_id "
        + "where l.email = ?", Integer.class, stranger)).isEqualTo(accepted);
    int sent = accepted;
    await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.receivedBy(stranger).size() == sent);
  }

  @Test
  void shouldCountAVisitorByTheConnectionUnlessItComesThroughAListedProxy() throws IOException {
    // 127.0.0.2 is on the loopback interface too, but not a listed proxy (the test profile lists 127.0.0.1)
    InetAddress unlisted = InetAddress.getByName("127.0.0.2");
    Assumptions.assumeTrue(bindable(unlisted), "127.0.0.2 cannot be bound on this machine");

    int refusedAt = 0;
    for (int post = 1; post <= 21 && refusedAt == 0; post++) {
      int status = rawLandingPost(unlisted, "192.0.2." + post);
      if (status == 429) {
        refusedAt = post;
      } else {
        assertThat(status).isEqualTo(303);
      }
    }

    // the limit is 10 a minute; a new minute may begin in between
    assertThat(refusedAt).as("a client that names another visitor in X-Forwarded-For each time").isBetween(11, 21);
  }

  private String knownLead(String email) {
    ResponseEntity<JsonNode> created = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads",
        Map.of("email", email, "firstName", "Ada", "lastName", "Lovelace", "company", "Analytical Engines",
            "phone", "020 7946 0958", "country", "United Kingdom", "sourceChannel", "web-form",
            "marketingConsent", true), JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return created.getBody().get("id").asText();
  }

  /** As the person does, with the signed link of a marketing mail. */
  private void unsubscribe(String leadId) {
    ResponseEntity<String> unsubscribed = rest.postForEntity("/unsubscribe?"
        + URI.create(unsubscribeLinks.url(UUID.fromString(leadId))).getRawQuery(), null, String.class);
    assertThat(unsubscribed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(consent(leadId)).containsEntry("marketing_consent", false);
  }

  private ResponseEntity<String> landingPage(Map<String, String> fields, String visitor) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    fields.forEach(form::add);
    form.add("website", "");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.set("X-Forwarded-For", visitor);
    return rest.withRedirects(Redirects.DONT_FOLLOW).postForEntity("/landing/leads", new HttpEntity<>(form, headers),
        String.class);
  }

  private Map<String, Object> consent(String leadId) {
    return new HashMap<>(jdbc.queryForMap("select marketing_consent, consent_source, unsubscribed_at "
        + "from leadflow.lead where id = ?::uuid", leadId));
  }

  private static List<String> proposals(JsonNode lead) {
    return lead.get("proposedChanges").findParents("field").stream()
        .map(change -> change.get("field").asText() + ": " + change.get("current").asText() + " -> "
            + change.get("proposed").asText() + " (" + change.get("by").asText() + ")")
        .toList();
  }

  private static boolean bindable(InetAddress address) {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(address, 0));
      return true;
    } catch (IOException notHere) {
      return false;
    }
  }

  /** A bot's post from the given local address, naming another visitor in X-Forwarded-For; the status it got. */
  private int rawLandingPost(InetAddress from, String claimedVisitor) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("email", "bot@bot.example");
    fields.put("website", "http://bot.example");
    byte[] body = fields.entrySet().stream()
        .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&")).getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /landing/leads HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n"
          + "X-Forwarded-For: " + claimedVisitor + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }
}
