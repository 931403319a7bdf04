package io.leadflow.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends Leadflow's mail over SMTP: rendered from a template pair into a multipart/alternative message with a
 * plain-text and an HTML part. Marketing mail carries a signed unsubscribe link in both parts and the one-click
 * unsubscribe headers of RFC 8058, which large mailbox providers require from bulk senders.
 */
public class SmtpMailer implements MailPort {

  private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);

  private final JavaMailSender sender;
  private final LeadflowMailProperties properties;
  private final UnsubscribeLinks unsubscribeLinks;
  private final MailTemplates templates = new MailTemplates();
  private final MailFormat format = new MailFormat();

  public SmtpMailer(JavaMailSender sender, LeadflowMailProperties properties, UnsubscribeLinks unsubscribeLinks) {
    this.sender = sender;
    this.properties = properties;
    this.unsubscribeLinks = unsubscribeLinks;
  }

  @Override
  public void send(Mail mail) {
    Map<String, Object> model = new HashMap<>(mail.model() == null ? Map.of() : mail.model());
    model.put("format", format);
    String unsubscribeUrl = null;
    if (mail.kind() == MailKind.MARKETING) {
      if (mail.leadId() == null) {
        throw new IllegalArgumentException("Marketing mail '" + mail.template() + "' needs the lead it goes to, "
            + "for its unsubscribe link");
      }
      unsubscribeUrl = unsubscribeLinks.url(mail.leadId());
      model.put("unsubscribeUrl", unsubscribeUrl);
    }
    MailTemplates.Rendered rendered = templates.render(mail.template(), model);
    if (unsubscribeUrl != null && !(rendered.text().contains(unsubscribeUrl)
        && rendered.html().contains(HtmlUtils.htmlEscape(unsubscribeUrl)))) {
      throw new IllegalStateException("Mail template " + mail.template() + " is sent as marketing mail but does not "
          + "show ${unsubscribeUrl} in both its .html and its .txt part");
    }
    MimeMessage message = message(mail, rendered, unsubscribeUrl);
    try {
      sender.send(message);
    } catch (MailException failure) {
      throw translate(mail, failure);
    }
    LOG.info("Sent mail '{}' ({}){}", mail.template(), mail.kind(),
        mail.leadId() == null ? "" : " about lead " + mail.leadId());
  }

  private MimeMessage message(Mail mail, MailTemplates.Rendered rendered, String unsubscribeUrl) {
    MimeMessage message = sender.createMimeMessage();
    try {
      message.setFrom(new InternetAddress(properties.from(), true));
      if (properties.replyTo() != null && !properties.replyTo().isBlank()) {
        message.setReplyTo(InternetAddress.parse(properties.replyTo(), true));
      }
      message.setRecipient(MimeMessage.RecipientType.TO, recipient(mail));
      message.setSubject(rendered.subject(), StandardCharsets.UTF_8.name());
      message.setSentDate(new Date());
      if (unsubscribeUrl != null) {
        message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      }
      MimeBodyPart text = new MimeBodyPart();
      text.setText(rendered.text(), StandardCharsets.UTF_8.name(), "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(rendered.html(), StandardCharsets.UTF_8.name(), "html");
      // the last part is the preferred one (RFC 2046): clients that can show HTML do
      MimeMultipart alternative = new MimeMultipart("alternative");
      alternative.addBodyPart(text);
      alternative.addBodyPart(html);
      message.setContent(alternative);
      return message;
    } catch (MessagingException broken) {
      throw new IllegalStateException("Could not build the mail '" + mail.template() + "'", broken);
    }
  }

  private InternetAddress recipient(Mail mail) {
    try {
      if (mail.to() == null || mail.to().isBlank()) {
        throw new AddressException("no address");
      }
      return new InternetAddress(mail.to(), true);
    } catch (AddressException invalid) {
      String reason = "the recipient address '" + mail.to() + "' is not valid";
      throw new MailRejectedException("The mail '" + mail.template() + "' " + about(mail) + " was not sent: " + reason,
          reason, invalid);
    }
  }

  /**
   * A recipient refused with a permanent (5xx) reply cannot be helped by retrying; everything else (no connection,
   * a timeout, a temporary 4xx reply, a failed login) may work later.
   */
  private RuntimeException translate(Mail mail, MailException failure) {
    SMTPAddressFailedException refused = refusedRecipient(failure);
    if (refused != null && refused.getReturnCode() >= 500) {
      String reason = refused.getMessage().trim();
      return new MailRejectedException("The mail server " + server() + " refused the recipient of the mail '"
          + mail.template() + "' " + about(mail) + " for good: " + reason, reason, failure);
    }
    String reason = refused != null ? refused.getMessage().trim() : rootMessage(failure);
    return new MailUnavailableException("The mail server " + server() + " could not take the mail '"
        + mail.template() + "' " + about(mail) + ": " + reason, failure);
  }

  private static SMTPAddressFailedException refusedRecipient(MailException failure) {
    List<Throwable> candidates = new ArrayList<>();
    if (failure instanceof MailSendException send) {
      candidates.addAll(List.of(send.getMessageExceptions()));
    }
    candidates.add(failure);
    for (Throwable candidate : candidates) {
      for (Throwable cause = candidate; cause != null; cause = next(cause)) {
        if (cause instanceof SMTPAddressFailedException refused) {
          return refused;
        }
      }
    }
    return null;
  }

  private static Throwable next(Throwable cause) {
    if (cause instanceof MessagingException messaging && messaging.getNextException() != null) {
      return messaging.getNextException();
    }
    return cause.getCause() == cause ? null : cause.getCause();
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (next(root) != null) {
      root = next(root);
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  private String server() {
    if (sender instanceof JavaMailSenderImpl smtp) {
      return smtp.getHost() + ":" + (smtp.getPort() > 0 ? smtp.getPort() : 25);
    }
    return "(" + sender.getClass().getSimpleName() + ")";
  }

  private static String about(Mail mail) {
    return mail.leadId() != null ? "about lead " + mail.leadId() : "to " + mail.to();
  }
}
