package io.leadflow.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Salesforce's REST API as the CRM adapter needs it: logs in with the client-credentials flow, keeps the session, and
 * turns every failure into {@link CrmUnavailableException} (try again later) or {@link CrmRejectedException} (the
 * data must change). At most one inline retry per cause, so that a call stays far below the job lock time.
 */
@Component
@ConditionalOnProperty(prefix = "leadflow.crm", name = "provider", havingValue = "salesforce")
class SalesforceApi {

  private static final Logger LOG = LoggerFactory.getLogger(SalesforceApi.class);
  private static final int MAX_BODY_IN_MESSAGE = 300;

  /** A logged-in session: the access token and the org's own URL that every call goes to. */
  record Session(String accessToken, String instanceUrl) {
  }

  /** One HTTP answer, read completely. */
  record Answer(int status, HttpHeaders headers, String body) {

    boolean successful() {
      return status >= 200 && status < 300;
    }
  }

  /** One entry of Salesforce's error array. */
  private record SalesforceError(String errorCode, String message, String field) {
  }

  private final SalesforceProperties properties;
  private final RestClient rest;
  private final ObjectMapper json;
  private Session session;

  SalesforceApi(SalesforceProperties properties, RestClient.Builder restClients, ObjectMapper json) {
    this.properties = properties;
    this.json = json;
    HttpClient http = HttpClient.newBuilder()
        .connectTimeout(properties.connectTimeout())
        .version(HttpClient.Version.HTTP_1_1)
        .build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
    requests.setReadTimeout(properties.readTimeout());
    this.rest = restClients.requestFactory(requests).build();
  }

  /** The org's URL, logging in if there is no session yet. */
  String instanceUrl() {
    return session().instanceUrl();
  }

  /**
   * Calls {@code path} (under the instance URL) and returns a successful answer. Logs in again once when the session
   * expired, and waits once when Salesforce asks for a pause no longer than the configured limit.
   *
   * @param what what the call does, for messages: "upserting the lead 1b4e..."
   * @param object what Salesforce would reject, for messages: "lead"
   */
  Answer call(String what, String object, HttpMethod method, String path, Object body) {
    return check(what, object, send(what, method, path, body));
  }

  /**
   * Deletes the record at the path. One that is not there (HTTP 404, NOT_FOUND) counts as deleted, so a retried
   * erasure goes on; a 404 for an external id field the org lacks fails the step, since nothing was deleted.
   */
  void delete(String what, String object, String path) {
    Answer answer = send(what, HttpMethod.DELETE, path, null);
    List<SalesforceError> errors = parse(readQuietly(answer.body()));
    boolean gone = answer.status() == 404 && !errors.isEmpty() && errors.stream().allMatch(error ->
        "NOT_FOUND".equals(error.errorCode()) && !String.valueOf(error.message()).contains("external ID field"));
    if (!gone) {
      check(what, object, answer);
    }
  }

  /** Sends the request; logs in again once on 401 and waits once when Salesforce asks for a short pause. */
  private Answer send(String what, HttpMethod method, String path, Object body) {
    Session current = session();
    boolean loggedInAgain = false;
    boolean waited = false;
    while (true) {
      Answer answer = exchange(what, current, method, path, body);
      if (answer.status() == 401 && !loggedInAgain) {
        LOG.info("Salesforce session expired while {}; logging in again", what);
        current = renew(current);
        loggedInAgain = true;
        continue;
      }
      if ((answer.status() == 429 || answer.status() == 503) && !waited) {
        Duration wait = retryAfter(answer);
        if (wait != null && wait.compareTo(properties.maxRetryAfterWait()) <= 0) {
          LOG.info("Salesforce answered HTTP {} while {}; retrying once in {} s as it asked", answer.status(), what,
              wait.toSeconds());
          pause(wait, what);
          waited = true;
          continue;
        }
      }
      return answer;
    }
  }

  /** Reads a JSON body, or fails as unavailable: a success that cannot be read is not a success. */
  JsonNode read(String what, Answer answer) {
    try {
      JsonNode node = answer.body() == null || answer.body().isBlank() ? null : json.readTree(answer.body());
      if (node == null || !node.isObject()) {
        throw new CrmUnavailableException("Salesforce answered " + what + " with HTTP " + answer.status()
            + " and a body that is not a JSON object: " + abbreviate(answer.body()));
      }
      return node;
    } catch (JsonProcessingException unreadable) {
      throw new CrmUnavailableException("Salesforce answered " + what + " with HTTP " + answer.status()
          + " and a body Leadflow cannot read: " + abbreviate(answer.body()), unreadable);
    }
  }

