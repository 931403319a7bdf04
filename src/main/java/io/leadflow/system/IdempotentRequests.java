package io.leadflow.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Makes retries of a request with an {@code Idempotency-Key} header safe: the first request under a key does the work
 * and its answer is stored in the same transaction; a retry with the same key and the same content gets that answer
 * again and does nothing; the same key with other content is refused (422). A retry that arrives while the first
 * request is still running waits for it (the key's row is locked until the first request commits or rolls back).
 */
@Component
public class IdempotentRequests {

  /** The header clients send, as in the IETF draft "The Idempotency-Key HTTP Header Field". */
  public static final String HEADER = "Idempotency-Key";
  /** Set on an answer that repeats the stored answer of an earlier request. */
  public static final String REPLAYED = "Idempotent-Replayed";

  /** The stored answer: its status and JSON body. */
  public record Answer(int status, String body, boolean replayed) {
  }

  private final JdbcTemplate jdbc;
  private final Duration lifetime;

  IdempotentRequests(JdbcTemplate jdbc,
      @Value("${leadflow.intake.idempotency-key-lifetime:PT24H}") Duration lifetime) {
    this.jdbc = jdbc;
    this.lifetime = lifetime;
  }

  /** Runs the work in the caller's transaction unless the key's answer is known; without a key, always runs it. */
  public Answer execute(String client, String key, String content, Supplier<Answer> work) {
    if (key == null || key.isBlank()) {
      return work.get();
    }
    if (key.length() > 255) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The Idempotency-Key must be at most 255 characters");
    }
    String hash = sha256(content);
    int claimed = jdbc.update("insert into leadflow.idempotent_request (client, key, request_hash, status, body, "
        + "created_at) values (?, ?, ?, 0, '', ?) on conflict do nothing", client, key, hash,
        Timestamp.from(Instant.now()));
    if (claimed == 0) {
      List<Answer> stored = jdbc.query("select request_hash, status, body from leadflow.idempotent_request "
          + "where client = ? and key = ?", (row, index) -> {
            if (!row.getString("request_hash").equals(hash)) {
              throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "The Idempotency-Key '" + key
                  + "' was used before for a request with other content; use a new key for a new request");
            }
            return new Answer(row.getInt("status"), row.getString("body"), true);
          }, client, key);
      return stored.get(0);
    }
    Answer answer = work.get();
    jdbc.update("update leadflow.idempotent_request set status = ?, body = ? where client = ? and key = ?",
        answer.status(), answer.body(), client, key);
    return answer;
  }

  /** Keys are remembered for a day (leadflow.intake.idempotency-key-lifetime), then forgotten. */
  @Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
  void forgetOldKeys() {
    jdbc.update("delete from leadflow.idempotent_request where created_at < ?",
        Timestamp.from(Instant.now().minus(lifetime)));
  }

  public static String sha256(String content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException missing) {
      throw new IllegalStateException(missing);
    }
  }
}
