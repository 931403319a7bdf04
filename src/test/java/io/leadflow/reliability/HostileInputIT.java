package io.leadflow.reliability;

import static io.leadflow.DemoUsers.MARKETING_OPS;
import static io.leadflow.DemoUsers.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.LeadflowIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Thousands of generated malformed, oversized and mutated requests against the capture API and list imports: no answer is a 5xx,
 * every refusal is a problem+json naming what was wrong, a refused request writes no row, and the application is
 * still healthy afterwards. The generator is seeded, so a failure names the seed that reproduces it.
 */
@LeadflowIntegrationTest
class HostileInputIT {

  private static final long SEED = Long.getLong("hostile.seed", 20261123L);
  private static final int REQUESTS = Integer.getInteger("hostile.requests", 3000);
  // a lead that is nurtured, not routed: thousands of them must not fill the demo reps' capacity for other tests
  private static final String VALID_LEAD = """
      {"email":"%s","firstName":"Ada","lastName":"Lovelace","company":"Analytical Engines","jobTitle":"Analyst",
       "phone":"+49 30 1234567","country":"DE","sourceChannel":"web-form","campaign":"fuzz","requestType":"INQUIRY",
       "industry":"RETAIL","companySize":40,"jobLevel":"USER","budget":"NONE",
       "timeframe":"LATER"}""";

  private static final String VALID_CSV = """
      email,firstName,lastName,company,country,companySize,marketingConsent
      "fuzz@list.example",Ada,Lovelace,"Analytical Engines, Ltd",GB,1500,yes
      """;

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldAnswerEveryHostileRequestWithAClearRefusalAndWriteNothing() {
    Random random = new Random(SEED);
    long leadsBefore = leads();
    int created = 0;
    List<String> failures = new ArrayList<>();
    for (int n = 0; n < REQUESTS; n++) {
      Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
      String body = mutation.apply(VALID_LEAD.formatted("fuzz-" + n + "@analytical-engines.example"), random);
      ResponseEntity<String> response = post(body, mutation.contentType());
      int status = response.getStatusCode().value();
      if (status == 201) {
        created++;
      } else if (status >= 500 || status < 400) {
        failures.add(n + " " + mutation + " -> " + status + ": " + abbreviate(body));
      } else if (!isProblem(response)) {
        failures.add(n + " " + mutation + " -> " + status + " without problem+json: " + abbreviate(body));
      }
    }

    long leadsAfterApi = leads();
    for (int n = 0; n < REQUESTS / 10; n++) {
      String csv = Mutation.values()[random.nextInt(Mutation.values().length)].apply(VALID_CSV, random);
      ResponseEntity<String> response = upload(csv, n);
      int status = response.getStatusCode().value();
      if (status >= 500 || (status >= 400 && !isProblem(response))) {
        failures.add("import " + n + " -> " + status + ": " + abbreviate(csv));
      }
    }

    assertThat(failures).as("requests not answered with a problem+json 4xx (seed %d)", SEED).isEmpty();
    assertThat(leadsAfterApi - leadsBefore).as("leads written: exactly the accepted requests").isEqualTo(created);
    assertThat(rest.getForEntity("/actuator/health", String.class).getBody()).contains("\"UP\"");
  }

  private ResponseEntity<String> post(String body, MediaType contentType) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(contentType);
    return rest.withBasicAuth(MARKETING_OPS, PASSWORD).exchange("/api/leads", HttpMethod.POST,
        new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), headers), String.class);
  }

  /** A CSV list upload; each under its own campaign, so that no upload is a repeat of another. */
  private ResponseEntity<String> upload(String csv, int n) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("file", new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "fuzz.csv";
      }
    });
    parts.add("channel", "trade-show");
    parts.add("campaign", "fuzz " + n);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForEntity("/api/leads/imports",
        new HttpEntity<>(parts, headers), String.class);
  }

  private static boolean isProblem(ResponseEntity<String> response) {
    MediaType type = response.getHeaders().getContentType();
    return type != null && type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON) && response.getBody() != null
        && response.getBody().contains("\"status\"");
  }

  private long leads() {
    return jdbc.queryForObject("select count(*) from leadflow.lead", Long.class);
  }

  private static String abbreviate(String body) {
    return body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }

  /** The ways a hostile or broken client mangles a request. */
  enum Mutation {
    DROP_FIELD {
      @Override
      String apply(String body, Random random) {
        String field = FIELDS[random.nextInt(FIELDS.length)];
        return body.replaceAll("\"" + field + "\":(\"[^\"]*\"|[0-9]+),?", "").replace(",}", "}");
      }
    },
    WRONG_TYPE {
      @Override
      String apply(String body, Random random) {
        String[] values = {"[]", "{}", "true", "-1", "1e309", "null", "\"\"", "[\"x\"]", "9999999999999999999"};
        return replaceValue(body, random, values[random.nextInt(values.length)]);
      }
    },
    OVERSIZE {
      @Override
      String apply(String body, Random random) {
        return replaceValue(body, random, "\"" + "x".repeat(300 + random.nextInt(100_000)) + "\"");
      }
    },
    SCRIPT_AND_CONTROL_CHARACTERS {
      @Override
      String apply(String body, Random random) {
        String[] values = {"\"<script>alert(1)</script>\"", "\"Robert'); DROP TABLE lead;--\"", "\"\\u0000\"",
            "\"\\ud800\"", "\"${jndi:ldap://x/a}\"", "\"#{7*7}\"", "\"\\n\\r\\t\"", "\"‮evil\""};
        return replaceValue(body, random, values[random.nextInt(values.length)]);
      }
    },
    UNKNOWN_FIELD {
      @Override
      String apply(String body, Random random) {
        return body.replaceFirst("\\{", "{\"isAdmin\":true,\"id\":\"00000000-0000-0000-0000-000000000000\",");
      }
    },
    BROKEN_JSON {
      @Override
      String apply(String body, Random random) {
        int cut = random.nextInt(body.length());
        return random.nextBoolean() ? body.substring(0, cut) : body.substring(0, cut) + "\"}{[" + body.substring(cut);
      }
    },
    FLIPPED_BYTES {
      @Override
      String apply(String body, Random random) {
        char[] characters = body.toCharArray();
        for (int i = 0; i < 1 + random.nextInt(5); i++) {
          characters[random.nextInt(characters.length)] = (char) random.nextInt(0x3000);
        }
        return new String(characters);
      }
    },
    DEEP_NESTING {
      @Override
      String apply(String body, Random random) {
        int depth = 1000 + random.nextInt(5000);
        return replaceValue(body, random, "[".repeat(depth) + "]".repeat(depth));
      }
    },
    NOT_JSON {
      @Override
      String apply(String body, Random random) {
        return "email=a@b.example&firstName=Ada";
      }

      @Override
      MediaType contentType() {
        return MediaType.TEXT_PLAIN;
      }
    },
    EMPTY {
      @Override
      String apply(String body, Random random) {
        return random.nextBoolean() ? "" : "null";
      }
    };

    private static final String[] FIELDS = {"email", "firstName", "lastName", "company", "jobTitle", "phone",
        "country", "sourceChannel", "campaign", "requestType", "industry", "companySize", "jobLevel", "budget",
        "timeframe"};

    abstract String apply(String body, Random random);

    MediaType contentType() {
      return MediaType.APPLICATION_JSON;
    }

    static String replaceValue(String body, Random random, String value) {
      String field = FIELDS[random.nextInt(FIELDS.length)];
      return body.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+)",
          java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + value));
    }
  }
}
