package io.leadflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.io.ClassPathResource;

/** The review's cycle as shipped, read the way the engine reads a timer cycle. */
class ProcessReviewScheduleTest {

  @Test
  void shouldReviewAtSevenOnTheFirstDayOfEachQuarterByDefault() throws IOException {
    String cycle = shippedCycle();
    assertThat(new ProcessReviewSchedule().getCycle()).isEqualTo(cycle);

    CycleBusinessCalendar calendar = new CycleBusinessCalendar();
    Date next = Date.from(LocalDateTime.of(2026, 11, 23, 12, 0).atZone(ZoneId.systemDefault()).toInstant());
    List<LocalDateTime> reviews = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      next = calendar.resolveDuedate(cycle, next);
      reviews.add(LocalDateTime.ofInstant(next.toInstant(), ZoneId.systemDefault()));
    }

    assertThat(reviews).containsExactly(LocalDateTime.of(2027, 1, 1, 7, 0), LocalDateTime.of(2027, 4, 1, 7, 0),
        LocalDateTime.of(2027, 7, 1, 7, 0), LocalDateTime.of(2027, 10, 1, 7, 0));
  }

  @Test
  void shouldRefuseACycleTheEngineCannotRead() {
    ProcessReviewSchedule schedule = new ProcessReviewSchedule();

    // Quartz's seventh field (the year) is not part of the engine's cron syntax
    assertThatThrownBy(() -> schedule.setCycle("0 0 7 1 1/3 ? 2027")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("six fields");
    assertThatThrownBy(() -> schedule.setCycle("quarterly")).isInstanceOf(IllegalArgumentException.class);
    assertThat(schedule.getCycle()).isEqualTo("0 0 7 1 1/3 ?");

    schedule.setCycle("0 30 8 1 1/6 ?");
    assertThat(schedule.getCycle()).isEqualTo("0 30 8 1 1/6 ?");
  }

  /** leadflow.process-review.cycle from application.yaml, without the environment variable that overrides it. */
  private static String shippedCycle() throws IOException {
    MutablePropertySources sources = new MutablePropertySources();
    new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))
        .forEach(sources::addLast);
    return new PropertySourcesPropertyResolver(sources).getProperty("leadflow.process-review.cycle");
  }
}
