package io.leadflow.system;

import static io.leadflow.DemoUsers.MANAGER;
import static io.leadflow.DemoUsers.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.HeadlessChromium;
import io.leadflow.LeadflowIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A manager in Cockpit, in Chromium: the dashboard, a process's and a decision's page and the human tasks load
 * without a request the server refuses, though the engine caps every list at its result limit; lists that ask for no
 * page stay refused.
 */
@LeadflowIntegrationTest
class CockpitIT {

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repository;

  @Test
  void shouldShowAManagerTheDashboardAProcessAndADecisionWithoutAFailedRequest() {
    String process = repository.createProcessDefinitionQuery().processDefinitionKey("LeadLifecycle").latestVersion()
        .singleResult().getId();
    String decision = repository.createDecisionDefinitionQuery().decisionDefinitionKey("LeadScoring")
        .latestVersion().singleResult().getId();
    ChromeDriver browser = HeadlessChromium.start(1200);
    try {
      logInToCockpit(browser);
      // the first page of a webapp on a cold application can take long on a busy build machine
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(180));
      browser.get(url("/camunda/app/cockpit/default/#/dashboard"));
      wait.until(driver -> driver.getPageSource().contains("Max Lindqvist")
          && driver.getPageSource().contains("Running Process Instances"));
      browser.get(url("/camunda/app/cockpit/default/#/process-definition/" + process + "/runtime"));
      // the version picker shows the versions the engine listed
      wait.until(driver -> !driver.findElements(By.cssSelector("[cam-widget-bpmn-viewer], .bjs-container"))
          .isEmpty());
      browser.get(url("/camunda/app/cockpit/default/#/decision-definition/" + decision));
      wait.until(driver -> !driver.findElements(By.cssSelector(".dmn-decision-table-container, .tjs-container"))
          .isEmpty());
      browser.get(url("/camunda/app/cockpit/default/#/tasks"));
      wait.until(driver -> driver.getPageSource().contains("Assignments by group"));
      // the pages' calls are over once no new one has come for two seconds
      long[] seen = {-1, System.nanoTime()};
      wait.pollingEvery(Duration.ofMillis(500)).until(driver -> {
        long calls = ((Number) ((JavascriptExecutor) driver).executeScript(
            "return performance.getEntriesByType('resource').length")).longValue();
        if (calls != seen[0]) {
          seen[0] = calls;
          seen[1] = System.nanoTime();
        }
        return System.nanoTime() - seen[1] > Duration.ofSeconds(2).toNanos();
      });

      @SuppressWarnings("unchecked")
      List<Map<String, Object>> failed = (List<Map<String, Object>>) ((JavascriptExecutor) browser).executeScript("""
          return performance.getEntriesByType('resource')
            .filter(entry => entry.name.includes('/camunda/api/') && entry.responseStatus >= 400)
            .map(entry => ({url: entry.name, status: entry.responseStatus}));""");
      assertThat(failed).as("requests the server refused").isEmpty();

      // the same door, asked for every definition without a page, still refuses
      Object unpaged = ((JavascriptExecutor) browser).executeAsyncScript("""
          const done = arguments[arguments.length - 1];
          fetch('/camunda/api/engine/engine/default/process-definition?sortBy=version&sortOrder=desc',
            {headers: {Accept: 'application/json'}}).then(response => done(response.status));""");
      assertThat(unpaged).isEqualTo(400L);
    } finally {
      browser.quit();
    }

    // and so does the engine REST API
    assertThat(rest.withBasicAuth(MANAGER, PASSWORD).getForEntity(
        "/engine-rest/process-definition?sortBy=version&sortOrder=desc", String.class).getStatusCode().value())
        .isEqualTo(400);
  }

  /** Cockpit's own login call, made from its page so that its XSRF cookie and header go with it. */
  private void logInToCockpit(ChromeDriver browser) {
    browser.get(url("/camunda/app/cockpit/default/"));
    new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> driver.manage().getCookieNamed("XSRF-TOKEN")
        != null);
    Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        const token = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')).split('=')[1];
        fetch('/camunda/api/admin/auth/user/default/login/cockpit', {method: 'POST',
          headers: {'Content-Type': 'application/x-www-form-urlencoded', 'X-XSRF-TOKEN': token},
          body: 'username=' + encodeURIComponent(arguments[0]) + '&password=' + encodeURIComponent(arguments[1])})
          .then(response => done(response.status), error => done(String(error)));""", MANAGER, PASSWORD);
    assertThat(status).as("Cockpit login").isEqualTo(200L);
    // a fresh page: the login screen's 401 for "who is logged in?" stays behind
    browser.get("about:blank");
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
