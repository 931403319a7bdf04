package io.leadflow.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Unsubscribe links that cannot be guessed for somebody else's lead: the token is an HMAC-SHA256 of the lead's id
 * under {@code leadflow.mail.unsubscribe-secret}, URL-safe Base64 without padding. The endpoint that serves the link
 * verifies it with {@link #verify}.
 */
@Component
public class UnsubscribeLinks {

  private static final String ALGORITHM = "HmacSHA256";

  private final String base;
  private final SecretKeySpec key;

  public UnsubscribeLinks(LeadflowMailProperties properties) {
    this.base = properties.base();
    this.key = new SecretKeySpec(properties.unsubscribeSecret().getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** {@code {base-url}/unsubscribe?lead={leadId}&token={token}} */
  public String url(UUID leadId) {
    return base + "/unsubscribe?lead=" + leadId + "&token=" + token(leadId);
  }

  /** Whether the token was made for this lead with this secret; compares in constant time. */
  public boolean verify(UUID leadId, String token) {
    if (leadId == null || token == null) {
      return false;
    }
    return MessageDigest.isEqual(token(leadId).getBytes(StandardCharsets.US_ASCII),
        token.getBytes(StandardCharsets.US_ASCII));
  }

  String token(UUID leadId) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] signature = mac.doFinal(leadId.toString().getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (GeneralSecurityException missing) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", missing);
    }
  }
}
