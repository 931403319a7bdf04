package io.leadflow.crm;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Leadflow's users as Salesforce users, so that a Lead, Task or Opportunity is owned there by the rep who owns it
 * here: the org's active user with the same email address. Each answer, found or not, is kept for
 * {@code owner-cache-time}, so that a sync does not query the User object on every call and a user created or
 * deactivated in Salesforce counts after that time.
 */
@Component
@ConditionalOnProperty(prefix = "leadflow.crm", name = "provider", havingValue = "salesforce")
class SalesforceUsers {

  private static final Logger LOG = LoggerFactory.getLogger(SalesforceUsers.class);

  private record Known(String userId, Instant until) {
  }

  private final SalesforceApi api;
  private final SalesforceProperties properties;
  private final Map<String, Known> known = new ConcurrentHashMap<>();

  SalesforceUsers(SalesforceApi api, SalesforceProperties properties) {
    this.api = api;
    this.properties = properties;
  }

  /** The Salesforce user id for the email address; empty without an address, a match or with mapping off. */
  Optional<String> userId(String email) {
    if (email == null || !properties.mapOwners()) {
      return Optional.empty();
    }
    String key = email.toLowerCase(Locale.ROOT);
    Instant now = Instant.now();
    Known entry = known.get(key);
    if (entry == null || !entry.until().isAfter(now)) {
      String userId;
      try {
        userId = lookUp(key);
      } catch (CrmRejectedException refused) {
        // e.g. the Run As user may not read User: the org's setup, not the lead's data, so no task to fix the lead
        LOG.warn("Salesforce refused the lookup of the user {}; records of that owner keep Salesforce's owner. {}",
            key, refused.getMessage());
        userId = null;
      }
      entry = new Known(userId, now.plus(properties.ownerCacheTime()));
      known.put(key, entry);
    }
    return Optional.ofNullable(entry.userId());
  }

  /** Salesforce refused the address's user as an owner: records of that owner go without one for the cache time. */
  void refusedAsOwner(String email) {
    known.put(email.toLowerCase(Locale.ROOT), new Known(null, Instant.now().plus(properties.ownerCacheTime())));
  }

  private String lookUp(String email) {
    String soql = "SELECT Id FROM User WHERE Email = '" + literal(email) + "' AND IsActive = true "
        + "ORDER BY CreatedDate LIMIT 1";
    String what = "looking up the Salesforce user " + email;
    JsonNode answer = api.read(what, api.call(what, "user lookup", HttpMethod.GET,
        "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8), null));
    JsonNode records = answer.path("records");
    String userId = records.isArray() && !records.isEmpty() ? records.get(0).path("Id").asText(null) : null;
    if (userId == null) {
      LOG.info("No active Salesforce user has the email address {}; records of that owner keep Salesforce's owner",
          email);
    }
    return userId;
  }

  /** A SOQL string literal's content: backslashes and quotes escaped. */
  private static String literal(String text) {
    return text.replace("\\", "\\\\").replace("'", "\\'");
  }
}
