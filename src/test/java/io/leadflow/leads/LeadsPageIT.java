package io.leadflow.leads;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.HeadlessChromium;
import io.leadflow.LeadflowIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.logging.Level;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Leads page and a lead's page in a real headless browser (Debian's Chromium), as the people who use them: a
 * manager finds a lead by part of its name and opens it, a manager reassigns two leads at once, a rep corrects a
 * budget and sees the new score. The first test saves the Leads page as src/docs/leads.png for the README.
 */
@LeadflowIntegrationTest
class LeadsPageIT {

  private static final Path SCREENSHOT = Path.of("src", "docs", "leads.png");
  private static final String SHOWCASE = "spring-launch";

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService tasks;

  /** One browser for the class: it starts slowly; each test logs in afresh. */
  static ChromeDriver browser;
  static WebDriverWait wait;

  @BeforeAll
  static void startBrowser() {
    browser = HeadlessChromium.start(1050);
    wait = new WebDriverWait(browser, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void shouldFindALeadByPartOfItsNameAndOpenItsPage() throws IOException {
    String hedy = capture("Hedy", "Lamarr", "hedy.lamarr@frequency-hopping.example", "Frequency Hopping", "AT",
        "PLANNED", SHOWCASE);
    writeRecentLeads();
    awaitTask(hedy, "Task_AcceptLead");

    logIn(MANAGER);
    // one campaign's leads: what other tests left in the shared database stays out of the picture
    browser.get(url("/leads?campaign=" + SHOWCASE));
    awaitList();
    wait.until(driver -> rows().size() == 8);
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);

    browser.get(url("/leads"));
    awaitList();
    browser.findElement(By.id("q")).sendKeys("lamar");
    wait.until(driver -> rows().size() == 1 && rows().get(0).getText().contains("Hedy Lamarr"));
    WebElement row = rows().get(0);
    assertThat(row.getText()).contains("Frequency Hopping", "MQL", "Accept lead")
        .as("the step, not the task's title that repeats the lead").doesNotContain("Accept lead:");
    assertThat(browser.getCurrentUrl()).endsWith("/leads?q=lamar");
    row.findElement(By.linkText("Hedy Lamarr")).click();

    wait.until(driver -> driver.getCurrentUrl().endsWith("/leads/" + hedy));
    assertThat(browser.findElement(By.id("lead-name")).getText()).isEqualTo("Hedy Lamarr");
    assertThat(browser.findElement(By.id("open-work")).getText()).contains("Accept lead");
    assertThat(browser.findElement(By.cssSelector("#open-work a.tasklist")).getDomAttribute("href"))
        .startsWith("/camunda/app/tasklist/default/#/?task=");
    assertThat(browser.findElement(By.id("cockpit")).getDomAttribute("href"))
        .startsWith("/camunda/app/cockpit/default/#/process-instance/");
    assertThat(browser.findElement(By.id("timeline")).getText()).contains("Stage Inquiry \u2192 MQL",
        "Inquiry via web-form");

    List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    assertThat(problems).as("console errors and warnings").isEmpty();
  }

  @Test
  void shouldLetAManagerReassignTwoLeadsInBulk() {
    String name = randomName();
    String first = samsLead(capture("Ines", name, "ines." + name + "@bulk.example", "Bulk Ltd", "DE", "PLANNED"));
    String second = samsLead(capture("Jonas", name, "jonas." + name + "@bulk.example", "Bulk Ltd", "DE", "PLANNED"));

    logIn(MANAGER);
    browser.get(url("/leads?q=" + name));
    wait.until(driver -> rows().size() == 2);
    rows().forEach(row -> row.findElement(By.cssSelector("input[type=checkbox]")).click());
    new Select(browser.findElement(By.cssSelector("#bulk select[name=from]"))).selectByValue(REP_EMEA);
    new Select(browser.findElement(By.cssSelector("#bulk select[name=to]"))).selectByValue("lena");
    browser.findElement(By.cssSelector("#bulk input[name=note]")).sendKeys("Sam is on leave");
    browser.findElement(By.id("reassign")).click();

    wait.until(driver -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-reassigned")));
    assertThat(browser.findElement(By.id("bulk-report")).getText()).startsWith("2 of 2 leads moved.")
        .contains("Ines " + name + " \u2192 lena", "Jonas " + name + " \u2192 lena");
    for (String leadId : List.of(first, second)) {
      assertThat(jdbc.queryForObject("select owner from leadflow.lead where id = ?::uuid", String.class, leadId))
          .isEqualTo("lena");
      assertThat(tasks.createTaskQuery().processInstanceBusinessKey(leadId).taskDefinitionKey("Task_AcceptLead")
          .singleResult().getAssignee()).isEqualTo("lena");
    }
    wait.until(driver -> rows().stream().allMatch(row -> row.getText().contains("lena")));
  }

  @Test
  void shouldLetARepCorrectABudgetAndSeeTheNewScore() {
    String leadId = samsLead(capture("Margaret", "Hamilton", "margaret." + randomName() + "@apollo.example",
        "Apollo Guidance", "DE", "NONE"));
    int before = jdbc.queryForObject("select score from leadflow.lead where id = ?::uuid", Integer.class, leadId);

    logIn(REP_EMEA);
    browser.get(url("/leads/" + leadId));
    assertThat(score()).isEqualTo(before);
    new Select(browser.findElement(By.cssSelector("#edit select[name=budget]"))).selectByValue("CONFIRMED");
    browser.findElement(By.id("save")).click();

    // the page reloads once the lead's process has re-scored it
    wait.ignoring(StaleElementReferenceException.class).until(driver -> score() > before);
    assertThat(browser.findElement(By.xpath("//dl[@id='qualification']/dt[.='Budget']/following-sibling::dd[1]"))
        .getText()).isEqualTo("Confirmed");
    assertThat(browser.findElement(By.id("timeline")).getText()).contains("Budget changed", "None \u2192 Confirmed");
  }

  /** Leads of the last days as the lifecycle would have left them, so that the Leads page shows a working day. */
  private void writeRecentLeads() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Object[][] leads = {
        {"Grace", "Hopper", "Cobol Systems", "SAL", "sales-emea", "sam", "webinar", 95, 30},
        {"Alan", "Turing", "Bletchley Labs", "MQL", "sales-emea", null, "event", 72, 90},
        {"Katherine", "Johnson", "Orbit Analytics", "SQL", "sales-americas", "rita", "web-form", 118, 200},
        {"Margaret", "Hamilton", "Apollo Software", "SAL", "sales-emea", "lena", "partner", 88, 400},
        {"Dorothy", "Vaughan", "Langley Computing", "NURTURE", null, null, "content-download", 41, 700},
        {"Tim", "Berners-Lee", "Web Foundation", "WON", "sales-emea", "sam", "web-form", 130, 1500},
        {"Barbara", "Liskov", "Substitution Ltd", "LOST", "sales-americas", "omar", "trade-show", 64, 2600}};
    for (Object[] lead : leads) {
      UUID id = UUID.randomUUID();
      Instant created = now.minus((int) lead[8], ChronoUnit.MINUTES);
      jdbc.update("""
          insert into leadflow.lead (id, email, first_name, last_name, company, source_channel, campaign, stage,
            created_at, updated_at, team, owner, score, country)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DE')""", id,
          // a domain of the page's own, apart from the people other tests capture
          (lead[0] + "." + lead[1] + "@" + ((String) lead[2]).replace(' ', '-') + ".showcase.example").toLowerCase(),
          lead[0], lead[1], lead[2], lead[6], SHOWCASE, lead[3], Timestamp.from(created), Timestamp.from(created), lead[4],
          lead[5], lead[7]);
      jdbc.update("insert into leadflow.lead_stage_change (lead_id, from_stage, to_stage, changed_at, changed_by) "
          + "values (?, null, ?, ?, 'system')", id, lead[3], Timestamp.from(created.plusSeconds(20)));
    }
  }

  private String capture(String first, String last, String email, String company, String country, String budget) {
    return capture(first, last, email, company, country, budget, "leads-page");
  }

  private String capture(String first, String last, String email, String company, String country, String budget,
      String campaign) {
    Map<String, Object> lead = new HashMap<>(Map.of("email", email, "firstName", first, "lastName", last,
        "company", company, "jobTitle", "Head of Engineering", "country", country, "phone", "+49 30 1234567",
        "sourceChannel", "web-form", "campaign", campaign, "requestType", "DEMO"));
    lead.putAll(Map.of("industry", "SOFTWARE", "companySize", 900, "jobLevel", "DECISION_MAKER", "budget", budget));
    ResponseEntity<JsonNode> created = rest.withBasicAuth(MARKETING_OPS, PASSWORD)
        .postForEntity("/api/leads", lead, JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return created.getBody().get("id").asText();
  }

  /** The lead, once routed, given to sam (whom the round robin may not have picked). */
  private String samsLead(String leadId) {
    Task accept = awaitTask(leadId, "Task_AcceptLead");
    if (!REP_EMEA.equals(accept.getAssignee())) {
      assertThat(rest.withBasicAuth(MANAGER, PASSWORD).exchange("/api/leads/{id}/owner", HttpMethod.PUT,
          new HttpEntity<>(Map.of("rep", REP_EMEA)), JsonNode.class, leadId).getStatusCode()).isEqualTo(HttpStatus.OK);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> REP_EMEA.equals(jdbc.queryForObject(
        "select owner from leadflow.lead where id = ?::uuid", String.class, leadId)));
    return leadId;
  }

  private Task awaitTask(String leadId, String key) {
    Task[] found = new Task[1];
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      found[0] = tasks.createTaskQuery().processInstanceBusinessKey(leadId).taskDefinitionKey(key).singleResult();
      return found[0] != null;
    });
    return found[0];
  }

  private void logIn(String user) {
    browser.manage().deleteAllCookies();
    browser.get(url("/login"));
    browser.findElement(By.name("username")).sendKeys(user);
    browser.findElement(By.name("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(driver -> !driver.getCurrentUrl().endsWith("/login"));
  }

  private void awaitList() {
    wait.until(driver -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
  }

  private List<WebElement> rows() {
    return browser.findElements(By.cssSelector("#leads tbody tr"));
  }

  private int score() {
    return Integer.parseInt(browser.findElement(By.cssSelector("#score span")).getText().trim());
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private static String randomName() {
    Random random = new Random();
    StringBuilder name = new StringBuilder("Zq");
    for (int i = 0; i < 8; i++) {
      name.append((char) ('a' + random.nextInt(26)));
    }
    return name.toString();
  }
}
