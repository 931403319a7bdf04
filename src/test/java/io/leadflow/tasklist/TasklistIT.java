package io.leadflow.tasklist;

import static io.leadflow.DemoUsers.MARKETING_OPS;
import static io.leadflow.DemoUsers.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.HeadlessChromium;
import io.leadflow.LeadflowIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A rep works a lead in Camunda Tasklist itself, in Debian's headless Chromium: the task list names the lead, the
 * Accept lead form renders the lead as it is when opened, the rep chooses "Accept" and completes it, and the lead is
 * sales-accepted with its next task.
 */
@LeadflowIntegrationTest
class TasklistIT {

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;
  @Autowired TaskService tasks;
  @Autowired JdbcTemplate jdbc;

  ChromeDriver browser;

  @BeforeEach
  void startBrowser() {
    browser = HeadlessChromium.start(2000);
  }

  /** The page as the test left it, to look at when it failed. */
  @AfterEach
  void stopBrowser(TestInfo test) throws IOException {
    if (browser != null) {
      try {
        screenshot("tasklist-end-of-" + test.getTestMethod().orElseThrow().getName());
      } finally {
        browser.quit();
      }
    }
  }

  @Test
  void shouldLetARepAcceptALeadThroughItsFormInTasklist() {
    JsonNode created = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForObject("/api/leads", Map.ofEntries(
        Map.entry("email", "grace@compilers.example"), Map.entry("firstName", "Grace"),
        Map.entry("lastName", "Hopper"), Map.entry("company", "Compiler Works"), Map.entry("jobTitle", "CTO"),
        Map.entry("country", "DE"), Map.entry("sourceChannel", "web-form"), Map.entry("requestType", "DEMO"),
        Map.entry("industry", "SOFTWARE"), Map.entry("companySize", 1500),
        Map.entry("jobLevel", "DECISION_MAKER")), JsonNode.class);
    String leadId = created.get("id").asText();
    Task accept = Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(leadId).taskDefinitionKey("Task_AcceptLead").singleResult(),
        task -> task != null && task.getAssignee() != null);

    HeadlessChromium.logInToTasklist(browser, url(""), accept.getAssignee(), PASSWORD);
    browser.get(url("/camunda/app/tasklist/default/#/?task=" + accept.getId()));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    // the form shows the lead before the rep decides
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-form"), "Compiler Works"));
    click(browser.findElement(By.xpath("//label[contains(., 'Accept: I will follow up')]")));
    click(browser.findElement(By.xpath("//button[normalize-space(.)='Complete']")));

    Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> tasks.createTaskQuery().taskId(accept.getId())
        .count() == 0);
    assertThat(jdbc.queryForObject("select stage from leadflow.lead where id = ?::uuid", String.class, leadId))
        .isEqualTo("SAL");
    assertThat(jdbc.queryForObject("select changed_by from leadflow.lead_stage_change where lead_id = ?::uuid "
        + "and to_stage = 'SAL'", String.class, leadId)).isEqualTo(accept.getAssignee());
    Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(leadId).taskDefinitionKey("Task_FollowUpWithLead").count() == 1);
  }

  @Test
  void shouldNameTheLeadInTheTaskListAndShowItAsItIsNowInTheForm() throws IOException {
    JsonNode created = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForObject("/api/leads", Map.ofEntries(
        Map.entry("email", "ada@analytical-engines.example"), Map.entry("firstName", "Ada"),
        Map.entry("lastName", "Lovelace"), Map.entry("company", "Analytical Engines"),
        Map.entry("jobTitle", "Head of Computing"), Map.entry("phone", "+44 20 7946 0958"),
        Map.entry("country", "GB"), Map.entry("sourceChannel", "web-form"), Map.entry("requestType", "DEMO"),
        Map.entry("industry", "SOFTWARE"), Map.entry("companySize", 1500), Map.entry("jobLevel", "DECISION_MAKER"),
        Map.entry("budget", "CONFIRMED")), JsonNode.class);
    String leadId = created.get("id").asText();
    Task accept = Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(leadId).taskDefinitionKey("Task_AcceptLead").singleResult(),
        task -> task != null && task.getAssignee() != null);
    int score = jdbc.queryForObject("select score from leadflow.lead where id = ?::uuid", Integer.class, leadId);

    HeadlessChromium.logInToTasklist(browser, url(""), accept.getAssignee(), PASSWORD);
    browser.get(url("/camunda/app/tasklist/default/#/?task=" + accept.getId()));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    // the row names the lead, its score and when it is due; the form shows labels and links, the decision first
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".tasks-list"),
        "Accept lead: Ada Lovelace, Analytical Engines (score " + score + ", due "));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-form"), "Score " + score));
    WebElement form = browser.findElement(By.cssSelector(".fjs-form"));
    assertThat(form.getText()).contains("Head of Computing at Analytical Engines", "Software", "Decision maker",
        "Confirmed").doesNotContain("DECISION_MAKER", "SOFTWARE", "Owner ()", "attempt(s)");
    assertThat(form.findElement(By.cssSelector("a[href^='tel:']")).getDomAttribute("href"))
        .isEqualTo("tel:+442079460958");
    assertThat(form.findElement(By.cssSelector("a[href^='mailto:']")).getText())
        .isEqualTo("ada@analytical-engines.example");
    assertThat(form.getText().indexOf("Your decision")).as("the decision above the details")
        .isLessThan(form.getText().indexOf("Why this score"));
    screenshot("tasklist-accept-lead");

    // the lead looks at prices twice while the task is open: re-scored, the open form and the row follow
    for (int visit = 0; visit < 2; visit++) {
      assertThat(rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads/{id}/activities",
          Map.of("type", "PRICING_PAGE_VISIT", "url", "https://leadflow.example/pricing"), JsonNode.class, leadId)
          .getStatusCode().is2xxSuccessful()).isTrue();
    }
    // each visit is scored on its own: the second one makes the visits "repeated"
    Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> jdbc.queryForObject("select count(*) from "
        + "leadflow.lead_score_reason where lead_id = ?::uuid and reason like 'Visited the pricing page repeatedly%'",
        Integer.class, leadId) == 1);
    int rescored = jdbc.queryForObject("select score from leadflow.lead where id = ?::uuid", Integer.class, leadId);
    assertThat(rescored).isGreaterThan(score);
    browser.navigate().refresh();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-form"), "Score " + rescored));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".tasks-list"),
        "Accept lead: Ada Lovelace, Analytical Engines (score " + rescored + ", due "));
    assertThat(browser.findElement(By.cssSelector(".fjs-form")).getText()).contains("Pricing page visit");
    screenshot("tasklist-accept-lead-rescored");
  }

  private void screenshot(String name) throws IOException {
    Path file = Path.of("target", "screenshots", name + ".png");
    Files.createDirectories(file.getParent());
    Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
  }


  /** Tasklist's task pane scrolls on its own: the element is brought into view before it is clicked. */
  private void click(WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(element)).click();
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
