package io.leadflow.tasklist;

import io.leadflow.intake.LeadDataFixListener;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadView;
import io.leadflow.lead.LeadViews;
import io.leadflow.lifecycle.FollowUp;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.lifecycle.NoResponsePolicy;
import io.leadflow.routing.SalesRep;
import io.leadflow.routing.SalesRepRepository;
import io.leadflow.routing.SalesTeam;
import io.leadflow.routing.SalesTeamRepository;
import io.leadflow.system.JsonVariables;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a lead's task form reads about its lead, put together from the database when the form is opened (see
 * {@link LeadTaskForms}), by the names a user task lists in its extension property {@code formLoads}:
 * <ul>
 *   <li>{@value #LEAD}: the lead as {@link LeadForm} shows it;</li>
 *   <li>{@value #TEAM_OPTIONS}: the sales teams marketing ops can route to;</li>
 *   <li>{@value #TEAMMATE_OPTIONS}: the owner's teammates who can take the lead today;</li>
 *   <li>{@value #LEAD_DATA_TO_CORRECT}: the lead's contact data as it is now, in the "corrected..." fields of
 *   "Fix lead data";</li>
 *   <li>{@value #FOLLOW_UP_ATTEMPTS}: the contact attempts "no response" needs ({@code minimumAttempts}) and those
 *   logged in this follow-up ({@code contactAttempts}).</li>
 * </ul>
 */
@Component
class LeadFormValues {

  static final String LEAD = LeadLifecycle.Variables.LEAD;
  static final String TEAM_OPTIONS = LeadLifecycle.Variables.TEAM_OPTIONS;
  static final String TEAMMATE_OPTIONS = LeadLifecycle.Variables.TEAMMATE_OPTIONS;
  static final String LEAD_DATA_TO_CORRECT = "leadDataToCorrect";
  static final String FOLLOW_UP_ATTEMPTS = "followUpAttempts";

  private final LeadViews views;
  private final LeadRepository leads;
  private final SalesTeamRepository teams;
  private final SalesRepRepository reps;
  private final FollowUp followUp;
  private final NoResponsePolicy noResponse;
  private final ZoneId marketingOpsZone;

  LeadFormValues(LeadViews views, LeadRepository leads, SalesTeamRepository teams, SalesRepRepository reps,
      FollowUp followUp, NoResponsePolicy noResponse,
      @Value("${leadflow.sla.default-calendar.time-zone:Europe/Berlin}") ZoneId marketingOpsZone) {
    this.views = views;
    this.leads = leads;
    this.teams = teams;
    this.reps = reps;
    this.followUp = followUp;
    this.noResponse = noResponse;
    this.marketingOpsZone = marketingOpsZone;
  }

  /** The form variables a name in {@code formLoads} stands for; empty for a name Leadflow does not know. */
  static List<String> variables(String name) {
    return switch (name) {
      case LEAD, TEAM_OPTIONS, TEAMMATE_OPTIONS -> List.of(name);
      case LEAD_DATA_TO_CORRECT -> LeadDataFixListener.FIELDS.keySet().stream()
          .map(LeadDataFixListener::variable).toList();
      case FOLLOW_UP_ATTEMPTS -> List.of(LeadLifecycle.Variables.MINIMUM_ATTEMPTS,
          LeadLifecycle.Variables.CONTACT_ATTEMPTS);
      default -> List.of();
    };
  }

  /**
   * @param execution the task's execution, for what the lead's process decides (the SLA policy of its segment)
   * @return each variable the names stand for, with its value now; none for a lead that does not exist
   */
  @Transactional(readOnly = true)
  public Map<String, TypedValue> load(UUID leadId, List<String> names, VariableScope execution) {
    Map<String, TypedValue> values = new LinkedHashMap<>();
    Optional<Lead> found = leads.findById(leadId);
    if (found.isEmpty()) {
      return values;
    }
    Lead lead = found.get();
    for (String name : names) {
      switch (name) {
        case LEAD -> views.find(leadId).ifPresent(view -> values.put(LEAD, JsonVariables.of(form(lead, view))));
        case TEAM_OPTIONS -> values.put(TEAM_OPTIONS, JsonVariables.of(teams.findAll().stream()
            .map(team -> option(team.getName(), team.getId())).toList()));
        case TEAMMATE_OPTIONS -> values.put(TEAMMATE_OPTIONS, JsonVariables.of(teammates(lead)));
        case LEAD_DATA_TO_CORRECT -> LeadDataFixListener.FIELDS.forEach((field, value) -> values.put(
            LeadDataFixListener.variable(field), Variables.stringValue(value.apply(lead) == null ? ""
                : value.apply(lead))));
        case FOLLOW_UP_ATTEMPTS -> {
          values.put(LeadLifecycle.Variables.MINIMUM_ATTEMPTS,
              Variables.integerValue(noResponse.minimumAttempts(execution)));
          values.put(LeadLifecycle.Variables.CONTACT_ATTEMPTS, Variables.longValue(followUp.attempts(leadId)));
        }
        default -> throw new IllegalArgumentException("A form cannot load " + name);
      }
    }
    return values;
  }

  /** The time zone a lead's dates and deadlines are shown in: its team's, or marketing ops' before routing. */
  ZoneId zoneOf(Lead lead) {
    return team(lead).map(SalesTeam::getTimeZone).orElse(marketingOpsZone);
  }

  private LeadForm form(Lead lead, LeadView view) {
    Optional<SalesTeam> team = team(lead);
    String teamName = team.map(SalesTeam::getName).orElse(lead.getTeam());
    String owner;
    if (lead.getOwner() != null) {
      owner = reps.findById(lead.getOwner()).map(SalesRep::getDisplayName).orElse(lead.getOwner())
          + (teamName == null ? "" : " (" + teamName + ")");
    } else {
      owner = teamName == null ? "Not routed to a sales team yet" : "Waiting in the queue of " + teamName;
    }
    return LeadForm.of(view, owner, zoneOf(lead));
  }

  /** Teammates who can take the lead today, a day of the team's time zone as out-of-office periods are. */
  private List<Map<String, String>> teammates(Lead lead) {
    Optional<SalesTeam> team = team(lead);
    if (team.isEmpty()) {
      return List.of();
    }
    var today = ClockUtil.now().toInstant().atZone(team.get().getTimeZone()).toLocalDate();
    return reps.findByTeamIdOrderByUserIdAsc(team.get().getId()).stream()
        .filter(teammate -> !teammate.getUserId().equals(lead.getOwner()))
        .filter(teammate -> teammate.isAvailableOn(today))
        .map(teammate -> option(teammate.getDisplayName(), teammate.getUserId()))
        .toList();
  }

  private Optional<SalesTeam> team(Lead lead) {
    return lead.getTeam() == null ? Optional.empty() : teams.findById(lead.getTeam());
  }

  private static Map<String, String> option(String label, String value) {
    return Map.of("label", label, "value", value);
  }
}
