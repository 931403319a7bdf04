package io.leadflow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A process test: the real application context on a real (embedded) PostgreSQL, with the job executor off so that
 * the test moves the process on itself ({@code execute(job())}, the engine clock), and process test coverage on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
    "camunda.bpm.job-execution.enabled=false",
    // several process test contexts live in one JVM; none of them serves the engine REST API
    "camunda.bpm.generate-unique-process-engine-name=true",
    "camunda.bpm.generate-unique-process-application-name=true"})
@ActiveProfiles({"demo", "test"})
@Import(ProcessEngineCoverageConfiguration.class)
public @interface ProcessTest {
}
