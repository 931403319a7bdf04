package io.leadflow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * A process test: the real application context on a real (embedded) PostgreSQL, with the job executor off so that
 * the test moves the process on itself ({@code execute(job())}, the engine clock), and process test coverage on
 * (asserted where the class says so with {@link ProcessCoverage}). Mail goes to the shared {@link TestSmtpServer}.
 *
 * <p>Every process test class shares this one application context (those with {@code SalesforceAsTheCrm} another):
 * a class adds no configuration of its own (no properties, beans or imports), deletes the process instances it
 * started and resets the engine clock, and leaves the shared servers running.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
    "camunda.bpm.job-execution.enabled=false",
    // the Salesforce tests' context lives beside this one in the same JVM; none of them serves the engine REST API
    "camunda.bpm.generate-unique-process-engine-name=true",
    "camunda.bpm.generate-unique-process-application-name=true",
    // a configured mail server instead of the demo profile's catcher: the shared TestSmtpServer (its port is set in
    // ProcessTestServers), which tests can take down and bring back
    "spring.mail.host=127.0.0.1",
    // not the default quarterly cycle, so that LeadProcessReviewProcessTest shows the configured one is used
    "leadflow.process-review.cycle=0 0 6 15 * ?"})
@ActiveProfiles({"demo", "test"})
@Import({ProcessEngineCoverageConfiguration.class, ProcessCoveragePerClass.Settings.class, ProcessTestServers.class})
@TestExecutionListeners(listeners = ProcessCoveragePerClass.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface ProcessTest {
}
