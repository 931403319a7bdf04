package io.leadflow.sla;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.ElementProperties;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.lifecycle.LeadReference;
import io.leadflow.lifecycle.LeadTasks;
import io.leadflow.mail.Mail;
import io.leadflow.mail.MailKind;
import io.leadflow.mail.MailLinks;
import io.leadflow.mail.MailPort;
import io.leadflow.system.SideEffects;
import io.leadflow.system.StaffDirectory;
import java.util.HashMap;
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
 * Reminds whoever owns a task that its deadline is near: the assignee, or every member of its candidate groups. The
 * step's extension properties name the task ({@code forTask}) and its SLA step ({@code slaStep}).
 */
@Component("sendReminder")
class SendReminderDelegate implements JavaDelegate {

  static final String TEMPLATE = "reminder";

  private final LeadRepository leads;
  private final StaffDirectory staff;
  private final MailPort mail;
  private final MailLinks links;
  private final SideEffects sideEffects;

  SendReminderDelegate(LeadRepository leads, StaffDirectory staff, MailPort mail, MailLinks links,
      SideEffects sideEffects) {
    this.leads = leads;
    this.staff = staff;
    this.mail = mail;
    this.links = links;
    this.sideEffects = sideEffects;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String forTask = ElementProperties.required(execution, LeadLifecycle.Properties.FOR_TASK);
    Task task = LeadTasks.open(execution, forTask).orElse(null);
    if (task == null) {
      // the work was done (or is between two attempts) when the reminder fell due: nothing to remind of
      return;
    }
    Lead lead = leads.findById(LeadReference.of(execution))
        .orElseThrow();
    Map<String, Object> model = new HashMap<>();
    model.put("taskName", LeadTasks.step(execution, task));
    model.put("leadName", lead.getFullName());
    model.put("company", lead.getCompany());
    model.put("dueAt", task.getDueDate() == null ? null : task.getDueDate().toInstant());
    model.put("leadUrl", links.lead(lead.getId()));
    model.put("tasklistUrl", links.tasklist());
    String key = SideEffects.key(execution, TEMPLATE);
    for (String to : recipients(execution, task)) {
      sideEffects.atMostOnce(key + ":" + to,
          () -> mail.send(new Mail(to, TEMPLATE, model, MailKind.TRANSACTIONAL, lead.getId())));
    }
  }

  private Set<String> recipients(DelegateExecution execution, Task task) {
    Set<String> recipients = new LinkedHashSet<>();
    if (task.getAssignee() != null) {
      String email = staff.emailOf(task.getAssignee());
      if (email != null) {
        recipients.add(email);
        return recipients;
      }
    }
    for (IdentityLink link : execution.getProcessEngineServices().getTaskService().getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        recipients.addAll(staff.emailsOfGroup(link.getGroupId()));
      }
    }
    return recipients;
  }
}
