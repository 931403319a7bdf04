package io.leadflow;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * What the application's SMTP server received, a real (GreenMail) one: in integration tests the demo profile's mail
 * catcher inside the application context, in process tests the shared {@link TestSmtpServer}.
 */
@Component
public class Mailbox {

  private final ObjectProvider<GreenMail> catcher;

  Mailbox(@Qualifier("demoMailServer") ObjectProvider<GreenMail> catcher) {
    this.catcher = catcher;
  }

  private GreenMail server() {
    return catcher.getIfAvailable(TestSmtpServer::running);
  }

  public void empty() {
    try {
      server().purgeEmailFromAllMailboxes();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot empty the mail catcher", e);
    }
  }

  /** Mails received for one address, oldest first. */
  public List<MimeMessage> receivedBy(String address) {
    return Arrays.stream(server().getReceivedMessages()).filter(mail -> {
      try {
        return Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
            .anyMatch(to -> to.toString().contains(address));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** Mails received for one address whose subject mentions the text. */
  public List<MimeMessage> receivedBy(String address, String subjectContaining) {
    return receivedBy(address).stream().filter(mail -> {
      try {
        return mail.getSubject().contains(subjectContaining);
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** The plain-text part of a mail Leadflow sent (multipart/alternative: plain text and HTML). */
  public static String text(MimeMessage mail) {
    try {
      Multipart alternative = (Multipart) mail.getContent();
      for (int index = 0; index < alternative.getCount(); index++) {
        BodyPart part = alternative.getBodyPart(index);
        if (part.isMimeType("text/plain")) {
          return part.getContent().toString().replace("\r\n", "\n");
        }
      }
      throw new IllegalStateException("The mail has no plain-text part");
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("Cannot read the mail", e);
    }
  }
}
