package io.leadflow.metrics;

import io.leadflow.lifecycle.LeadTasks;
import io.leadflow.mail.Mail;
import io.leadflow.mail.MailKind;
import io.leadflow.mail.MailLinks;
import io.leadflow.mail.MailPort;
import io.leadflow.system.SideEffects;
import io.leadflow.system.StaffDirectory;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * "Remind reviewers": the review of the lead process is past its due date. Whoever claimed the task, or else every
 * member of its candidate groups (sales managers, marketing ops), gets a mail with the link to the task, once.
 */
@Component("remindReviewers")
class RemindReviewersDelegate implements JavaDelegate {

  static final String TEMPLATE = "process-review-reminder";

  private final StaffDirectory staff;
  private final MailPort mail;
  private final MailLinks links;
  private final SideEffects sideEffects;

  RemindReviewersDelegate(StaffDirectory staff, MailPort mail, MailLinks links, SideEffects sideEffects) {
    this.staff = staff;
    this.mail = mail;
    this.links = links;
    this.sideEffects = sideEffects;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Task task = LeadTasks.open(execution, LeadProcessReview.Elements.TASK_REVIEW_LEAD_PROCESS).orElse(null);
    if (task == null) {
      // completed between the deadline and this step
      return;
    }
    Map<String, Object> model = Map.of(
        "periodFrom", execution.getVariable(LeadProcessReview.Variables.PERIOD_FROM),
        "periodTo", execution.getVariable(LeadProcessReview.Variables.PERIOD_TO),
        "dueAt", task.getDueDate().toInstant(),
        "tasklistUrl", links.tasklistTask(task.getId()));
    String key = SideEffects.key(execution, TEMPLATE);
    for (String to : recipients(execution, task)) {
      sideEffects.atMostOnce(key + ":" + to, () -> mail.send(new Mail(to, TEMPLATE, model, MailKind.TRANSACTIONAL,
          null)));
    }
  }

  private Set<String> recipients(DelegateExecution execution, Task task) {
    Set<String> recipients = new LinkedHashSet<>();
    String assignee = staff.emailOf(task.getAssignee());
    if (assignee != null) {
      recipients.add(assignee);
      return recipients;
    }
    for (IdentityLink link : execution.getProcessEngineServices().getTaskService()
        .getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        recipients.addAll(staff.emailsOfGroup(link.getGroupId()));
      }
    }
    return recipients;
  }
}
