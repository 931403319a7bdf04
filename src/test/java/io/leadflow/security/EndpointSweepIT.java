package io.leadflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.LeadflowIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint the application serves, found from its own request mappings (so that a new endpoint is swept
 * without anyone remembering to add it), plus the engine REST API, the webapps' data API and Actuator: an anonymous
 * request is refused unless the endpoint is on the short list of deliberately public ones.
 */
@LeadflowIntegrationTest
class EndpointSweepIT {

  /** Public on purpose, each for a reason the README gives. */
  private static final List<String> PUBLIC = List.of("/landing", "/unsubscribe", "/resubscribe", "/v3/api-docs",
      "/swagger-ui", "/actuator/health", "/login", "/error");

  private static final List<String> ENGINE_AND_WEBAPP_DATA = List.of("GET /engine-rest/task",
      "GET /engine-rest/process-instance", "GET /engine-rest/history/process-instance", "GET /engine-rest/incident",
      "GET /engine-rest/user", "GET /engine-rest/group", "GET /engine-rest/authorization",
      "GET /engine-rest/deployment", "POST /engine-rest/deployment/create", "POST /engine-rest/message",
      "POST /engine-rest/process-definition/key/LeadLifecycle/start", "POST /engine-rest/task/x/complete",
      "GET /engine-rest/decision-definition", "GET /engine-rest/job", "POST /engine-rest/job/x/retries",
      "GET /camunda/api/engine/engine/default/task/count",
      "GET /camunda/api/cockpit/plugin/base/default/process-definition/x/called-process-definitions",
      "GET /camunda/api/engine/engine/default/user", "GET /actuator/metrics", "GET /actuator/prometheus",
      "GET /actuator/env", "GET /actuator/info");

  @Autowired TestRestTemplate rest;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  @Test
  void shouldRefuseAnonymousRequestsToEveryNonPublicEndpoint() {
    Set<String> endpoints = new TreeSet<>(ENGINE_AND_WEBAPP_DATA);
    mappings.getHandlerMethods().keySet().forEach(mapping -> endpoints.addAll(endpoints(mapping)));
    assertThat(endpoints).as("the sweep found the application's own endpoints").anyMatch(e -> e.contains("/api/leads"));

    // a page that sends the browser to its login page is refused too, so redirects are not followed
    TestRestTemplate anonymous = rest.withRedirects(Redirects.DONT_FOLLOW);
    List<String> open = new ArrayList<>();
    for (String endpoint : endpoints) {
      String[] methodAndPath = endpoint.split(" ", 2);
      if (PUBLIC.stream().anyMatch(methodAndPath[1]::startsWith)) {
        continue;
      }
      ResponseEntity<String> response = anonymous.exchange(methodAndPath[1], HttpMethod.valueOf(methodAndPath[0]),
          jsonBody(), String.class);
      int status = response.getStatusCode().value();
      boolean toLogin = status == 302 && String.valueOf(response.getHeaders().getLocation()).contains("/login");
      // 403: refused before any login, e.g. a browser form post without its CSRF token
      if (status != 401 && status != 403 && !toLogin) {
        open.add(endpoint + " -> " + status);
      }
    }
    assertThat(open).as("endpoints that answered an anonymous request").isEmpty();
  }

  /** Each method and path of a mapping, its path variables filled with a harmless sample. */
  private static List<String> endpoints(RequestMappingInfo mapping) {
    Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
    List<String> endpoints = new ArrayList<>();
    for (String pattern : mapping.getPatternValues()) {
      String path = pattern.replaceAll("\\{[^}]*}", "6b0c2f0e-0000-4000-8000-000000000000").replace("/**", "/x");
      for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
        endpoints.add(method.name() + " " + path);
      }
    }
    return endpoints;
  }

  private static HttpEntity<String> jsonBody() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>("{}", headers);
  }
}
