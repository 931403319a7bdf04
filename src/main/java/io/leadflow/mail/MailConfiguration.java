package io.leadflow.mail;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

@Configuration(proxyBeanMethods = false)
class MailConfiguration {

  @Bean
  SmtpMailer smtpMailer(ObjectProvider<JavaMailSender> senders, LeadflowMailProperties properties,
      UnsubscribeLinks unsubscribeLinks) {
    JavaMailSender sender = senders.getIfAvailable(() -> {
      throw new IllegalStateException("No mail server is configured: set SPRING_MAIL_HOST and SPRING_MAIL_PORT "
          + "(and SPRING_MAIL_USERNAME, SPRING_MAIL_PASSWORD if it needs a login). Only the demo profile has a "
          + "built-in mail catcher.");
    });
    return new SmtpMailer(sender, properties, unsubscribeLinks);
  }
}
