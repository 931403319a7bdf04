package io.leadflow.demo;

import java.time.Instant;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo profile's first start generates a history, so that the dashboard, the metrics and the stuck list show
 * something right away. Nodes start one after the other (system.StartupLock), so only the first one generates it.
 */
@Component
@Profile("demo")
class DemoHistoryOnFirstStart implements ApplicationRunner {

  private final DemoHistory history;
  private final DemoHistoryProperties properties;

  DemoHistoryOnFirstStart(DemoHistory history, DemoHistoryProperties properties) {
    this.history = history;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (properties.leads() > 0 && !history.exists()) {
      history.generate(properties.leads(), Instant.now(), properties.days(), properties.seed());
    }
  }
}
