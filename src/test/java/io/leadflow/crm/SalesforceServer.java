package io.leadflow.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A real HTTP server (WireMock) that tests stub as Salesforce's REST API answers: one per test JVM, started when an
 * application context first reads its address (see ProcessTestServers), shared by the classes that make Salesforce the
 * CRM ({@link SalesforceAsTheCrm}). Each test resets it first.
 */
public final class SalesforceServer {

  static final String TOKEN = "/services/oauth2/token";
  static final String API = "/services/data/v61.0/sobjects";
  static final String QUERY = "/services/data/v61.0/query";

  private static WireMockServer shared;

  private SalesforceServer() {
  }

  public static synchronized WireMockServer shared() {
    if (shared == null) {
      shared = new WireMockServer(wireMockConfig().dynamicPort());
      shared.start();
    }
    return shared;
  }

  /** The org's users: none has any of the emails asked for, until {@link #knowsUser} says otherwise. */
  static void knowsNoUsers(WireMockServer server) {
    server.stubFor(get(urlPathEqualTo(QUERY)).atPriority(10).willReturn(okJson("""
        {"totalSize":0,"done":true,"records":[]}""")));
  }

  /** An active user with the email, as the User query answers. */
  static void knowsUser(WireMockServer server, String email, String userId) {
    server.stubFor(get(urlPathEqualTo(QUERY)).atPriority(1)
        .withQueryParam("q", equalTo("SELECT Id FROM User WHERE Email = '" + email + "' AND IsActive = true "
            + "ORDER BY CreatedDate LIMIT 1"))
        .willReturn(okJson("""
            {"totalSize":1,"done":true,"records":[{"attributes":{"type":"User","url":"/services/data/v61.0/sobjects/\
            User/%s"},"Id":"%s"}]}""".formatted(userId, userId))));
  }
}
