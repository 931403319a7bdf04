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

  private static final String MAIL_STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  public static void main(String[] args) {
    // Jakarta Mail 2.1 looks up its stream provider through the ServiceLoader for every message part, scanning all
    // the application's jars (jakartaee/mail-api#861): 6 % of the CPU under intake load. Naming it skips the scan.
    if (System.getProperty(MAIL_STREAM_PROVIDER) == null) {
      System.setProperty(MAIL_STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
    SpringApplication.run(LeadflowApplication.class, args);
  }
}
