package io.leadflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL, both with job executors: they start together on an empty database, and every
 * deadline's reminder and escalation happens exactly once, whichever node runs it.
 */
class TwoNodesIT {

  private final LeadClient client = new LeadClient();

  @Test
  void shouldStartTogetherAndRunEveryReminderAndEscalationExactlyOnce() throws Exception {
    try (SharedInfrastructure shared = new SharedInfrastructure();
        PackagedApp a = PackagedApp.node("node-a", shared.jdbcUrl(), shared.smtpPort()).start();
        PackagedApp b = PackagedApp.node("node-b", shared.jdbcUrl(), shared.smtpPort()).start()) {
      a.awaitHealthy(Duration.ofMinutes(3));
      b.awaitHealthy(Duration.ofMinutes(3));
      assertThat(shared.jdbc.queryForObject("select count(*) from public.act_re_procdef "
          + "where key_ = 'LeadLifecycle'", Long.class)).as("lifecycle versions").isOne();
      assertThat(shared.jdbc.queryForObject("select count(*) from public.act_id_user", Long.class))
          .as("users (admin and the demo users, once)").isEqualTo(8);

      // marketing ops' review gets a 20 second deadline, deployed as a designer would from Modeler
      deploy(a, "dmn/SlaPolicy.dmn", shortReviewDeadline());
      List<String> leads = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        PackagedApp node = i % 2 == 0 ? a : b;
        String id = client.postHandRaiser(node, "review" + i + "@tokyo.example", "JP");
        assertThat(id).as("lead " + i + " posted to " + node.name()).isNotNull();
        leads.add(id);
      }

      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> shared.jdbc
          .queryForObject("select count(*) from public.act_hi_actinst where act_id_ = 'Task_EscalateLateReview' "
              + "and end_time_ is not null", Long.class) == leads.size());

      for (String id : leads) {
        String name = shared.jdbc.queryForObject("select first_name || ' ' || last_name from leadflow.lead "
            + "where id = ?::uuid", String.class, id);
        assertThat(shared.jdbc.queryForObject("select count(*) from leadflow.sla_breach where lead_id = ?::uuid "
            + "and step = 'MQL_REVIEW'", Long.class, id)).as("breaches of " + name).isOne();
        assertThat(shared.jdbc.queryForObject("select count(*) from public.act_ru_incident i "
            + "join public.act_ru_execution e on e.id_ = i.proc_inst_id_ where e.business_key_ = ? "
            + "and i.incident_type_ = 'slaBreach'", Long.class, id)).as("incidents of " + name).isOne();
        assertThat(shared.mailsTo("mia@leadflow.example", "for " + name + " is due")).as("reminders for " + name)
            .isOne();
        assertThat(shared.mailsTo("max@leadflow.example", "for " + name + " is")).as("escalations for " + name)
            .isOne();
      }
      assertThat(shared.jdbc.queryForList("select distinct hostname_ from public.act_hi_job_log "
          + "where hostname_ is not null", String.class)).as("nodes that ran jobs").contains("node-a", "node-b");
    }
  }

  private static String shortReviewDeadline() throws Exception {
    // the hand-raisers' rule, which the posted leads match, in calendar time and at any hour, so that the test does
    // not wait for marketing ops' working hours
    String table = Files.readString(Path.of("dmn/SlaPolicy.dmn"));
    String start = "<rule id=\"Rule_MqlReviewHandRaiser\">";
    String rule = table.substring(table.indexOf(start), table.indexOf("</rule>", table.indexOf(start)));
    String shortRule = rule.replace("\"PT1H\"", "\"PT20S\"").replace("\"PT20M\"", "\"PT10S\"")
        .replace("\"WORKING_HOURS\"", "\"CALENDAR\"")
        .replaceAll("(OutputEntry_MqlReviewHandRaiser_SlaOutOfHours\">\\s*<text>)false", "$1true");
    assertThat(shortRule).contains("PT20S", "PT10S", "CALENDAR").doesNotContain("PT1H", "WORKING_HOURS")
        .containsPattern("SlaOutOfHours\">\\s*<text>true");
    return table.replace(rule, shortRule);
  }

  /** What Camunda Modeler's Deploy button sends: a multipart deployment to the engine REST API. */
  private static void deploy(PackagedApp node, String resourceName, String content) throws Exception {
    String boundary = "----leadflow" + UUID.randomUUID();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nshort review\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-source\"\r\n\r\nCamunda Modeler\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + resourceName + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(node.url("/engine-rest/deployment/create")))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            "admin:LeadflowDemo-1".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
