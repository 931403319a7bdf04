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
 * verifies it with {@link #verify}. Links that confirm a re-subscription are signed the same way for one inquiry, under
 * a purpose of their own, so that neither kind of token opens the other's door.
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
    return leadId != null && matches(token(leadId), token);
  }

  /** {@code {base-url}/resubscribe?inquiry={inquiryId}&token={token}}: confirms the consent asked for with it. */
  public String resubscribeUrl(UUID inquiryId) {
    return base + "/resubscribe?inquiry=" + inquiryId + "&token=" + resubscribeToken(inquiryId);
  }

  /** Whether the token was made for this inquiry's re-subscription with this secret; compares in constant time. */
  public boolean verifyResubscribe(UUID inquiryId, String token) {
    return inquiryId != null && matches(resubscribeToken(inquiryId), token);
  }

  private static boolean matches(String expected, String token) {
    return token != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        token.getBytes(StandardCharsets.US_ASCII));
  }

  String token(UUID leadId) {
    return sign(leadId.toString());
  }

  String resubscribeToken(UUID inquiryId) {
    return sign("resubscribe:" + inquiryId);
  }

  private String sign(String message) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] signature = mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (GeneralSecurityException missing) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", missing);
    }
  }
}
