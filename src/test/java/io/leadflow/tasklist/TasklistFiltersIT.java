package io.leadflow.tasklist;

import static io.leadflow.DemoUsers.MANAGER;
import static io.leadflow.DemoUsers.MARKETING_OPS;
import static io.leadflow.DemoUsers.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.HeadlessChromium;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.system.Groups;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Tasklist's filters for each role, with the lead's company, score and stage in every row: what the engine gives each
 * user, what Tasklist's own call for a filter's tasks returns, and what a rep sees in Tasklist in Chromium.
 */
@LeadflowIntegrationTest
class TasklistFiltersIT {

  private static final List<String> COLUMNS = List.of("company", "score", "stage");

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;
  @Autowired FilterService filters;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired TasklistFilters tasklistFilters;

  @Test
  void shouldShowEachRoleItsFiltersWithTheLeadsCompanyScoreAndStageAsColumns() {
    assertThat(visibleTo("sam", Groups.SALES_REPS, "sales-emea")).containsExactly("My leads", "Due today and late",
        "My team's queue", "Open tasks");
    assertThat(visibleTo("rita", Groups.SALES_REPS, "sales-americas")).containsExactly("My leads",
        "Due today and late", "My team's queue", "Open tasks");
    assertThat(visibleTo(MARKETING_OPS, Groups.MARKETING_OPS)).containsExactly("To review", "Due today and late",
        "Open tasks");
    assertThat(visibleTo(MANAGER, Groups.SALES_MANAGERS)).containsExactly("My teams' late work", "My team's queue",
        "Open tasks");

    // every filter shows the columns, and a rep's own filters are the rep's alone
    assertThat(filters.createTaskFilterQuery().list()).filteredOn(filter -> filter.getProperties()
            .containsKey(TasklistFilters.KEY))
        .allSatisfy(filter -> assertThat(columns(filter)).isEqualTo(COLUMNS));
    List<Filter> samsLeads = as("sam", () -> filters.createTaskFilterQuery().filterName("My leads")
        .listPage(0, 10), Groups.SALES_REPS, "sales-emea");
    assertThat(samsLeads).singleElement().extracting(filter -> filter.getProperties().get(TasklistFilters.KEY))
        .isEqualTo("my-leads/sam");
  }

  @Test
  void shouldListARepsLeadWithItsColumnsAndALateTaskForTheManager() {
    String leadId = handRaiser("filters-" + UUID.randomUUID().toString().substring(0, 8) + "@columns.example",
        "Column Works");
    Task accept = Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(leadId).taskDefinitionKey("Task_AcceptLead").singleResult(),
        task -> task != null && task.getAssignee() != null);
    String rep = accept.getAssignee();

    // Tasklist's own call for the rep's "My leads", with the rep's rights: the task, with its columns
    JsonNode myLeads = filterList(rep, filterOf(rep, "My leads"));
    JsonNode row = task(myLeads, accept.getId());
    assertThat(row).as("the rep's lead in My leads").isNotNull();
    assertThat(variables(myLeads, accept.getId())).containsEntry("company", "Column Works")
        .containsEntry("stage", "MQL").containsKey("score");
    assertThat(variables(myLeads, accept.getId()).get("score")).isNotEqualTo("null");

