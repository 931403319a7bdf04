package io.leadflow.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * In the demo profile without a configured SMTP server ({@code spring.mail.host}), Leadflow sends its mail to an
 * embedded GreenMail SMTP server on localhost, so that a fresh clone can send mail with no setup. What it caught is
 * shown at {@code GET /api/demo/mailbox}. Never in the prod profile.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo & !prod")
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
@EnableConfigurationProperties(MailProperties.class)
class DemoMailCatcher {

  private static final Logger LOG = LoggerFactory.getLogger(DemoMailCatcher.class);

  @Bean(destroyMethod = "stop")
  GreenMail demoMailServer(LeadflowMailProperties properties) {
    ServerSetup smtp = new ServerSetup(properties.demoCatcher().port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    GreenMail greenMail = new GreenMail(properties.demoCatcher().port() == 0 ? smtp.dynamicPort() : smtp)
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    greenMail.start();
    LOG.info("Demo mail catcher: Leadflow's mail goes to an embedded SMTP server on localhost:{}; read it at "
        + "/api/demo/mailbox (set SPRING_MAIL_HOST to send real mail)", greenMail.getSmtp().getPort());
    return greenMail;
  }

  @Bean
  JavaMailSenderImpl mailSender(GreenMail demoMailServer, MailProperties mail) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(demoMailServer.getSmtp().getPort());
    sender.setDefaultEncoding(mail.getDefaultEncoding().name());
    sender.getJavaMailProperties().putAll(mail.getProperties());
    return sender;
  }
}
