package io.leadflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import io.leadflow.ProcessTest;
import io.leadflow.TestSmtpServer;
import io.leadflow.system.SideEffects;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The mailer as the application wires it, sending to a real SMTP server (GreenMail) from a process step that the
 * engine retries.
 */
@ProcessTest
class MailSideEffectsTest {

  @Autowired ApplicationContext context;
  @Autowired MailPort mail;
  @Autowired SideEffects sideEffects;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void emptyMailbox() throws Exception {
    smtp().purgeEmailFromAllMailboxes();
    SendAcknowledgement.sideEffects = sideEffects;
    SendAcknowledgement.mail = mail;
  }

  @Test
  void shouldSendThroughTheConfiguredSmtpServerAndStartNoDemoMailCatcher() throws Exception {
    mail.send(new Mail("sam@leadflow.example", "reminder", Map.of("taskName", "Accept lead", "leadName", "Ada",
        "company", "Engines", "dueAt", java.time.Instant.parse("2025-05-05T14:00:00Z"),
        "tasklistUrl", "https://x.example/t"), MailKind.TRANSACTIONAL, UUID.randomUUID()));

    assertThat(mail).isInstanceOf(SmtpMailer.class);
    assertThat(smtp().waitForIncomingEmail(5000, 1)).isTrue();
    assertThat(smtp().getReceivedMessages()[0].getSubject()).startsWith("Reminder: Accept lead for Ada");
    assertThat(context.getBeansOfType(GreenMail.class)).isEmpty();
    assertThat(((JavaMailSenderImpl) context.getBean(JavaMailSender.class)).getJavaMailProperties())
        .containsEntry("mail.smtp.connectiontimeout", "5000")
        .containsEntry("mail.smtp.timeout", "5000")
        .containsEntry("mail.smtp.writetimeout", "5000");
  }

  @Test
  void shouldSendExactlyOneMailWhenTheJobFailsAfterSendingAndIsRetried() throws Exception {
    // given a step that sends the mail, followed in the same transaction by one that fails the first time
    String deployment = repository.createDeployment().addModelInstance("AcknowledgeOnce.bpmn",
        Bpmn.createExecutableProcess("AcknowledgeOnce").camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("Task_SendAcknowledgement").camundaAsyncBefore()
            .camundaClass(SendAcknowledgement.class)
            .serviceTask("Task_FailOnce").camundaClass(FailOnce.class)
            .endEvent()
            .done()).deploy().getId();
    FailOnce.armed.set(true);
    UUID leadId = UUID.randomUUID();
    try {
      String instance = runtime.startProcessInstanceByKey("AcknowledgeOnce", Map.of("leadId", leadId.toString()))
          .getId();
      Job job = management.createJobQuery().processInstanceId(instance).singleResult();

      // when the job sends, fails and rolls back, and the engine runs it again
      assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("after the mail went out");
      assertThat(smtp().waitForIncomingEmail(5000, 1)).isTrue();
      management.executeJob(job.getId());

      // then the lead got one mail, and the process went on
      assertThat(smtp().getReceivedMessages()).hasSize(1);
      assertThat(smtp().getReceivedMessages()[0].getSubject()).isEqualTo("Your copy of The guide");
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult().getState())
          .isEqualTo("COMPLETED");
      assertThat(jdbc.queryForMap("select status, attempts from leadflow.side_effect where key = ?",
          String.join("/", instance, "Task_SendAcknowledgement", "job-" + job.getId(), "acknowledgement")))
          .isEqualTo(Map.of("status", "DONE", "attempts", 1));
    } finally {
      repository.deleteDeployment(deployment, true);
    }
  }

  private static GreenMail smtp() {
    return TestSmtpServer.running();
  }

  /** A step that acknowledges a lead's request, once, whatever happens to its job afterwards. */
  public static class SendAcknowledgement implements JavaDelegate {

    // the engine makes the instance; the test hands it the application's beans
    static SideEffects sideEffects;
    static MailPort mail;

    @Override
    public void execute(DelegateExecution execution) {
      sideEffects.atMostOnce(SideEffects.key(execution, "acknowledgement"), () -> mail.send(
          new Mail("ada@engines.example", "acknowledgement", Map.of("firstName", "Ada", "assetTitle", "The guide",
              "assetUrl", "https://leadflow.example.com/g"), MailKind.TRANSACTIONAL,
              UUID.fromString((String) execution.getVariable("leadId")))));
    }
  }

  /** Fails the job's transaction once, after the mail step has run in it. */
  public static class FailOnce implements JavaDelegate {

    static final AtomicBoolean armed = new AtomicBoolean();

    @Override
    public void execute(DelegateExecution execution) {
      if (armed.getAndSet(false)) {
        throw new IllegalStateException("the job fails after the mail went out");
      }
    }
  }
}
