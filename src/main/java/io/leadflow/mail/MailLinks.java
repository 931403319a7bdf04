package io.leadflow.mail;

import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Links into Leadflow's web applications for mail to staff, built on {@code leadflow.mail.base-url}. A mail about a
 * lead links the lead's page, which shows its open task whatever became of the one open when the mail was sent
 * (reassigned, re-created for the next rep, done), and Tasklist's task list; never a task that may be gone.
 */
@Component
public class MailLinks {

  private final String base;

  public MailLinks(LeadflowMailProperties properties) {
    this.base = properties.base();
  }

  /** The lead's page: its details, its history and its open task with a link into Tasklist. */
  public String lead(UUID leadId) {
    return base + "/leads/" + leadId;
  }

  /** Opens Tasklist, where the user's filters list the open tasks. */
  public String tasklist() {
    return base + "/camunda/app/tasklist/default/";
  }

  /** Opens the task in Tasklist (after the login, if needed); for a task that is not re-created, unlike a lead's. */
  public String tasklistTask(String taskId) {
    return base + "/camunda/app/tasklist/default/#/?task=" + UriUtils.encodeQueryParam(taskId, "UTF-8");
  }

  /** Opens the process instance, e.g. a lead's lifecycle, in Cockpit. */
  public String cockpitProcessInstance(String processInstanceId) {
    return base + "/camunda/app/cockpit/default/#/process-instance/"
        + UriUtils.encodePathSegment(processInstanceId, "UTF-8") + "/runtime";
  }
}
