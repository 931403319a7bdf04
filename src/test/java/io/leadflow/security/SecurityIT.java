package io.leadflow.security;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.LeadflowIntegrationTest;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

@LeadflowIntegrationTest
class SecurityIT {

  @Autowired TestRestTemplate rest;
  @Autowired IdentityService identity;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "GET, /engine-rest/task",
      "GET, /engine-rest/process-definition",
      "POST, /engine-rest/deployment/create",
      "POST, /engine-rest/process-definition/key/LeadLifecycle/start",
      "GET, /engine-rest/user",
      "GET, /api/leads/6b0c2f0e-0000-4000-8000-000000000000",
      "POST, /api/leads",
      "GET, /actuator/metrics",
      "GET, /actuator/prometheus",
      "GET, /anything-else"})
  void shouldRefuseAnonymousRequests(HttpMethod method, String path) {
    ResponseEntity<String> response = rest.exchange(path, method, jsonBody(), String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"/engine-rest/task?maxResults=10", "/api/leads/6b0c2f0e-0000-4000-8000-000000000000"})
  void shouldRefuseAWrongPassword(String path) {
    // a user of its own: the engine locks out a user for seconds after a wrong password, and the other tests log in
    // as the demo users
    String user = "throwaway" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    User throwaway = identity.newUser(user);
    throwaway.setPassword(PASSWORD);
    identity.saveUser(throwaway);
    try {
      ResponseEntity<String> response = rest.withBasicAuth(user, "not-the-password").getForEntity(path, String.class);

      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    } finally {
      identity.deleteUser(user);
    }
  }

  @Test
  void shouldLetALoggedInUserUseTheEngineRestApiWithinTheirAuthorizations() {
    assertThat(rest.withBasicAuth(REP_EMEA, PASSWORD).getForEntity("/engine-rest/task?maxResults=10", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    // a rep may not read users or deploy: authorization checks are on
    ResponseEntity<String> deployments = rest.withBasicAuth(REP_EMEA, PASSWORD)
        .getForEntity("/engine-rest/deployment?maxResults=10", String.class);
    assertThat(deployments.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(deployments.getBody()).isEqualTo("[]");
  }

  @Test
  void shouldLimitUnboundedEngineQueries() {
    ResponseEntity<String> response = rest.withBasicAuth(ADMIN, PASSWORD).getForEntity("/engine-rest/task", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("unbound number of results");
  }

  @Test
  void shouldKeepActuatorForAdministrators() {
    assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth(REP_EMEA, PASSWORD).getForEntity("/actuator/metrics", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth(ADMIN, PASSWORD).getForEntity("/actuator/metrics", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldServeTheWebappsLoginButNoDataAnonymously() {
    assertThat(rest.getForEntity("/camunda/app/tasklist/default/", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    // the webapps' own API is a servlet of its own: their plugins load before the login page shows
    assertThat(rest.getForEntity("/camunda/api/tasklist/plugin/tasklistPlugins/static/app/plugin.js",
        String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(rest.getForEntity("/camunda/api/engine/engine/default/task/count", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private static HttpEntity<String> jsonBody() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>("{}", headers);
  }
}
