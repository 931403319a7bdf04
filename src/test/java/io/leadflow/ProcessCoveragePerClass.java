package io.leadflow;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Scope;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Process test coverage settings per test class in a shared application context. The coverage library's listener
 * reads its settings from the context as each test class starts; this listener runs just before it and notes the
 * class, and the settings bean, asked anew each time, answers with that class's {@link ProcessCoverage}.
 */
public class ProcessCoveragePerClass implements TestExecutionListener, Ordered {

  private static volatile Class<?> starting;

  @Override
  public int getOrder() {
    // the coverage library's listener is the last one (Ordered.LOWEST_PRECEDENCE)
    return Ordered.LOWEST_PRECEDENCE - 1;
  }

  @Override
  public void beforeTestClass(TestContext testContext) {
    starting = testContext.getTestClass();
  }

  @Override
  public void afterTestClass(TestContext testContext) {
    starting = null;
  }

  static ProcessEngineCoverageProperties settings(Class<?> testClass) {
    ProcessCoverage demand = testClass == null ? null
        : AnnotatedElementUtils.findMergedAnnotation(testClass, ProcessCoverage.class);
    if (demand == null) {
      return new ProcessEngineCoverageProperties();
    }
    return ProcessEngineCoverageProperties.builder()
        .excludeProcessDefinitionKeys(demand.passedThrough())
        .assertClassCoverageAtLeast(demand.atLeast())
        .build();
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Settings {

    @Bean
    @Primary
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    ProcessEngineCoverageProperties coverageOfTheStartingTestClass() {
      return settings(starting);
    }
  }
}
