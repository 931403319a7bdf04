package io.leadflow;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * For a process test that covers its processes completely: every element of every process it drives must have been
 * passed. Processes it only passes through on the way (and timer-started ones that fall due while a test moves the
 * engine clock by months) are named in {@code leadflow.test.coverage.exclude}, e.g.
 * {@code @TestPropertySource(properties = "leadflow.test.coverage.exclude=LeadLifecycle")}.
 */
@TestConfiguration
public class FullProcessCoverage {

  @Bean
  @Primary
  ProcessEngineCoverageProperties coverageProperties(
      @Value("${leadflow.test.coverage.exclude:}") String[] passedThrough) {
    return ProcessEngineCoverageProperties.builder()
        .excludeProcessDefinitionKeys(passedThrough)
        .assertClassCoverageAtLeast(1.0)
        .build();
  }
}
