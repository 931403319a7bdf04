package io.leadflow.security;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.LeadflowIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * What a browser gets from Leadflow's own pages and API: a content security policy that lets no other site frame them
 * or inject script, HSTS over HTTPS, and pages (not JSON) when something goes wrong, while API clients keep their
 * problems. Camunda's webapps keep their own policy.
 */
@LeadflowIntegrationTest
class PagesAndHeadersIT {

  private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
      + "image/webp,*/*;q=0.8";

  @Autowired TestRestTemplate rest;

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource({
      "/landing/,",
      "/dashboard, max",
      "/api/metrics/conversions, max",
      "/api/leads/6b0c2f0e-0000-4000-8000-000000000000, mia",
      "/swagger-ui/index.html,",
      "/engine-rest/task?maxResults=1, admin",
      "/no-such-page, mia"})
  void shouldForbidFramingAndForeignScriptOnLeadflowsOwnPagesAndApi(String path, String user) {
    ResponseEntity<String> response = (user == null ? rest : rest.withBasicAuth(user, PASSWORD))
        .exchange(path, HttpMethod.GET, new HttpEntity<>(accept(BROWSER)), String.class);

    assertThat(response.getHeaders().getFirst("Content-Security-Policy")).as(path)
        .contains("default-src 'self'", "script-src 'self';", "object-src 'none'", "frame-ancestors 'none'");
    assertThat(response.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void shouldAskBrowsersForHttpsOnlyWhenServedOverHttps() {
    HttpHeaders throughTls = accept(BROWSER);
    // the test client is the listed reverse proxy that terminated TLS
    throughTls.set("X-Forwarded-Proto", "https");

    ResponseEntity<String> secure = rest.exchange("/landing/", HttpMethod.GET, new HttpEntity<>(throughTls),
        String.class);
    ResponseEntity<String> plain = rest.exchange("/landing/", HttpMethod.GET, new HttpEntity<>(accept(BROWSER)),
        String.class);

    assertThat(secure.getHeaders().getFirst("Strict-Transport-Security")).startsWith("max-age=31536000");
    assertThat(plain.getHeaders().containsKey("Strict-Transport-Security")).isFalse();
  }

  @Test
  void shouldLeaveCamundasWebappsTheirOwnPolicy() {
    ResponseEntity<String> tasklist = rest.getForEntity("/camunda/app/tasklist/default/", String.class);

    assertThat(tasklist.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(tasklist.getHeaders().getFirst("Content-Security-Policy")).contains("'nonce-")
        .doesNotContain("script-src 'self';");
  }

  @Test
  void shouldShowARepWhoOpensTheDashboardAPageThatSaysItIsNotForTheirRole() {
    // not sam: SecurityIT tries a wrong password for sam, and the engine then delays sam's logins for a while
    ResponseEntity<String> page = rest.withBasicAuth(REP_AMERICAS, PASSWORD).exchange("/dashboard", HttpMethod.GET,
        new HttpEntity<>(accept(BROWSER)), String.class);
    ResponseEntity<String> api = rest.withBasicAuth(REP_AMERICAS, PASSWORD).exchange("/api/metrics/conversions",
        HttpMethod.GET, new HttpEntity<>(accept(MediaType.APPLICATION_JSON_VALUE)), String.class);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(page.getBody()).contains("This page is not for your role", "You are logged in as rita",
        "/camunda/app/tasklist/default/");
    assertThat(api.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(api.getBody()).contains("\"status\":403");
  }

  @Test
  void shouldShowABrowserAPageAndAnApiClientAProblemForAPathWithNothingAtIt() {
    ResponseEntity<String> page = rest.withBasicAuth(MARKETING_OPS, PASSWORD).exchange("/no-such-page",
        HttpMethod.GET, new HttpEntity<>(accept(BROWSER)), String.class);
    ResponseEntity<String> api = rest.withBasicAuth(MARKETING_OPS, PASSWORD).exchange("/api/no-such-thing",
        HttpMethod.GET, new HttpEntity<>(accept("*/*")), String.class);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(page.getBody()).contains("There is no page here");
    assertThat(api.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
  }

  @Test
  void shouldShowTheLandingPageFormAgainWithWhatWasTypedAndTheFieldToCorrect() {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    Map.of("email", "not-an-address", "firstName", "Ada", "lastName", "Lovelace & King", "company",
        "Analytical Engines", "country", "GB", "phone", "020 7946 0958", "marketingConsent", "true",
        "campaign", "spring-webinar", "asset", "webinar-recording", "website", "").forEach(form::add);
    HttpHeaders headers = accept(BROWSER);
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.set("X-Forwarded-For", "203.0.113." + (UUID.randomUUID().hashCode() & 0x7f));

    ResponseEntity<String> answer = rest.postForEntity("/landing/leads", new HttpEntity<>(form, headers),
        String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains("Please check your details")
        .contains("name=\"email\"", "value=\"not-an-address\"")
        .contains("value=\"Ada\"", "value=\"Lovelace &amp; King\"", "value=\"Analytical Engines\"",
            "value=\"020 7946 0958\"")
        .contains("<option value=\"GB\" selected=\"selected\">United Kingdom</option>")
        .containsPattern("name=\"marketingConsent\" value=\"true\"\\s+checked=\"checked\"")
        .contains("<input type=\"hidden\" name=\"campaign\" value=\"spring-webinar\">")
        .contains("<span class=\"field-error\">must be a well-formed email address");
  }

  private static HttpHeaders accept(String accept) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.ACCEPT, accept);
    return headers;
  }
}
