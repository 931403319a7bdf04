package io.leadflow.intake;

import static io.leadflow.DemoUsers.MARKETING_OPS;
import static io.leadflow.DemoUsers.PASSWORD;
import static io.leadflow.DemoUsers.REP_EMEA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

@LeadflowIntegrationTest
class LeadImportIT {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldImportGoodRowsMergeKnownPeopleSkipRepeatsAndReportBadRowsByLine() {
    // a person the list names is known already
    assertThat(rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads", Map.of(
        "email", "grace@navy-systems.example", "firstName", "Grace", "lastName", "Hopper", "company", "Navy Systems",
        "country", "US", "sourceChannel", "web-form"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String csv = """
        email,firstName,lastName,company,country,phone,jobTitle,marketingConsent
        linus@torvalds-kernel.example,Linus,Torvalds,Kernel Works,FI,+358 9 1234567,Chief Architect,yes
        grace@navy-systems.example,Grace,Hopper,Navy Systems,US,,Rear Admiral,no
        not-an-email,Bad,Row,Nowhere Inc,DE,,,
        "Margaret.Hamilton@Apollo-Software.example ",Margaret,Hamilton,"Apollo Software, Inc.",United States,,,
        linus@torvalds-kernel.example,Linus,Torvalds,Kernel Works,FI,,,
        ada@engines.example,Ada,Lovelace,Analytical Engines,Atlantis,,,
        """;

    ResponseEntity<JsonNode> upload = upload(csv, "trade-show", "Hannover Messe 2026", "hannover.csv");

    assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String id = upload.getBody().get("id").asText();
    assertThat(upload.getHeaders().getLocation()).hasPath("/api/leads/imports/" + id);
    JsonNode done = awaitDone(id);
    assertThat(done.get("status").asText()).isEqualTo("done");
    assertThat(done.get("rowsRead").asInt()).isEqualTo(6);
    assertThat(done.get("created").asInt()).isEqualTo(2);
    assertThat(done.get("merged").asInt()).isEqualTo(1);
    assertThat(done.get("unchanged").asInt()).as("Linus listed twice").isEqualTo(1);
    assertThat(done.get("rejected").asInt()).isEqualTo(2);
    // the rejected rows, by their line in the file (the header is line 1), with every reason
    assertThat(done.get("rejections").get(0).get("line").asLong()).isEqualTo(4);
    assertThat(done.get("rejections").get(0).get("reasons").asText()).contains("email");
    assertThat(done.get("rejections").get(1).get("line").asLong()).isEqualTo(7);
    assertThat(done.get("rejections").get(1).get("reasons").asText()).contains("country");
    // imported leads are clean and attributed to the trade show
    assertThat(jdbc.queryForMap("select l.email, l.country, l.company, i.channel, i.campaign, i.request_type, "
            + "i.import_line from leadflow.lead l join leadflow.inquiry i on i.lead_id = l.id "
            + "where l.email = 'margaret.hamilton@apollo-software.example'"))
        .containsEntry("country", "US").containsEntry("channel", "trade-show")
        .containsEntry("campaign", "Hannover Messe 2026").containsEntry("request_type", "TRADE_SHOW")
        .containsEntry("import_line", 5L);
    assertThat(jdbc.queryForObject("select count(*) from leadflow.inquiry i join leadflow.lead l on l.id = i.lead_id "
        + "where l.email = 'grace@navy-systems.example' and i.channel = 'trade-show'", Long.class)).isEqualTo(1L);
    assertThat(jdbc.queryForObject("select count(*) from leadflow.lead where email in ('not-an-email', "
        + "'ada@engines.example')", Long.class)).isZero();

    // the same file again: the same import, nothing new
    long inquiries = jdbc.queryForObject("select count(*) from leadflow.inquiry", Long.class);
    ResponseEntity<JsonNode> again = upload(csv, "trade-show", "Hannover Messe 2026", "hannover-copy.csv");
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().get("id").asText()).isEqualTo(id);
    assertThat(again.getBody().get("uploadedBefore").asBoolean()).isTrue();
    assertThat(jdbc.queryForObject("select count(*) from leadflow.inquiry", Long.class)).isEqualTo(inquiries);
  }

