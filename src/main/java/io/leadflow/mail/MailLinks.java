package io.leadflow.mail;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/** Links into Leadflow's web applications for mail to staff, built on {@code leadflow.mail.base-url}. */
@Component
public class MailLinks {

  private final String base;

  public MailLinks(LeadflowMailProperties properties) {
    this.base = properties.base();
  }

  /** Opens Tasklist, where the user's filters list the open tasks. */
  public String tasklist() {
    return base + "/camunda/app/tasklist/default/";
  }

  /** Opens the task in Tasklist (after the login, if needed). */
  public String tasklistTask(String taskId) {
    return base + "/camunda/app/tasklist/default/#/?task=" + UriUtils.encodeQueryParam(taskId, "UTF-8");
  }

  /** Opens the process instance, e.g. a lead's lifecycle, in Cockpit. */
  public String cockpitProcessInstance(String processInstanceId) {
    return base + "/camunda/app/cockpit/default/#/process-instance/"
        + UriUtils.encodePathSegment(processInstanceId, "UTF-8") + "/runtime";
  }
}
