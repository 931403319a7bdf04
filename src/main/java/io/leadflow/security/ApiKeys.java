package io.leadflow.security;

import io.leadflow.system.IdempotentRequests;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys of machine clients, one per capture source (a website's form handler, an import job, a partner). A key is
 * shown once when it is created; Leadflow keeps only its SHA-256 hash (the key is 256 random bits, so a fast hash is
 * enough) and a prefix to find it by. A revoked key stops working at once.
 */
@Service
public class ApiKeys {

  static final String KEY_START = "lf_";
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern KEY = Pattern.compile("lf_([a-z0-9]{8})_([A-Za-z0-9_-]{43})");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A key as the administrator sees it; {@code key} only in the answer that created it. */
  public record ApiKey(UUID id, String name, String channel, String prefix, String key, Instant createdAt,
      String createdBy, Instant lastUsedAt, Instant revokedAt, String revokedBy) {
  }

  private final JdbcTemplate jdbc;
  private final CaptureChannels rules;

  ApiKeys(JdbcTemplate jdbc, CaptureChannels rules) {
    this.jdbc = jdbc;
    this.rules = rules;
  }

  /** @throws InvalidRequestException for a bad name, or a channel missing or unknown */
  @Transactional
  public ApiKey create(String name, String channel, String createdBy) {
    List<FieldProblem> problems = new ArrayList<>();
    if (name == null || name.length() > 100 || !NAME.matcher(name).matches()) {
      problems.add(new FieldProblem("name", "is required: lower-case letters and digits joined by single hyphens, "
          + "at most 100 characters, e.g. website-forms"));
    }
    if (channel == null || !rules.channels().contains(channel)) {
      problems.add(new FieldProblem("channel", "is required: the one channel the key captures for, one of "
          + rules.channels()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return create(UUID.randomUUID(), name, channel, createdBy, randomKey());
  }

  /** Stores a key with a given value: the demo profile's documented key. */
  @Transactional
  public ApiKey create(UUID id, String name, String channel, String createdBy, String key) {
    var parts = KEY.matcher(key);
    if (!parts.matches()) {
      throw new IllegalArgumentException("Not a Leadflow API key: " + KEY_START + "<8 characters>_<43 characters>");
    }
    Instant now = Instant.now();
    jdbc.update("insert into leadflow.api_key (id, name, channel, prefix, secret_hash, created_at, created_by) "
        + "values (?, ?, ?, ?, ?, ?, ?)", id, name, channel, parts.group(1), hash(key), Timestamp.from(now), createdBy);
    return new ApiKey(id, name, channel, parts.group(1), key, now, createdBy, null, null, null);
  }

  public List<ApiKey> list() {
    return jdbc.query("select * from leadflow.api_key order by created_at", (row, index) -> new ApiKey(
        row.getObject("id", UUID.class), row.getString("name"), row.getString("channel"), row.getString("prefix"),
        null, instant(row.getTimestamp("created_at")), row.getString("created_by"),
        instant(row.getTimestamp("last_used_at")), instant(row.getTimestamp("revoked_at")),
        row.getString("revoked_by")));
  }

  /** @return whether the key existed */
  @Transactional
  public boolean revoke(UUID id, String by) {
    return jdbc.update("update leadflow.api_key set revoked_at = coalesce(revoked_at, ?), "
        + "revoked_by = coalesce(revoked_by, ?) where id = ?", Timestamp.from(Instant.now()), by, id) == 1;
  }

  /** The client a presented key belongs to, unless it is unknown, wrong or revoked. */
  public Optional<ApiKeyAuthentication> authenticate(String presented) {
    var parts = presented == null ? null : KEY.matcher(presented.strip());
    if (parts == null || !parts.matches()) {
      return Optional.empty();
    }
    byte[] hash = hash(presented.strip()).getBytes(StandardCharsets.US_ASCII);
    Optional<ApiKeyAuthentication> found = jdbc.query("select id, name, channel, secret_hash from leadflow.api_key "
            + "where prefix = ? and revoked_at is null", (row, index) ->
            MessageDigest.isEqual(hash, row.getString("secret_hash").getBytes(StandardCharsets.US_ASCII))
                ? new ApiKeyAuthentication(row.getObject("id", UUID.class), row.getString("name"),
                    row.getString("channel")) : null,
        parts.group(1)).stream().filter(java.util.Objects::nonNull).findFirst();
    // at most one write a minute per key, however busy the client is
    found.ifPresent(key -> jdbc.update("update leadflow.api_key set last_used_at = ? where id = ? and "
        + "(last_used_at is null or last_used_at < ?)", Timestamp.from(Instant.now()), key.keyId(),
        Timestamp.from(Instant.now().minusSeconds(60))));
    return found;
  }

  static String randomKey() {
    String prefix = HexFormat.of().formatHex(bytes(4));
    return KEY_START + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
  }

  private static byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String hash(String key) {
    return IdempotentRequests.sha256(key);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
