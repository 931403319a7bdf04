package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by Selenium through the system's ChromeDriver, for the tests that use the
 * application as people do in a browser. Without Chromium the calling test is skipped, saying how to install it.
 */
public final class HeadlessChromium {

  static final Path CHROMIUM = Path.of(System.getProperty("leadflow.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("leadflow.chromedriver", "/usr/bin/chromedriver"));

  private HeadlessChromium() {
  }

  /** A new browser with the given window height, keeping the page's console log for the test to read. */
  public static ChromeDriver start(int windowHeight) {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "The browser tests need Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
            + ": install them with `sudo apt-get install chromium chromium-driver` (Debian/Ubuntu), or point"
            + " -Dleadflow.chromium and -Dleadflow.chromedriver at them");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--window-size=1400," + windowHeight);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build(), options);
  }

  /**
   * Logs the user in to Tasklist with Tasklist's own login call, made from its page so that its XSRF cookie and header
   * go with it. It leaves the browser on a blank page: Tasklist, opened before the login, shows its login form, so the
   * next page must load afresh, not just change the part after '#' of a page that believes nobody is logged in.
   */
  public static void logInToTasklist(ChromeDriver browser, String baseUrl, String user, String password) {
    browser.get(baseUrl + "/camunda/app/tasklist/default/");
    new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> driver.manage().getCookieNamed("XSRF-TOKEN")
        != null);
    Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        const token = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')).split('=')[1];
        fetch('/camunda/api/admin/auth/user/default/login/tasklist', {method: 'POST',
          headers: {'Content-Type': 'application/x-www-form-urlencoded', 'X-XSRF-TOKEN': token},
          body: 'username=' + encodeURIComponent(arguments[0]) + '&password=' + encodeURIComponent(arguments[1])})
          .then(response => done(response.status), error => done(String(error)));""", user, password);
    assertThat(status).as("Tasklist login as " + user).isEqualTo(200L);
    browser.get("about:blank");
  }
}
