package io.leadflow;

import io.leadflow.crm.SalesforceServer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The servers outside the application that process tests talk to, each started once per test JVM and wired into
 * every process test context alike, so that the contexts stay few: the SMTP server ({@link TestSmtpServer}) and the
 * HTTP server that answers as Salesforce ({@link SalesforceServer}; started only in the context of the classes that
 * make Salesforce the CRM, the only one that reads its address).
 */
@TestConfiguration(proxyBeanMethods = false)
class ProcessTestServers {

  @Bean
  DynamicPropertyRegistrar processTestServers() {
    return registry -> {
      // spring.mail.host is fixed in ProcessTest: whether a mail server is configured decides which beans exist
      registry.add("spring.mail.port", () -> TestSmtpServer.running().getSmtp().getPort());
      registry.add("leadflow.crm.salesforce.login-url", () -> SalesforceServer.shared().baseUrl());
    };
  }
}
