package io.leadflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

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
}
