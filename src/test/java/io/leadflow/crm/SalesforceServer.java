package io.leadflow.crm;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real HTTP server (WireMock) that tests stub as Salesforce's REST API answers, and the properties that point the
 * application's Salesforce adapter at it. Start it before the application context reads its URL.
 */
final class SalesforceServer {

  static final String TOKEN = "/services/oauth2/token";
  static final String API = "/services/data/v61.0/sobjects";

  private SalesforceServer() {
  }

  static WireMockServer start() {
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    return server;
  }

  static void configure(DynamicPropertyRegistry registry, WireMockServer server) {
    registry.add("leadflow.crm.provider", () -> "salesforce");
    registry.add("leadflow.crm.salesforce.login-url", server::baseUrl);
    registry.add("leadflow.crm.salesforce.client-id", () -> "leadflow-app");
    registry.add("leadflow.crm.salesforce.client-secret", () -> "s3cret");
  }
}
