package io.leadflow.mail;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the demo mail catcher received, newest first, so that a demo can follow the mail the process sends. Exists
 * under the same conditions as {@link DemoMailCatcher}. Who may read it: see SecurityConfiguration.
 */
@RestController
@Profile("demo & !prod")
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
class DemoMailboxController {

  private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"')]+");

  /** One caught mail: its plain-text part and the links in it. */
  record CaughtMail(List<String> to, String from, String subject, Instant sentAt, String text, List<String> links) {
  }

  private final GreenMail catcher;

  DemoMailboxController(GreenMail catcher) {
    this.catcher = catcher;
  }

  @GetMapping("/api/demo/mailbox")
  List<CaughtMail> mailbox() throws MessagingException, IOException {
    List<CaughtMail> mails = new ArrayList<>();
    for (MimeMessage message : catcher.getReceivedMessages()) {
      String text = plainText(message);
      mails.add(new CaughtMail(
          addresses(message.getAllRecipients()),
          String.join(", ", addresses(message.getFrom())),
          message.getSubject(),
          message.getSentDate() == null ? null : message.getSentDate().toInstant(),
          text,
          links(text)));
    }
    mails.sort(Comparator.comparing(CaughtMail::sentAt, Comparator.nullsLast(Comparator.reverseOrder())));
    return mails;
  }

  private static String plainText(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/plain")) {
      return part.getContent().toString();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int index = 0; index < multipart.getCount(); index++) {
        String text = plainText(multipart.getBodyPart(index));
        if (text != null) {
          return text;
        }
      }
    }
    return null;
  }

  private static List<String> links(String text) {
    if (text == null) {
      return List.of();
    }
    List<String> links = new ArrayList<>();
    Matcher matcher = LINK.matcher(text);
    while (matcher.find()) {
      links.add(matcher.group());
    }
    return links.stream().distinct().toList();
  }

  private static List<String> addresses(Address[] addresses) {
    return addresses == null ? List.of() : Stream.of(addresses).map(Address::toString).toList();
  }
}
