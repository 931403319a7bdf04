package io.leadflow;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Leadflow: the lead process that marketing and sales agree on, executable on Camunda 7.
 * As a process application it deploys bpmn/, bpmn/forms/ and dmn/ from the classpath (see META-INF/processes.xml).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableProcessApplication("leadflow")
public class LeadflowApplication {

  public static void main(String[] args) {
    SpringApplication.run(LeadflowApplication.class, args);
  }
}
