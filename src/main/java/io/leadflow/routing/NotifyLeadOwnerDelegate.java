package io.leadflow.routing;

import io.leadflow.lead.LeadViews;
import io.leadflow.lead.LeadView;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.lifecycle.LeadReference;
import io.leadflow.mail.Mail;
import io.leadflow.mail.MailKind;
import io.leadflow.mail.MailLinks;
import io.leadflow.mail.MailPort;
import io.leadflow.system.SideEffects;
import io.leadflow.system.StaffDirectory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Notify the lead's owner": the rep gets the lead's detail package and links to the lead's page and to Tasklist. A
 * lead that waits in a team's queue because no rep can take it is never left in silence: the team's manager is told.
 */
@Component("notifyLeadOwner")
class NotifyLeadOwnerDelegate implements JavaDelegate {

  static final String TEMPLATE = "new-lead-notice";

  private final LeadViews details;
  private final SalesTeamRepository teams;
  private final StaffDirectory staff;
  private final MailPort mail;
  private final MailLinks links;
  private final SideEffects sideEffects;

  NotifyLeadOwnerDelegate(LeadViews details, SalesTeamRepository teams, StaffDirectory staff, MailPort mail,
      MailLinks links, SideEffects sideEffects) {
    this.details = details;
    this.teams = teams;
    this.staff = staff;
    this.mail = mail;
    this.links = links;
    this.sideEffects = sideEffects;
  }

  @Override
  public void execute(DelegateExecution execution) {
    UUID leadId = LeadReference.of(execution);
    LeadView lead = details.find(leadId).orElseThrow();
    String rep = (String) execution.getVariable(LeadLifecycle.Variables.SALES_REP);
    String teamId = (String) execution.getVariable(LeadLifecycle.Variables.SALES_TEAM);
    Optional<SalesTeam> team = Optional.ofNullable(teamId).flatMap(teams::findById);
    String to = rep != null ? staff.emailOf(rep) : team.map(SalesTeam::getManager).map(staff::emailOf).orElse(null);
    if (to == null) {
      throw new IllegalStateException("Nobody to notify of lead " + leadId + ": neither rep " + rep
          + " nor the manager of team " + teamId + " has an email address (set it in Admin)");
    }
    Map<String, Object> model = new HashMap<>();
    model.put("leadName", lead.name());
    model.put("company", lead.company());
    model.put("jobTitle", lead.jobTitle());
    model.put("country", lead.country());
    model.put("email", lead.email());
    model.put("phone", lead.phone());
    model.put("sourceChannel", lead.source().channel());
    model.put("campaign", lead.source().campaign());
    model.put("score", lead.score().total());
    model.put("scoreReasons", lead.score().reasons().stream()
        .map(reason -> reason.reason() + ": " + (reason.points() > 0 ? "+" : "") + reason.points()).toList());
    model.put("routingReason", execution.getVariable(LeadLifecycle.Variables.ROUTING_REASON));
    model.put("waitingInQueue", rep == null);
    model.put("team", team.map(SalesTeam::getName).orElse(teamId));
    model.put("leadUrl", links.lead(leadId));
    model.put("tasklistUrl", links.tasklist());
    sideEffects.atMostOnce(SideEffects.key(execution, TEMPLATE),
        () -> mail.send(new Mail(to, TEMPLATE, model, MailKind.TRANSACTIONAL, leadId)));
  }
}
