package io.leadflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

class UnsubscribeLinksTest {

  static final String SECRET = "a-test-secret-that-is-at-least-32-characters";

  private final UnsubscribeLinks links = new UnsubscribeLinks(properties(SECRET));
  private final UUID leadId = UUID.fromString("6b0c2f0e-1c1a-4f5e-9d55-2f1a4c3e8b01");

  @Test
  void shouldPointAtTheUnsubscribeEndpointWithTheLeadAndAUrlSafeToken() {
    UriComponents url = UriComponentsBuilder.fromUriString(links.url(leadId)).build();

    assertThat(url.getScheme() + "://" + url.getHost() + url.getPath())
        .isEqualTo("https://leadflow.example.com/unsubscribe");
    assertThat(url.getQueryParams().getFirst("lead")).isEqualTo(leadId.toString());
    // 32 bytes of HMAC-SHA256 in URL-safe Base64 without padding
    assertThat(url.getQueryParams().getFirst("token")).matches("[A-Za-z0-9_-]{43}");
  }

  @Test
  void shouldVerifyItsOwnTokenForTheSameLead() {
    String token = UriComponentsBuilder.fromUriString(links.url(leadId)).build().getQueryParams().getFirst("token");

    assertThat(links.verify(leadId, token)).isTrue();
  }

  @Test
  void shouldRefuseATokenForAnotherLeadATamperedTokenAndATokenUnderAnotherSecret() {
    String token = links.token(leadId);
    String tampered = (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);
    String otherSecrets = new UnsubscribeLinks(properties(SECRET + "-rotated")).token(leadId);

    assertThat(links.verify(UUID.randomUUID(), token)).isFalse();
    assertThat(links.verify(leadId, tampered)).isFalse();
    assertThat(links.verify(leadId, otherSecrets)).isFalse();
    assertThat(links.verify(leadId, "")).isFalse();
    assertThat(links.verify(leadId, null)).isFalse();
    assertThat(links.verify(null, token)).isFalse();
  }

  @Test
  void shouldSignAReSubscriptionForItsInquiryOnlyAndNeverAcceptAnUnsubscribeTokenForIt() {
    UUID inquiryId = UUID.fromString("0f5d8b52-9a6e-4d0c-8c1e-7b2f3a4d5e60");
    UriComponents url = UriComponentsBuilder.fromUriString(links.resubscribeUrl(inquiryId)).build();
    String token = url.getQueryParams().getFirst("token");

    assertThat(url.getPath()).isEqualTo("/resubscribe");
    assertThat(url.getQueryParams().getFirst("inquiry")).isEqualTo(inquiryId.toString());
    assertThat(links.verifyResubscribe(inquiryId, token)).isTrue();
    assertThat(links.verifyResubscribe(UUID.randomUUID(), token)).isFalse();
    assertThat(links.verifyResubscribe(inquiryId, links.token(inquiryId))).as("an unsubscribe token").isFalse();
    assertThat(links.verify(inquiryId, token)).as("a re-subscription token to unsubscribe").isFalse();
    assertThat(links.verifyResubscribe(inquiryId, null)).isFalse();
  }

  static LeadflowMailProperties properties(String secret) {
    return new LeadflowMailProperties("Leadflow <leads@leadflow.example>", "sales@leadflow.example",
        URI.create("https://leadflow.example.com/"), secret, new LeadflowMailProperties.DemoCatcher(0));
  }
}
