package io.leadflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.web.util.UriComponentsBuilder;

/** Every template sent through a real SMTP server (GreenMail) and read back as a mail client would. */
class SmtpMailerTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final String TASKLIST = "https://leadflow.example.com/camunda/app/tasklist/default/";
  private static final String COCKPIT =
      "https://leadflow.example.com/camunda/app/cockpit/default/#/process-instance/p-7/runtime";

  private final LeadflowMailProperties properties = UnsubscribeLinksTest.properties(UnsubscribeLinksTest.SECRET);
  private final UnsubscribeLinks unsubscribeLinks = new UnsubscribeLinks(properties);
  private final MailLinks links = new MailLinks(properties);
  private final UUID leadId = UUID.randomUUID();
  /** A lead's page: it shows the lead's open task, which a link to the task itself would not survive. */
  private final String leadPage = "https://leadflow.example.com/leads/" + leadId;
  private SmtpMailer mailer;

  @BeforeEach
  void setUp() {
    mailer = new SmtpMailer(sender(smtp.getSmtp().getPort()), properties, unsubscribeLinks);
  }

  @Test
  void shouldSendTheAcknowledgementWithTheRequestedAssetInBothParts() throws Exception {
    mailer.send(new Mail("ada@engines.example", "acknowledgement", Map.of("firstName", "Ada",
        "assetTitle", "The 2025 pipeline benchmark", "assetUrl", "https://leadflow.example.com/assets/benchmark.pdf",
        "topic", "pipeline analytics", "campaign", "spring-webinar"), MailKind.TRANSACTIONAL, leadId));

    MimeMessage mail = onlyMail();
    assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("ada@engines.example");
    assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("Leadflow <leads@leadflow.example>");
    assertThat(mail.getReplyTo()).extracting(Object::toString).containsExactly("sales@leadflow.example");
    assertThat(mail.getSubject()).isEqualTo("Your copy of The 2025 pipeline benchmark");
    assertThat(text(mail)).startsWith("Hello Ada,")
        .contains("Thank you for your request about pipeline analytics")
        .contains("\"The 2025 pipeline benchmark\"")
        .contains("https://leadflow.example.com/assets/benchmark.pdf");
    assertThat(html(mail)).contains("<p>Hello Ada,</p>")
        .contains("href=\"https://leadflow.example.com/assets/benchmark.pdf\"")
        .contains("<strong>The 2025 pipeline benchmark</strong>");
    // the campaign is marketing's internal code, nothing for the lead
    assertThat(text(mail) + html(mail)).doesNotContain("spring-webinar").doesNotContain("Reference");
    assertTransactional(mail);
  }

  @Test
  void shouldAnswerADemoRequestWithWhoWillCallAndByWhen() throws Exception {
    mailer.send(new Mail("ada@engines.example", "acknowledgement", Map.of("firstName", "Ada",
        "assetTitle", "Leadflow product overview", "assetUrl", "https://leadflow.example.com/overview.pdf",
        "topic", "pipeline analytics", "request", "DEMO", "repName", "Sam Okafor",
        "callBackBy", "Tuesday 24 November, 11:00 Central European Standard Time", "phone", "+44 20 7946 0958"),
        MailKind.TRANSACTIONAL, leadId));

    MimeMessage mail = onlyMail();
    assertThat(mail.getSubject()).isEqualTo("Your Leadflow demo: we will call you by Tuesday 24 November, 11:00 "
        + "Central European Standard Time");
    assertThat(text(mail)).startsWith("Hello Ada,\n\nThank you for asking for a demo of Leadflow for pipeline "
            + "analytics. Sam Okafor from our sales team will call you on +44 20 7946 0958 by Tuesday 24 November, "
            + "11:00 Central European Standard Time, to hear what you would like to see and to find a time for the "
            + "demo that suits you.\n")
        .contains("While you wait, here is \"Leadflow product overview\":\n\n"
            + "https://leadflow.example.com/overview.pdf");
    assertThat(html(mail)).contains("<strong>Sam Okafor from our sales team</strong>")
        .contains("href=\"https://leadflow.example.com/overview.pdf\"");
    assertTransactional(mail);
  }

  @Test
  void shouldPromiseACallFromTheSalesTeamWhileNoRepHasTheLead() throws Exception {
    Map<String, Object> model = new HashMap<>(Map.of("assetTitle", "Leadflow product overview",
        "assetUrl", "https://leadflow.example.com/overview.pdf", "request", "CONTACT",
        "callBackBy", "Monday 23 November, 16:00 Eastern Standard Time"));
    model.put("repName", null);
    model.put("phone", null);

    mailer.send(new Mail("ada@engines.example", "acknowledgement", model, MailKind.TRANSACTIONAL, leadId));

    MimeMessage mail = onlyMail();
    assertThat(mail.getSubject()).isEqualTo("Your request: we will call you by Monday 23 November, 16:00 Eastern "
        + "Standard Time");
    assertThat(text(mail)).contains("Thank you for asking us to get in touch. One of our sales specialists will call "
        + "you by Monday 23 November, 16:00 Eastern Standard Time.\n").doesNotContain("null");
  }

  @Test
  void shouldGreetWithoutANameWhenTheLeadGaveNone() throws Exception {
    Map<String, Object> model = new HashMap<>(Map.of("assetTitle", "The guide", "assetUrl", "https://x.example/g"));
    model.put("firstName", null);

    mailer.send(new Mail("someone@example.com", "acknowledgement", model, MailKind.TRANSACTIONAL, leadId));

    assertThat(text(onlyMail())).startsWith("Hello,\n").doesNotContain("null").doesNotContain("Reference:");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"introduction", "case-study", "pricing-guide", "dated-follow-up"})
  void shouldSendNurtureMailAsMarketingMailWithAVerifiableOneClickUnsubscribe(String template) throws Exception {
    mailer.send(new Mail("ada@engines.example", "nurture/" + template, Map.of("firstName", "Ada",
        "topic", "pipeline analytics", "contentTitle", "How Acme cut lead response time",
        "contentUrl", "https://leadflow.example.com/content/acme"), MailKind.MARKETING, leadId));

    MimeMessage mail = onlyMail();
    assertThat(mail.getSubject()).isEqualTo(switch (template) {
      case "introduction" -> "Getting started with pipeline analytics";
      case "case-study" -> "Case study: How Acme cut lead response time";
      case "pricing-guide" -> "Pricing guide: what pipeline analytics costs";
      default -> "Following up on pipeline analytics";
    });
    assertThat(text(mail)).startsWith("Hello Ada,").contains("pipeline analytics")
        .contains("How Acme cut lead response time\nhttps://leadflow.example.com/content/acme");
    assertThat(html(mail)).contains("href=\"https://leadflow.example.com/content/acme\"");

    String unsubscribe = unsubscribeLinks.url(leadId);
    assertThat(mail.getHeader("List-Unsubscribe")).containsExactly("<" + unsubscribe + ">");
    assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    assertThat(text(mail)).contains(unsubscribe);
    assertThat(html(mail)).contains("href=\"" + unsubscribe.replace("&", "&amp;") + "\"");
    var query = UriComponentsBuilder.fromUriString(unsubscribe).build().getQueryParams();
    assertThat(unsubscribeLinks.verify(UUID.fromString(query.getFirst("lead")), query.getFirst("token"))).isTrue();
    assertThat(query.getFirst("lead")).isEqualTo(leadId.toString());
  }

  @Test
  void shouldSendTheNewLeadNoticeWithTheLeadsDetailPackage() throws Exception {
    mailer.send(new Mail("sam@leadflow.example", "new-lead-notice", Map.ofEntries(
        Map.entry("leadName", "Ada Lovelace"), Map.entry("company", "Analytical Engines"),
        Map.entry("jobTitle", "CTO"), Map.entry("country", "GB"), Map.entry("email", "ada@engines.example"),
        Map.entry("phone", "+44 20 7946 0958"), Map.entry("sourceChannel", "web-form"),
        Map.entry("campaign", "spring-webinar"), Map.entry("score", 72),
        Map.entry("scoreReasons", List.of("Job title CTO: +30", "Company size 500+: +20")),
        Map.entry("routingReason", "Country GB is covered by Sales EMEA"),
        Map.entry("leadUrl", links.lead(leadId)), Map.entry("tasklistUrl", links.tasklist())),
        MailKind.TRANSACTIONAL, leadId));

    MimeMessage mail = onlyMail();
    assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("sam@leadflow.example");
    assertThat(mail.getSubject()).isEqualTo("New lead: Ada Lovelace, Analytical Engines (score 72)");
    assertThat(text(mail)).contains("Name:      Ada Lovelace", "Company:   Analytical Engines",
        "Job title: CTO", "Country:   GB", "Email:     ada@engines.example", "Phone:     +44 20 7946 0958",
        "Source:    web-form, campaign spring-webinar", "Score:     72",
        "Why this score:\n- Job title CTO: +30\n- Company size 500+: +20",
        "Why it came to you: Country GB is covered by Sales EMEA",
        "Open the lead (its task, details and history):\n" + leadPage, "Your tasks in Tasklist:\n" + TASKLIST);
    assertThat(html(mail)).contains("<li>Job title CTO: +30</li>", "<li>Company size 500+: +20</li>",
        "href=\"mailto:ada@engines.example\"", "href=\"" + leadPage + "\"", "href=\"" + TASKLIST + "\"");
    assertTransactional(mail);
  }

  @Test
  void shouldSendTheReminderWithTheTaskAndItsDueTime() throws Exception {
    mailer.send(new Mail("sam@leadflow.example", "reminder", Map.of("taskName", "Accept lead",
        "leadName", "Ada Lovelace", "company", "Analytical Engines", "dueAt", Instant.parse("2025-05-05T14:00:00Z"),
        "leadUrl", links.lead(leadId), "tasklistUrl", links.tasklist()), MailKind.TRANSACTIONAL, leadId));

    MimeMessage mail = onlyMail();
    assertThat(mail.getSubject())
        .isEqualTo("Reminder: Accept lead for Ada Lovelace is due Mon 5 May 2025, 14:00 UTC");
    assertThat(text(mail)).contains("Your task \"Accept lead\" for Ada Lovelace, Analytical Engines is due "
        + "Mon 5 May 2025, 14:00 UTC.", leadPage, TASKLIST);
    assertThat(html(mail)).contains("href=\"" + leadPage + "\"", "href=\"" + TASKLIST + "\"");
    assertTransactional(mail);
  }

  @Test
  void shouldSendTheEscalationWithHowLateAndLinksToTasklistAndCockpit() throws Exception {
    mailer.send(new Mail("max@leadflow.example", "escalation", Map.of("leadName", "Ada Lovelace",
        "company", "Analytical Engines", "stepName", "Accept lead", "ownerName", "Sales EMEA",
        "deadline", ZonedDateTime.parse("2025-05-05T14:00:00+02:00[Europe/Berlin]"),
        "lateBy", Duration.ofMinutes(135), "leadUrl", links.lead(leadId), "tasklistUrl", links.tasklist(),
        "cockpitUrl", links.cockpitProcessInstance("p-7")), MailKind.TRANSACTIONAL, leadId));

    MimeMessage mail = onlyMail();
    assertThat(mail.getSubject()).isEqualTo("Overdue: Accept lead for Ada Lovelace is 2 hours 15 minutes late");
    assertThat(text(mail)).contains("Lead:     Ada Lovelace, Analytical Engines", "Step:     Accept lead",
        "Owner:    Sales EMEA", "Deadline: Mon 5 May 2025, 14:00 CEST", "Late by:  2 hours 15 minutes",
        leadPage, TASKLIST, COCKPIT);
    assertThat(html(mail)).contains("href=\"" + leadPage + "\"", "href=\"" + TASKLIST + "\"",
        "href=\"" + COCKPIT + "\"");
    assertTransactional(mail);
  }

  @Test
  void shouldRefuseMarketingMailWithoutALeadToUnsubscribe() {
    assertThatThrownBy(() -> mailer.send(new Mail("ada@engines.example", "nurture/introduction", Map.of(),
        MailKind.MARKETING, null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsubscribe");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void shouldRefuseToSendATemplateAsMarketingMailThatDoesNotShowTheUnsubscribeLink() {
    // the reminder has a staff footer, without the unsubscribe link
    assertThatThrownBy(() -> mailer.send(new Mail("ada@engines.example", "reminder", Map.of("taskName", "x",
        "dueAt", Instant.now()), MailKind.MARKETING, leadId)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not show ${unsubscribeUrl}");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void shouldFailAsUnavailableNamingTheServerAndTheLeadWhenTheMailServerIsDown() throws IOException {
    int closedPort;
    try (ServerSocket free = new ServerSocket(0)) {
      closedPort = free.getLocalPort();
    }
    SmtpMailer down = new SmtpMailer(sender(closedPort), properties, unsubscribeLinks);

    assertThatThrownBy(() -> down.send(acknowledgement("ada@engines.example")))
        .isInstanceOf(MailUnavailableException.class)
        .hasMessageStartingWith("The mail server 127.0.0.1:" + closedPort + " could not take the mail "
            + "'acknowledgement' about lead " + leadId);
  }

  @Test
  void shouldFailAsRejectedWhenTheServerRefusesTheRecipientForGood() throws IOException {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer("550 5.1.1 <nobody@engines.example>: user unknown")) {
      SmtpMailer refusing = new SmtpMailer(sender(server.port()), properties, unsubscribeLinks);

      assertThatThrownBy(() -> refusing.send(acknowledgement("nobody@engines.example")))
          .isInstanceOf(MailRejectedException.class)
          .hasMessageContaining("The mail server 127.0.0.1:" + server.port() + " refused the recipient of the mail "
              + "'acknowledgement' about lead " + leadId + " for good")
          .hasMessageContaining("550 5.1.1");
    }
  }

  @Test
  void shouldFailAsUnavailableWhenTheServerRefusesTheRecipientForNow() throws IOException {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer("451 4.7.1 greylisted, try again later")) {
      SmtpMailer greylisting = new SmtpMailer(sender(server.port()), properties, unsubscribeLinks);

      assertThatThrownBy(() -> greylisting.send(acknowledgement("ada@engines.example")))
          .isInstanceOf(MailUnavailableException.class)
          .hasMessageContaining("451 4.7.1 greylisted");
    }
  }

  @Test
  void shouldFailAsRejectedWhenTheRecipientAddressIsNotValid() {
    assertThatThrownBy(() -> mailer.send(acknowledgement("ada@@engines")))
        .isInstanceOf(MailRejectedException.class)
        .hasMessageContaining("the recipient address 'ada@@engines' is not valid");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  private Mail acknowledgement(String to) {
    return new Mail(to, "acknowledgement", Map.of("firstName", "Ada", "assetTitle", "The guide",
        "assetUrl", "https://leadflow.example.com/g"), MailKind.TRANSACTIONAL, leadId);
  }

  static JavaMailSenderImpl sender(int port) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    Properties timeouts = new Properties();
    timeouts.put("mail.smtp.connectiontimeout", "5000");
    timeouts.put("mail.smtp.timeout", "5000");
    timeouts.put("mail.smtp.writetimeout", "5000");
    sender.setJavaMailProperties(timeouts);
    return sender;
  }

  private MimeMessage onlyMail() {
    assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }

  private static void assertTransactional(MimeMessage mail) throws Exception {
    assertThat(mail.getHeader("List-Unsubscribe")).isNull();
    assertThat(mail.getHeader("List-Unsubscribe-Post")).isNull();
    assertThat(text(mail)).doesNotContain("/unsubscribe").doesNotContain("Unsubscribe");
    assertThat(html(mail)).doesNotContain("/unsubscribe").doesNotContain("Unsubscribe");
  }

  static String text(MimeMessage mail) throws Exception {
    return part(mail, "text/plain");
  }

  static String html(MimeMessage mail) throws Exception {
    return part(mail, "text/html");
  }

  /** The part of the given type in the mail's multipart/alternative body, which must have both. */
  private static String part(MimeMessage mail, String type) throws Exception {
    assertThat(mail.isMimeType("multipart/alternative")).as("multipart/alternative").isTrue();
    Multipart alternative = (Multipart) mail.getContent();
    assertThat(alternative.getCount()).isEqualTo(2);
    for (int index = 0; index < alternative.getCount(); index++) {
      BodyPart part = alternative.getBodyPart(index);
      if (part.isMimeType(type)) {
        return part.getContent().toString().replace("\r\n", "\n");
      }
    }
    throw new AssertionError("no " + type + " part");
  }
}
