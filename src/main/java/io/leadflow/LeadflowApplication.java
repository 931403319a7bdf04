package io.leadflow;

import java.util.Map;
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

  /**
   * Service providers named by system property, because without one their APIs look them up through the ServiceLoader,
   * which scans every jar of the application, on every call:
   * <ul>
   *   <li>Jakarta Mail 2.1, for every message part (jakartaee/mail-api#861): 6 % of the CPU under intake load;</li>
   *   <li>the engine builds a {@code DatatypeFactory} for the retry cycle of every job it creates: 5 %.</li>
   * </ul>
   * Both name the implementation the lookup finds anyway; a {@code -D} on the command line still wins.
   */
  static final Map<String, String> NAMED_PROVIDERS = Map.of(
      "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider",
      "javax.xml.datatype.DatatypeFactory", "com.sun.org.apache.xerces.internal.jaxp.datatype.DatatypeFactoryImpl");

  public static void main(String[] args) {
    nameProviders();
    SpringApplication.run(LeadflowApplication.class, args);
  }

  static void nameProviders() {
    NAMED_PROVIDERS.forEach((api, implementation) -> {
      if (System.getProperty(api) == null) {
        System.setProperty(api, implementation);
      }
    });
  }
}