  /** The rejection for a record Salesforce did not save, from the errors of its answer. */
  CrmRejectedException rejected(String object, JsonNode errors) {
    return rejection(object, parse(errors));
  }

  private synchronized Session session() {
    if (session == null) {
      session = login();
    }
    return session;
  }

  /** A new session, unless another thread already replaced the expired one. */
  private synchronized Session renew(Session expired) {
    if (session == null || session.equals(expired)) {
      session = login();
    }
    return session;
  }

  private Session login() {
    String tokenUrl = properties.loginUrl().toString().replaceAll("/+$", "") + "/services/oauth2/token";
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("grant_type", "client_credentials");
    form.add("client_id", properties.clientId());
    form.add("client_secret", properties.clientSecret());
    Answer answer;
    try {
      answer = rest.post().uri(tokenUrl).contentType(MediaType.APPLICATION_FORM_URLENCODED)
          .accept(MediaType.APPLICATION_JSON).body(form).exchange((request, response) -> new Answer(
              response.getStatusCode().value(), response.getHeaders(),
              StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)));
    } catch (RestClientException unreachable) {
      throw new CrmUnavailableException("Salesforce could not be reached to log in at " + tokenUrl + ": "
          + unreachable.getMostSpecificCause().getMessage(), unreachable);
    }
    if (!answer.successful()) {
      JsonNode error = readQuietly(answer.body());
      throw new CrmUnavailableException("Salesforce refused Leadflow's login at " + tokenUrl + " (HTTP "
          + answer.status() + (error == null ? "" : ", " + error.path("error").asText() + ": "
              + error.path("error_description").asText())
          + "); check LEADFLOW_SALESFORCE_CLIENT_ID, LEADFLOW_SALESFORCE_CLIENT_SECRET and that the connected app "
          + "allows the client credentials flow with a run-as user");
    }
    JsonNode token = read("the login", answer);
    String accessToken = token.path("access_token").asText("");
    String instanceUrl = token.path("instance_url").asText("");
    if (accessToken.isBlank() || instanceUrl.isBlank()) {
      throw new CrmUnavailableException("Salesforce answered the login without access_token or instance_url: "
          + abbreviate(answer.body().replace(accessToken, "***")));
    }
    LOG.info("Logged in to Salesforce at {}", instanceUrl);
    return new Session(accessToken, instanceUrl.replaceAll("/+$", ""));
  }

  private Answer exchange(String what, Session current, HttpMethod method, String path, Object body) {
    String url = current.instanceUrl() + "/services/data/" + properties.apiVersion() + path;
    try {
      // as given: paths and queries arrive encoded, and a second encoding would turn % into %25
      RestClient.RequestBodySpec request = rest.method(method).uri(URI.create(url))
          .header(HttpHeaders.AUTHORIZATION, "Bearer " + current.accessToken())
          .accept(MediaType.APPLICATION_JSON);
      if (body != null) {
        request.contentType(MediaType.APPLICATION_JSON).body(body);
      }
      return request.exchange((sent, response) -> new Answer(response.getStatusCode().value(),
          response.getHeaders(), StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)));
    } catch (RestClientException unreachable) {
      throw new CrmUnavailableException("Salesforce could not be reached while " + what + " (" + method + " " + url
          + "): " + unreachable.getMostSpecificCause().getMessage(), unreachable);
    }
  }

  private Answer check(String what, String object, Answer answer) {
    if (answer.successful()) {
      return answer;
    }
    int status = answer.status();
    List<SalesforceError> errors = parse(readQuietly(answer.body()));
    if (status == 429 || status == 503) {
      String trouble = status == 429 ? "asked Leadflow to slow down" : "is unavailable";
      throw new CrmUnavailableException("Salesforce " + trouble + " (HTTP " + status + ") while " + what + " and "
          + whenAgain(answer) + "; the step will be retried");
    }
    if (errors.stream().anyMatch(error -> "REQUEST_LIMIT_EXCEEDED".equals(error.errorCode()))) {
      throw new CrmUnavailableException("Salesforce refused " + what + " because the org's API request limit is "
          + "exceeded (REQUEST_LIMIT_EXCEEDED): " + errors.get(0).message() + "; the step will be retried");
    }
    if (status == 401) {
      throw new CrmUnavailableException("Salesforce refused Leadflow's session while " + what
          + " even after logging in again (HTTP 401): " + describe(errors, answer));
    }
    if (status == 400 || status == 300) {
      if (errors.isEmpty()) {
        throw new CrmRejectedException(status == 300 ? "MULTIPLE_RECORDS" : "BAD_REQUEST", null,
            "Salesforce rejected the " + object + (status == 300
                ? ": several records have this external id; make the external id field Unique"
                : " (HTTP 400): " + abbreviate(answer.body())));
      }
      throw rejection(object, errors);
    }
    throw new CrmUnavailableException("Salesforce failed while " + what + " (HTTP " + status + "): "
        + describe(errors, answer));
  }

  private CrmRejectedException rejection(String object, List<SalesforceError> errors) {
    SalesforceError first = errors.isEmpty()
        ? new SalesforceError("UNKNOWN_ERROR", "Salesforce gave no reason", null) : errors.get(0);
    String message = "Salesforce rejected the " + object + ": " + meaning(first.errorCode())
        + " (" + first.errorCode() + ")" + (first.field() == null ? "" : " on field " + first.field())
        + ". Salesforce said: " + first.message();
    return new CrmRejectedException(first.errorCode(), first.field(), message);
  }

  private static String meaning(String errorCode) {
    return switch (errorCode) {
      case "DUPLICATES_DETECTED", "DUPLICATE_VALUE" -> "a duplicate rule matched an existing record";
      case "INVALID_FIELD", "INVALID_FIELD_FOR_INSERT_UPDATE" -> "a field Leadflow sends does not exist or may not "
          + "be written";
      case "REQUIRED_FIELD_MISSING" -> "a required field is empty";
      case "FIELD_CUSTOM_VALIDATION_EXCEPTION" -> "a validation rule of the org failed";
      case "STRING_TOO_LONG" -> "a value is longer than the field allows";
      case "INVALID_EMAIL_ADDRESS" -> "the email address is not valid";
      case "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST" -> "a value is not in the field's picklist";
      case "MALFORMED_ID", "INVALID_CROSS_REFERENCE_KEY", "ENTITY_IS_DELETED" -> "a record it refers to does not "
          + "exist (any more)";
      case "INACTIVE_OWNER_OR_USER" -> "the owner is an inactive user";
      case "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY" -> "Leadflow's user may not use a record it refers to";
      default -> "the data does not pass Salesforce's checks";
    };
  }

  private List<SalesforceError> parse(JsonNode errors) {
    List<SalesforceError> parsed = new ArrayList<>();
    if (errors != null && errors.isArray()) {
      for (JsonNode error : errors) {
        JsonNode fields = error.path("fields");
        String code = error.path("errorCode").asText(error.path("statusCode").asText("UNKNOWN_ERROR"));
        parsed.add(new SalesforceError(code,
            error.path("message").asText(""),
            fields.isArray() && !fields.isEmpty() ? fields.get(0).asText() : null));
      }
    }
    return parsed;
  }

  private JsonNode readQuietly(String body) {
    try {
      return body == null || body.isBlank() ? null : json.readTree(body);
    } catch (IOException unreadable) {
      return null;
    }
  }

  /** Retry-After is either seconds or an HTTP date (RFC 9110); null when missing or unreadable. */
  private static Duration retryAfter(Answer answer) {
    String value = answer.headers().getFirst(HttpHeaders.RETRY_AFTER);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(Instant.now(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private static String whenAgain(Answer answer) {
    Duration wait = retryAfter(answer);
    if (wait == null) {
      return "did not say when to call again";
    }
    return "asked to be called again in " + wait.toSeconds() + " s (after "
        + Instant.now().plus(wait).truncatedTo(ChronoUnit.SECONDS) + ")";
  }

  private static void pause(Duration wait, String what) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new CrmUnavailableException("Interrupted while waiting to call Salesforce again while " + what);
    }
  }

  private static String describe(List<SalesforceError> errors, Answer answer) {
    return errors.isEmpty() ? abbreviate(answer.body())
        : errors.get(0).message() + " (" + errors.get(0).errorCode() + ")";
  }

  private static String abbreviate(String body) {
    if (body == null || body.isBlank()) {
      return "(empty)";
    }
    return body.length() <= MAX_BODY_IN_MESSAGE ? body : body.substring(0, MAX_BODY_IN_MESSAGE) + "...";
  }
}
