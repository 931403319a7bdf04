package io.leadflow.mail;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The demo profile without an SMTP server catches mail and shows it to the people who run the demo. */
@LeadflowIntegrationTest
class DemoMailboxIT {

  @Autowired TestRestTemplate rest;
  @Autowired MailPort mail;
  @Autowired UnsubscribeLinks unsubscribeLinks;
  @Autowired JavaMailSender sender;

  @Test
  void shouldSendToTheEmbeddedCatcherWithTheConfiguredTimeouts() {
    assertThat(sender).isInstanceOfSatisfying(JavaMailSenderImpl.class, smtp -> {
      assertThat(smtp.getHost()).isEqualTo("127.0.0.1");
      assertThat(smtp.getJavaMailProperties()).containsEntry("mail.smtp.connectiontimeout", "5000")
          .containsEntry("mail.smtp.timeout", "5000").containsEntry("mail.smtp.writetimeout", "5000");
    });
  }

  @Test
  void shouldShowCaughtMailWithItsTextAndLinks() {
    UUID leadId = UUID.randomUUID();
    String subject = "Getting started with " + leadId;
    mail.send(new Mail("ada@engines.example", "nurture/introduction", Map.of("firstName", "Ada",
        "topic", leadId.toString(), "contentTitle", "The primer", "contentUrl", "https://leadflow.example.com/primer"),
        MailKind.MARKETING, leadId));

    ResponseEntity<JsonNode> mailbox = rest.withBasicAuth(MARKETING_OPS, PASSWORD)
        .getForEntity("/api/demo/mailbox", JsonNode.class);

    assertThat(mailbox.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode caught = null;
    for (JsonNode entry : mailbox.getBody()) {
      if (subject.equals(entry.get("subject").asText())) {
        caught = entry;
      }
    }
    assertThat(caught).as("the mail in the mailbox").isNotNull();
    assertThat(caught.get("to").get(0).asText()).isEqualTo("ada@engines.example");
    assertThat(caught.get("from").asText()).isEqualTo("Leadflow <leads@leadflow.example>");
    assertThat(caught.get("sentAt").asText()).isNotBlank();
    assertThat(caught.get("text").asText()).startsWith("Hello Ada,");
    assertThat(caught.get("links")).extracting(JsonNode::asText)
        .containsExactly("https://leadflow.example.com/primer", unsubscribeLinks.url(leadId));
  }

  @Test
  void shouldLetAdminsMarketingOpsAndManagersReadTheMailboxButNotReps() {
    assertThat(rest.withBasicAuth(ADMIN, PASSWORD).getForEntity("/api/demo/mailbox", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth(MANAGER, PASSWORD).getForEntity("/api/demo/mailbox", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth(REP_EMEA, PASSWORD).getForEntity("/api/demo/mailbox", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity("/api/demo/mailbox", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