    // once late, it is the manager's late work and still the rep's work due today
    Task late = tasks.createTaskQuery().taskId(accept.getId()).singleResult();
    late.setDueDate(Date.from(Instant.now().minus(Duration.ofMinutes(5))));
    tasks.saveTask(late);
    tasklistFilters.moveDueDates();
    assertThat(task(filterList(MANAGER, filterOf(MANAGER, "My teams' late work")), accept.getId())).isNotNull();
    assertThat(task(filterList(rep, filterOf(rep, "Due today and late")), accept.getId())).isNotNull();
    assertThat(task(filterList(MANAGER, filterOf(MANAGER, "My team's queue")), accept.getId()))
        .as("assigned, so not in the queue").isNull();
  }

  @Test
  void shouldShowARepTheirLeadsWithCompanyAndScoreInTasklist() {
    String leadId = handRaiser("tasklist-" + UUID.randomUUID().toString().substring(0, 8) + "@columns.example",
        "Row Identifiers Ltd");
    Task accept = Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(leadId).taskDefinitionKey("Task_AcceptLead").singleResult(),
        task -> task != null && task.getAssignee() != null);

    ChromeDriver browser = HeadlessChromium.start(1200);
    try {
      HeadlessChromium.logInToTasklist(browser, url(""), accept.getAssignee(), PASSWORD);
      browser.get(url("/camunda/app/tasklist/default/"));
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      // the first filter is the rep's own leads, and its rows name the company with the score
      wait.until(driver -> driver.findElements(By.cssSelector(".task-filter.active .name")).stream()
          .anyMatch(filter -> filter.getText().startsWith("My leads")));
      wait.until(driver -> driver.findElement(By.cssSelector(".tasks-list")).getText()
          .contains("Row Identifiers Ltd"));
      assertThat(browser.findElement(By.cssSelector(".tasks-list")).getText())
          .contains("Accept lead", "Company:\nRow Identifiers Ltd", "Score:");
      // the stage is the row's third column, which Tasklist folds away until the row is opened up
      assertThat(browser.findElement(By.xpath("//div[contains(@class, 'task-card-details')]"
          + "[contains(., 'Row Identifiers Ltd')]")).getDomProperty("textContent")).contains("Stage:", "MQL");
    } finally {
      browser.quit();
    }
  }

  private List<String> visibleTo(String user, String... groups) {
    return as(user, () -> filters.createTaskFilterQuery().orderByFilterId().asc().listPage(0, 100), groups).stream()
        .sorted(java.util.Comparator.comparingInt(filter -> ((Number) filter.getProperties().get("priority"))
            .intValue()))
        .map(Filter::getName).toList();
  }

  private <T> T as(String user, java.util.function.Supplier<T> work, String... groups) {
    identity.setAuthentication(user, List.of(groups));
    try {
      return work.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> columns(Filter filter) {
    return ((List<Map<String, Object>>) filter.getProperties().get("variables")).stream()
        .map(column -> (String) column.get("name")).toList();
  }

  private String filterOf(String user, String name) {
    String[] groups = switch (user) {
      case MANAGER -> new String[] {Groups.SALES_MANAGERS};
      case "sam", "lena" -> new String[] {Groups.SALES_REPS, "sales-emea"};
      default -> new String[] {Groups.SALES_REPS, "sales-americas"};
    };
    return as(user, () -> filters.createTaskFilterQuery().filterName(name).singleResult(), groups).getId();
  }

  /** Tasklist's call: the filter's tasks as HAL, with the variables its columns name. */
  private JsonNode filterList(String user, String filterId) {
    HttpHeaders headers = new HttpHeaders();
    headers.setAccept(List.of(MediaType.valueOf("application/hal+json")));
    headers.setContentType(MediaType.APPLICATION_JSON);
    var response = rest.withBasicAuth(user, PASSWORD).exchange(
        "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15", HttpMethod.POST,
        new HttpEntity<>("{}", headers), JsonNode.class);
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(200);
    return response.getBody();
  }

  private static JsonNode task(JsonNode list, String taskId) {
    for (JsonNode task : list.path("_embedded").path("task")) {
      if (taskId.equals(task.path("id").asText())) {
        return task;
      }
    }
    return null;
  }

  private static Map<String, String> variables(JsonNode list, String taskId) {
    Map<String, String> values = new java.util.HashMap<>();
    for (JsonNode variable : task(list, taskId).path("_embedded").path("variable")) {
      values.put(variable.path("name").asText(), variable.path("value").asText());
    }
    return values;
  }

  private String handRaiser(String email, String company) {
    JsonNode created = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForObject("/api/leads", Map.ofEntries(
        Map.entry("email", email), Map.entry("firstName", "Tess"), Map.entry("lastName", "Columns"),
        Map.entry("company", company), Map.entry("jobTitle", "CTO"), Map.entry("country", "DE"),
        Map.entry("sourceChannel", "web-form"), Map.entry("requestType", "DEMO"), Map.entry("industry", "SOFTWARE"),
        Map.entry("companySize", 1500), Map.entry("jobLevel", "DECISION_MAKER")), JsonNode.class);
    return created.get("id").asText();
  }


  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
