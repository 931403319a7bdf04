package io.leadflow.sla;

import io.leadflow.lead.Lead;
import io.leadflow.mail.Mail;
import io.leadflow.mail.MailKind;
import io.leadflow.mail.MailLinks;
import io.leadflow.mail.MailPort;
import io.leadflow.routing.SalesTeam;
import io.leadflow.routing.SalesTeamRepository;
import io.leadflow.system.SideEffects;
import io.leadflow.system.StaffDirectory;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Tells managers (the group the breach was escalated to and the manager of the team the breach counts against;
 * when the caller names them, also the owner of the late work) about a missed deadline, once per recipient even when
 * the escalating step is retried.
 */
@Service
public class Escalations {

  static final String TEMPLATE = "escalation";

  private final StaffDirectory staff;
  private final SalesTeamRepository teams;
  private final MailPort mail;
  private final MailLinks links;
  private final SideEffects sideEffects;

  Escalations(StaffDirectory staff, SalesTeamRepository teams, MailPort mail, MailLinks links,
      SideEffects sideEffects) {
    this.staff = staff;
    this.teams = teams;
    this.mail = mail;
    this.links = links;
    this.sideEffects = sideEffects;
  }

  /**
   * @param owner the user who owns the late work and is to be alerted too, or null
   */
  public void send(String key, Lead lead, SlaBreach breach, String owner, String processInstanceId) {
    String group = breach.getEscalatedTo();
    Set<String> recipients = new LinkedHashSet<>(staff.emailsOfGroup(group));
    String manager = Optional.ofNullable(breach.getTeam()).flatMap(teams::findById).map(SalesTeam::getManager)
        .orElse(null);
    for (String user : new String[] {manager, owner}) {
      String email = staff.emailOf(user);
      if (email != null) {
        recipients.add(email);
      }
    }
    if (recipients.isEmpty()) {
      throw new IllegalStateException("Nobody to escalate the missed " + breach.getStep() + " deadline of lead "
          + lead.getId() + " to: group " + group + " has no members with an email address");
    }
    Map<String, Object> model = new HashMap<>();
    model.put("leadName", lead.getFullName());
    model.put("company", lead.getCompany());
    model.put("stepName", SlaBreaches.describe(breach.getStep()));
    model.put("ownerName", breach.getOwner() == null ? "nobody (team queue)" : breach.getOwner());
    model.put("deadline", breach.getDueAt());
    model.put("lateBy", java.time.Duration.between(breach.getDueAt(), breach.getBreachedAt()));
    model.put("leadUrl", links.lead(lead.getId()));
    model.put("tasklistUrl", links.tasklist());
    model.put("cockpitUrl", links.cockpitProcessInstance(processInstanceId));
    for (String to : recipients) {
      sideEffects.atMostOnce(key + ":" + to,
          () -> mail.send(new Mail(to, TEMPLATE, model, MailKind.TRANSACTIONAL, lead.getId())));
    }
  }
}
