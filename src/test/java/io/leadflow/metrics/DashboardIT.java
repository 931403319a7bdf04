package io.leadflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.DemoUsers;
import io.leadflow.HeadlessChromium;
import io.leadflow.LeadflowIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The dashboard in a real headless browser (Debian's Chromium): a manager logs in, sees the charts drawn from the
 * demo history, asks the planner, and the page logs no error.
 */
@LeadflowIntegrationTest
// a context of its own beside the other integration tests': its engine needs a name of its own
@TestPropertySource(properties = {"leadflow.demo.history.leads=3000",
    "camunda.bpm.generate-unique-process-engine-name=true",
    "camunda.bpm.generate-unique-process-application-name=true"})
// Spring Boot tests export no metrics unless asked; both classes ask, so that they share one application context
@AutoConfigureObservability(tracing = false)
class DashboardIT {

  @LocalServerPort
  int port;

  ChromeDriver browser;

  @BeforeEach
  void startBrowser() {
    browser = HeadlessChromium.start(2400);
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void shouldShowAManagerTheFunnelTheSlowestStageTheRepsWhoMissSlasAndAPlan() {
    browser.get(url("/dashboard"));
    assertThat(browser.getCurrentUrl()).as("the dashboard asks to log in first").endsWith("/login");
    browser.findElement(By.name("username")).sendKeys(DemoUsers.MANAGER);
    browser.findElement(By.name("password")).sendKeys(DemoUsers.PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    wait.until(driver -> driver.getCurrentUrl().endsWith("/dashboard")
        && "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded")));

    assertThat(browser.findElement(By.id("error")).isDisplayed()).as(browser.findElement(By.id("error")).getText())
        .isFalse();
    for (String chart : List.of("chart-funnel", "chart-conversion-trend", "chart-velocity", "chart-sla-team",
        "chart-sla-rep", "chart-first-contact", "chart-lost")) {
      assertThat(pointsDrawn(chart)).as("data points drawn in " + chart).isPositive();
    }
    assertThat(browser.findElement(By.id("slowest")).getText()).startsWith("Slowest stage: ");
    assertThat(browser.findElement(By.id("worst-reps")).getText()).contains("omar");
    assertThat(browser.findElement(By.id("table-reps")).getText()).contains("lena", "omar", "rita", "sam");

    // every stuck lead opens its lead page, also one of the demo history, which has no process to link to
    assertThat(browser.findElements(By.cssSelector("#table-stuck tbody tr"))).isNotEmpty()
        .allSatisfy(row -> assertThat(row.findElement(By.cssSelector("td:first-child a")).getDomAttribute("href"))
            .matches("/leads/[0-9a-f-]{36}"));

    // a team picked from the list: its funnel starts at MQL, as its leads got the team when they were routed
    new Select(browser.findElement(By.name("team"))).selectByVisibleText("Sales EMEA");
    wait.until(driver -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
    assertThat(tile("Inquiries (none by team or rep)")).isEqualTo("–");
    assertThat(Long.parseLong(tile("MQLs").replace(",", ""))).isPositive();

    browser.findElement(By.cssSelector("#planner button[type=submit]")).click();
    wait.until(driver -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-planned")));
    assertThat(browser.findElement(By.id("plan-error")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("plan-summary")).getText()).matches("Needed: .* MQLs, .*");
    assertThat(pointsDrawn("chart-plan")).isPositive();

    List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    assertThat(problems).as("console errors and warnings").isEmpty();
  }

  @Test
  void shouldNotShowTheDashboardToARep() {
    browser.get(url("/login"));
    browser.findElement(By.name("username")).sendKeys(DemoUsers.REP_EMEA);
    browser.findElement(By.name("password")).sendKeys(DemoUsers.PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    // a rep starts on the Leads page; the dashboard stays closed to them
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> driver.getCurrentUrl().endsWith("/leads"));
    browser.get(url("/dashboard"));
    assertThat(browser.findElements(By.id("chart-funnel"))).isEmpty();
  }

  private String tile(String label) {
    return browser.findElement(By.xpath("//div[@class='tile'][div[@class='label']='" + label + "']"
        + "/div[@class='value']")).getText();
  }

  private long pointsDrawn(String chart) {
    Object points = ((JavascriptExecutor) browser).executeScript("""
        const chart = Chart.getChart(document.getElementById(arguments[0]));
        return chart ? chart.data.datasets.flatMap(dataset => dataset.data)
            .filter(value => value !== null && value > 0).length : 0;""", chart);
    return ((Number) points).longValue();
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