  @Test
  void shouldRefuseAFileOrParametersItCannotImportAndKeepNothing() {
    long imports = jdbc.queryForObject("select count(*) from leadflow.lead_import", Long.class);

    ResponseEntity<JsonNode> badHeader = upload("mail,name\na@b.example,A\n", "trade-show", null, "x.csv");
    ResponseEntity<JsonNode> badChannel = upload("email,firstName\na@b.example,A\n", "carrier-pigeon", null, "y.csv");

    assertThat(badHeader.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badHeader.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(badHeader.getBody().get("errors").get(0).get("field").asText()).isEqualTo("file");
    assertThat(badHeader.getBody().get("errors").get(0).get("detail").asText()).contains("[mail, name]");
    assertThat(badChannel.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badChannel.getBody().get("errors").get(0).get("field").asText()).isEqualTo("channel");
    assertThat(jdbc.queryForObject("select count(*) from leadflow.lead_import", Long.class)).isEqualTo(imports);
  }

  @Test
  void shouldReadAnExcelFileWithAByteOrderMarkAndNameRowsByTheirLineAcrossBlankLinesAndQuotedLineBreaks() {
    String csv = "\uFEFFemail,firstName,lastName,company,country,note\n"
        + "sue@bom-lists.example,Sue,Bom,Bom Lists,DE,\n"
        + "\n"
        + "\n"
        + "tom@bom-lists.example,Tom,Bom,Bom Lists,DE,\"met at the booth,\n"
        + "asked for pricing\"\n"
        + "\n"
        + "not-an-email,Bad,Row,Bom Lists,DE,\n";

    ResponseEntity<JsonNode> upload = upload(csv, "trade-show", "Bom expo", "excel.csv");

    assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    JsonNode done = awaitDone(upload.getBody().get("id").asText());
    assertThat(done.get("status").asText()).isEqualTo("done");
    assertThat(done.get("created").asInt()).isEqualTo(2);
    assertThat(done.get("rejected").asInt()).isEqualTo(1);
    assertThat(done.get("rejections").get(0).get("line").asLong()).isEqualTo(8);
    assertThat(jdbc.queryForObject("select i.import_line from leadflow.inquiry i join leadflow.lead l "
        + "on l.id = i.lead_id where l.email = 'tom@bom-lists.example'", Long.class)).isEqualTo(5L);
  }

  @Test
  void shouldRefuseAFileWithABrokenQuoteHalfwayDownAndKeepNothingOfIt() {
    long imports = jdbc.queryForObject("select count(*) from leadflow.lead_import", Long.class);
    String csv = """
        email,firstName,lastName,company,country
        ann@broken-quote.example,Ann,Quote,Quote Ltd,DE
        bob@broken-quote.example,Bob,Quote,"Quote" Ltd,DE
        """;

    ResponseEntity<JsonNode> upload = upload(csv, "trade-show", null, "broken.csv");

    assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(upload.getBody().get("errors").get(0).get("field").asText()).isEqualTo("file");
    assertThat(upload.getBody().get("errors").get(0).get("detail").asText()).contains("line: 3");
    assertThat(jdbc.queryForObject("select count(*) from leadflow.lead_import", Long.class)).isEqualTo(imports);
    assertThat(jdbc.queryForObject("select count(*) from leadflow.lead where email like '%@broken-quote.example'",
        Long.class)).isZero();
  }

  @Test
  void shouldKeepImportsToThoseWhoCapture() {
    ResponseEntity<String> byRep = rest.withBasicAuth(REP_EMEA, PASSWORD).postForEntity("/api/leads/imports",
        multipart("email\na@b.example\n", "trade-show", null, "z.csv"), String.class);

    assertThat(byRep.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth(MARKETING_OPS, PASSWORD).getForEntity("/api/leads/imports/{id}", String.class,
        UUID.randomUUID()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  private JsonNode awaitDone(String id) {
    return Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
        .until(() -> rest.withBasicAuth(MARKETING_OPS, PASSWORD).getForObject("/api/leads/imports/{id}",
            JsonNode.class, id), report -> !report.get("status").asText().matches("queued|running"));
  }

  private ResponseEntity<JsonNode> upload(String csv, String channel, String campaign, String fileName) {
    return rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads/imports",
        multipart(csv, channel, campaign, fileName), JsonNode.class);
  }

  static HttpEntity<MultiValueMap<String, Object>> multipart(String csv, String channel, String campaign,
      String fileName) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("file", new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    parts.add("channel", channel);
    if (campaign != null) {
      parts.add("campaign", campaign);
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return new HttpEntity<>(parts, headers);
  }
}
