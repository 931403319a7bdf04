package io.leadflow.erasure;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.fulfilment.PrintedKit;
import io.leadflow.intake.IntakeProperties;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.lifecycle.LeadLifecycle.Variables;
import io.leadflow.nurture.LeadNurture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The right to erasure, checked the way an auditor would: a person who went through every kind of task, a list
 * import, a call, a data fix, corrections of their data and a nurture mail is erased, and then every text, JSON and
 * binary column of every Leadflow and engine table, runtime and history, and every file an import keeps, is searched
 * for their email, names, phone and job title.
 */
@LeadflowIntegrationTest
class ErasureTraceIT {

  private static final String EMAIL = "zenobia.quillfeather@chronos-instruments.example";
  private static final String COMPANY = "Chronos Instruments";
  /** The person, as any of their data may have been written: any case, the phone with or without spaces. */
  private static final Pattern PERSON = Pattern.compile(
      "zenobia|quillfeather|5550 ?1234|chronometrist", Pattern.CASE_INSENSITIVE);

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IntakeProperties intake;

  @Test
  void shouldLeaveNoTraceOfAnErasedPersonInAnyTableOrImportFile() throws IOException {
    // a call: no email yet; a top fit (grade A, mid-market) gets a printed kit, and no territory covers Japan
    String leadId = logCall();
    complete(task(leadId, PrintedKit.Elements.TASK_SEND_PRINTED_KIT), MARKETING_OPS, Map.of("kitOutcome", "SENT",
        "shippingAddress", "Zenobia Quillfeather, 1-1 Chiyoda, Tokyo", "carrier", "DHL", "trackingNumber", "JD01"));
    complete(task(leadId, "Task_ReviewMql"), MARKETING_OPS, Map.of("reviewOutcome", "ROUTE",
        "salesTeam", "sales-emea", "note", "Zenobia wants the Japanese documentation"));
    Task accept = task(leadId, "Task_AcceptLead");
    String rep = accept.getAssignee() != null ? accept.getAssignee() : claim(accept, REP_EMEA);
    complete(accept, rep, Map.of("acceptOutcome", "ACCEPT", "note", "Zenobia Quillfeather is keen"));
    // the CRM refuses a lead without email: marketing ops fix its data
    complete(task(leadId, "Task_FixLeadData"), MARKETING_OPS, Map.of("correctedEmail", EMAIL,
        "correctedFirstName", "Zenobia", "correctedLastName", "Quillfeather", "correctedCompany", COMPANY,
        "correctedJobTitle", "Chief Chronometrist", "correctedPhone", "+81 3 5550 1234", "correctedCountry", "JP",
        "note", "Zenobia gave her email on the phone"));
    Task firstContact = task(leadId, "Task_FollowUpWithLead");
    complete(firstContact, rep, Map.of("followUpOutcome", "CONTACT_ATTEMPT", "contactChannel", "CALL",
        "contactOutcome", "NO_ANSWER", "contactNote", "Zenobia did not pick up",
        Variables.NEW_JOB_TITLE, "Head Chronometrist"));
    // corrections are recorded with their old and new values
    assertThat(rest.withBasicAuth(MARKETING_OPS, PASSWORD).exchange("/api/leads/{id}", HttpMethod.PATCH,
        new HttpEntity<>(Map.of("jobTitle", "Chief Chronometrist")), JsonNode.class, leadId).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    complete(newTask(leadId, "Task_FollowUpWithLead", firstContact), rep, Map.of("followUpOutcome",
        "NEEDS_NURTURING", "stageReason", "Zenobia Quillfeather has budget next year"));
    sendTheFirstNurtureMail(leadId);
    // the trade show's list names her again, once with a country the rules refuse; a list row raises no hand, so she
    // rests in nurture (the rep sent her back: hold-off) until she asks for a demo, which makes her an MQL again
    importList("""
        email,firstName,lastName,company,jobTitle,phone,country,note
        %1$s,Zenobia,Quillfeather,%2$s,Chief Chronometrist,+81 3 5550 1234,JP,Met Zenobia at the booth
        %1$s,Zenobia,Quillfeather,%2$s,Chief Chronometrist,+81 3 5550 1234,Chronos Land,
        """.formatted(EMAIL, COMPANY));
    assertThat(rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads", Map.of("email", EMAIL,
        "firstName", "Zenobia", "lastName", "Quillfeather", "company", COMPANY, "country", "JP",
        "sourceChannel", "web-form", "requestType", "DEMO", "interest", "Zenobia wants a demo in Tokyo"),
        JsonNode.class).getStatusCode().is2xxSuccessful()).isTrue();
    complete(task(leadId, "Task_ReviewMql"), MARKETING_OPS, Map.of("reviewOutcome", "ROUTE",
        "salesTeam", "sales-emea"));
    Task acceptAgain = task(leadId, "Task_AcceptLead");
    rep = acceptAgain.getAssignee() != null ? acceptAgain.getAssignee() : claim(acceptAgain, REP_EMEA);
    complete(acceptAgain, rep, Map.of("acceptOutcome", "ACCEPT"));
    complete(task(leadId, "Task_FollowUpWithLead"), rep, Map.of("followUpOutcome", "QUALIFIED",
        "opportunityAmount", 50000, "expectedCloseDate", "2027-03-01"));
    Task work = task(leadId, "Task_WorkOpportunity");
    // a new download, sent with an Idempotency-Key: its answer is kept for retries
    HttpHeaders idempotent = new HttpHeaders();
    idempotent.set("Idempotency-Key", "zq-" + UUID.randomUUID());
    assertThat(rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads", new HttpEntity<>(Map.of(
        "email", EMAIL, "firstName", "Zenobia", "lastName", "Quillfeather", "company", COMPANY, "country", "JP",
        "sourceChannel", "content-download", "requestType", "CONTENT_DOWNLOAD", "asset", "roi-guide"), idempotent),
        JsonNode.class).getStatusCode().is2xxSuccessful()).isTrue();
    awaitStepsDone(work.getProcessInstanceId());
    // what Tasklist's users and Leadflow's own steps may add: a comment, an incident naming the lead
    tasks.createComment(work.getId(), work.getProcessInstanceId(), "Zenobia asked for a call on Friday");
    runtime.createIncident("slaBreach", work.getExecutionId(), "OPPORTUNITY_STAGE",
        "Zenobia Quillfeather (" + COMPANY + "): opportunity stage overdue");
    String failedImport = keepAFailedImportFile();
    assertThat(hits()).as("the person is in the database before the erasure").isNotEmpty();

    ResponseEntity<JsonNode> erasure = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity(
        "/api/leads/{id}/erasure", Map.of("reason", "Ticket DPO-900"), JsonNode.class, leadId);

    assertThat(erasure.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    await().atMost(Duration.ofSeconds(90)).until(() -> "ERASED".equals(jdbc.queryForObject(
        "select stage from leadflow.lead where id = ?::uuid", String.class, leadId)));
    await().atMost(Duration.ofSeconds(60)).until(() -> runtime.createProcessInstanceQuery()
        .processDefinitionKey(LeadLifecycle.PROCESS_KEY).processInstanceBusinessKey(leadId).count() == 0);
    assertThat(hits()).as("columns that still hold the person's data").isEmpty();
    assertThat(filesNamingThePerson()).as("import files that still hold the person's data").isEmpty();
    assertThat(Files.readString(intake.imports().directory().resolve(failedImport + ".csv")).lines().count())
        .as("the failed import keeps its other rows and its line numbers").isEqualTo(4);
    assertThat(jdbc.queryForObject("select count(*) from leadflow.idempotent_request where body like ?",
        Integer.class, "%" + leadId + "%")).as("answers remembered for retries").isZero();
    // what stays: the company, the channel, the stage history, the processes' ids and steps
    assertThat(jdbc.queryForMap("select company, source_channel from leadflow.lead where id = ?::uuid", leadId))
        .containsEntry("company", COMPANY).containsEntry("source_channel", "inbound-call");
    assertThat(jdbc.queryForList("select to_stage from leadflow.lead_stage_change where lead_id = ?::uuid "
        + "order by changed_at, id", String.class, leadId))
        .containsSubsequence("INQUIRY", "MQL", "SAL", "NURTURE", "MQL", "SAL", "SQL", "ERASED");
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(leadId)
        .taskDefinitionKey("Task_AcceptLead").list()).extracting("name").containsOnly("Accept lead");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(leadId)
        .processDefinitionKey(LeadNurture.PROCESS_KEY).count()).isEqualTo(1);
  }

  private String logCall() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("firstName", "Zenobia");
    fields.put("lastName", "Quillfeather");
    fields.put("company", COMPANY);
    fields.put("jobTitle", "Chief Chronometrist");
    fields.put("phone", "+81 3 5550 1234");
    fields.put("country", "JP");
    fields.put("requestType", "INQUIRY");
    fields.put("industry", "SOFTWARE");
    fields.put("companySize", 400);
    fields.put("jobLevel", "DECISION_MAKER");
    fields.put("budget", "CONFIRMED");
    fields.put("timeframe", "WITHIN_3_MONTHS");
    fields.put("marketingConsent", true);
    fields.put("note", "Zenobia Quillfeather called about pricing");
    Map<String, Object> variables = new LinkedHashMap<>();
    fields.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    ResponseEntity<JsonNode> started = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity(
        "/engine-rest/process-definition/key/LogInquiry/submit-form", Map.of("variables", variables),
        JsonNode.class);
    assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.OK);
    return jdbc.queryForObject("select id::text from leadflow.lead where phone = '+81355501234'", String.class);
  }

  private void sendTheFirstNurtureMail(String leadId) {
    String nurture = await().atMost(Duration.ofSeconds(60)).until(() -> runtime.createProcessInstanceQuery()
        .processDefinitionKey(LeadNurture.PROCESS_KEY).processInstanceBusinessKey(leadId).singleResult(),
        instance -> instance != null).getId();
    Job nextTouch = await().atMost(Duration.ofSeconds(60)).until(() -> management.createJobQuery()
        .processInstanceId(nurture).timers().singleResult(), job -> job != null);
    management.executeJob(nextTouch.getId());
    await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("select count(*) from "
        + "leadflow.lead_activity where lead_id = ?::uuid and type = 'EMAIL_SENT'", Integer.class, leadId) > 0);
  }

  private void importList(String csv) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("file", new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "tokyo-expo.csv";
      }
    });
    parts.add("channel", "trade-show");
    parts.add("campaign", "tokyo-expo-" + UUID.randomUUID());
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    JsonNode submitted = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForObject("/api/leads/imports",
        new HttpEntity<>(parts, headers), JsonNode.class);
    String id = submitted.get("id").asText();
    await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(jdbc.queryForObject(
        "select status from leadflow.lead_import where id = ?::uuid", String.class, id)));
    assertThat(jdbc.queryForObject("select count(*) from leadflow.lead_import_rejection where import_id = ?::uuid",
        Integer.class, id)).isEqualTo(1);
  }

  /** An import that failed halfway keeps its file, as LeadImports leaves it. */
  private String keepAFailedImportFile() throws IOException {
    UUID id = UUID.randomUUID();
    jdbc.update("""
        insert into leadflow.lead_import (id, file_sha256, file_name, channel, campaign, request_type, status,
          rows_read, created_at, created_by, failure, finished_at)
        values (?, ?, 'partners.csv', 'trade-show', ?, 'TRADE_SHOW', 'FAILED', 1, ?, 'mia', 'Disk full', ?)""",
        id, id.toString().replace("-", ""), "partners-" + id, Timestamp.from(Instant.now()),
        Timestamp.from(Instant.now()));
    Files.createDirectories(intake.imports().directory());
    Files.writeString(intake.imports().directory().resolve(id + ".csv"), """
        email,firstName,lastName,company,phone,country
        ada@analytical.example,Ada,Lovelace,Analytical Engines,+44 20 7946 0958,GB
        %s,Zenobia,Quillfeather,%s,+81 3 5550 1234,JP
        grace@compilers.example,Grace,Hopper,Compiler Works,,US
        """.formatted(EMAIL, COMPANY));
    return id.toString();
  }

  /** Every text, JSON and binary column of every table of Leadflow and of the engine, runtime and history. */
  private List<String> hits() {
    List<String> hits = new ArrayList<>();
    for (Map<String, Object> column : jdbc.queryForList("""
        select table_schema, table_name, column_name, data_type from information_schema.columns
        where table_schema in ('leadflow', current_schema())
          and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')
          and table_name in (select table_name from information_schema.tables t
                             where t.table_schema = columns.table_schema and t.table_type = 'BASE TABLE')""")) {
      String value = "bytea".equals(column.get("data_type"))
          ? "encode(\"%s\", 'escape')".formatted(column.get("column_name"))
          : "\"%s\"::text".formatted(column.get("column_name"));
      Integer count = jdbc.queryForObject("select count(*) from \"%s\".\"%s\" where %s ~* ?".formatted(
          column.get("table_schema"), column.get("table_name"), value), Integer.class, PERSON.pattern());
      if (count > 0) {
        hits.add(column.get("table_schema") + "." + column.get("table_name") + "." + column.get("column_name")
            + " (" + count + ")");
      }
    }
    return hits;
  }

  private List<Path> filesNamingThePerson() throws IOException {
    try (Stream<Path> files = Files.list(intake.imports().directory())) {
      return files.filter(file -> {
        try {
          return PERSON.matcher(Files.readString(file)).find();
        } catch (IOException unreadable) {
          throw new IllegalStateException(unreadable);
        }
      }).toList();
    }
  }

  private Task task(String leadId, String taskDefinitionKey) {
    return newTask(leadId, taskDefinitionKey, null);
  }

  /** The task once the steps running beside it (the notice to its owner) are done, as a person would find it. */
  private Task newTask(String leadId, String taskDefinitionKey, Task previous) {
    Task task = await().atMost(Duration.ofMinutes(3)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(leadId).taskDefinitionKey(taskDefinitionKey).singleResult(),
        found -> found != null && (previous == null || !found.getId().equals(previous.getId())));
    awaitStepsDone(task.getProcessInstanceId());
    return tasks.createTaskQuery().taskId(task.getId()).singleResult();
  }

  /** The steps a request set going in the process (a re-score after a download) are done. */
  private void awaitStepsDone(String processInstanceId) {
    await().atMost(Duration.ofMinutes(3)).until(() -> management.createJobQuery()
        .processInstanceId(processInstanceId).executable().count() == 0);
  }

  private String claim(Task task, String user) {
    ResponseEntity<String> claimed = rest.withBasicAuth(user, PASSWORD).postForEntity(
        "/engine-rest/task/{id}/claim", Map.of("userId", user), String.class, task.getId());
    assertThat(claimed.getStatusCode()).as(claimed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    return user;
  }

  /** As Tasklist completes a form: the engine REST API's submit-form, as the user who works the task. */
  private void complete(Task task, String user, Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    ResponseEntity<String> response = rest.withBasicAuth(user, PASSWORD).postForEntity(
        "/engine-rest/task/{id}/submit-form", Map.of("variables", variables), String.class, task.getId());
    assertThat(response.getStatusCode()).as(task.getTaskDefinitionKey() + ": " + response.getBody())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }
}
