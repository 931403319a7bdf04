package io.leadflow.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Posts leads to a node over HTTP as a capture source would (marketing ops' login). */
public final class LeadClient {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
  private static final String AUTH = "Basic " + Base64.getEncoder()
      .encodeToString("mia:LeadflowDemo-1".getBytes(StandardCharsets.UTF_8));

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** A surname that tells the leads apart: the email's local part with its digits spelt as letters (names have none). */
  private static String surname(String email) {
    StringBuilder name = new StringBuilder();
    for (char c : email.substring(0, email.indexOf('@')).toCharArray()) {
      if (Character.isLetter(c)) {
        name.append(c);
      } else if (Character.isDigit(c)) {
        name.append((char) ('a' + (c - '0')));
      }
    }
    return name.toString();
  }

  /**
   * What became of a post.
   *
   * @param id the lead's id when the node answered 201, else null
   * @param status the node's answer, or 0 when none came (the request failed or was in flight when the node died)
   */
  public record Posted(String email, String id, int status) {

    public boolean answered() {
      return status != 0;
    }
  }

  /** A hand-raiser from the given country; returns its id when the node answered 201, else null. */
  public String postHandRaiser(PackagedApp node, String email, String country) {
    return post(node, email, country).id();
  }

  /** A hand-raiser from the given country, and what the node answered. */
  public Posted post(PackagedApp node, String email, String country) {
    String body = """
        {"email":"%s","firstName":"Load","lastName":"%s","company":"Load Systems","jobTitle":"CTO",
         "country":"%s","sourceChannel":"web-form","campaign":"load","requestType":"DEMO","industry":"SOFTWARE",
         "companySize":1500,"jobLevel":"DECISION_MAKER","budget":"CONFIRMED","timeframe":"WITHIN_3_MONTHS"}"""
        .formatted(email, surname(email), country);
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node.url("/api/leads")))
              .timeout(Duration.ofSeconds(10))
              .header("Authorization", AUTH).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      Matcher id = ID.matcher(response.body());
      return new Posted(email, response.statusCode() == 201 && id.find() ? id.group(1) : null,
          response.statusCode());
    } catch (IOException unanswered) {
      return new Posted(email, null, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Posted(email, null, 0);
    }
  }
}
