package io.leadflow.leads;

import io.leadflow.intake.LeadEdits;
import io.leadflow.lead.LeadAccess;
import io.leadflow.lead.LeadSearch;
import io.leadflow.lead.LeadView;
import io.leadflow.lead.LeadViews;
import io.leadflow.lead.Stage;
import io.leadflow.routing.SalesRep;
import io.leadflow.routing.SalesRepRepository;
import io.leadflow.routing.SalesTeam;
import io.leadflow.routing.SalesTeamRepository;
import io.leadflow.security.Navigation;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The Leads page (search and list, for everybody who works leads) and a lead's page: its package, timeline, open task
 * with deadline and links to Tasklist and Cockpit, and the forms to correct its data and, for managers, to reassign.
 */
@Controller
class LeadPagesController {

  private final LeadViews views;
  private final LeadSearch search;
  private final LeadTimeline timeline;
  private final OpenWork work;
  private final SalesTeamRepository teams;
  private final SalesRepRepository reps;

  LeadPagesController(LeadViews views, LeadSearch search, LeadTimeline timeline, OpenWork work,
      SalesTeamRepository teams, SalesRepRepository reps) {
    this.views = views;
    this.search = search;
    this.timeline = timeline;
    this.work = work;
    this.teams = teams;
    this.reps = reps;
  }

  /** A choice of a pick list. */
  record Option(String value, String label) {
  }

  /** The lead's facts as the page words them. */
  record Facts(String role, String industry, String source, String askedFor, String owner, String score) {

    static Facts of(LeadView lead) {
      String role = lead.jobTitle() == null ? orDash(lead.company())
          : lead.jobTitle() + (lead.company() == null ? "" : " at " + lead.company());
      String industry = (lead.industry() == null ? "industry unknown" : Labels.code(lead.industry())) + ", "
          + (lead.companySize() == null ? "size unknown"
          : String.format(Locale.ENGLISH, "%,d employees", lead.companySize()))
          + (lead.segment() == null ? "" : " \u00b7 " + Labels.code(lead.segment()));
      String source = orDash(lead.source().channel())
          + (lead.source().campaign() == null ? "" : " \u00b7 campaign " + lead.source().campaign());
      String askedFor = orDash(lead.source().asset())
          + (lead.source().interest() == null ? "" : " \u00b7 interest " + lead.source().interest());
      String owner = lead.owner().rep() != null ? lead.owner().rep() + " (" + lead.owner().team() + ")"
          : lead.owner().team() != null ? "queue of " + lead.owner().team() : "no team yet";
      LeadView.Score score = lead.score();
      String scored = score.total() == null ? "not scored yet" : score.fit() == null ? score.total().toString()
          : score.total() + " (fit " + score.fit() + ", behaviour " + score.behaviour() + ")";
      return new Facts(role, industry, source, askedFor, owner, scored);
    }

    private static String orDash(String value) {
      return value == null ? "\u2013" : value;
    }
  }

  /** A field of the correction form: its API name, label, current value and, for an answer, its choices. */
  record Field(String name, String label, String value, List<Option> options) {
  }

  @GetMapping("/leads")
  String list(Authentication user, Model model) {
    Navigation navigation = Navigation.of(user);
    model.addAttribute("nav", navigation);
    model.addAttribute("stages", Arrays.stream(Stage.values())
        .map(stage -> new Option(stage.name(), Labels.stage(stage))).toList());
    model.addAttribute("teams", teams.findAll().stream().sorted(Comparator.comparing(SalesTeam::getName))
        .map(team -> new Option(team.getId(), team.getName())).toList());
    model.addAttribute("reps", repOptions());
    model.addAttribute("channels", search.channels());
    model.addAttribute("campaigns", search.campaigns());
    model.addAttribute("readsAll", LeadAccess.of(user).readsAll());
    model.addAttribute("canReassign", navigation.reps());
    return "leads/list";
  }

  @GetMapping("/leads/{id}")
  String lead(@PathVariable UUID id, Authentication user, Model model) {
    LeadAccess access = LeadAccess.of(user);
    LeadView lead = views.find(id).filter(found -> access.mayRead(found.owner().team(), found.owner().rep()))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No lead with id " + id));
    Navigation navigation = Navigation.of(user);
    Instant now = ClockUtil.now().toInstant();
    Instant stageSince = lead.stageHistory().isEmpty() ? lead.createdAt()
        : lead.stageHistory().get(lead.stageHistory().size() - 1).at();
    model.addAttribute("nav", navigation);
    model.addAttribute("lead", lead);
    model.addAttribute("stage", Labels.stage(lead.stage()));
    model.addAttribute("stageSince", stageSince);
    model.addAttribute("stageAge", Labels.age(stageSince, now));
    model.addAttribute("facts", Facts.of(lead));
    model.addAttribute("work", work.of(id));
    model.addAttribute("cockpitUrl", navigation.cockpit() ? work.cockpitUrl(id).orElse(null) : null);
    model.addAttribute("timeline", timeline.of(id));
    model.addAttribute("qualification", List.of(
        new Option("Budget", Labels.value("budget", lead.qualification().budget())),
        new Option("Authority", Labels.value("authority", lead.qualification().authority())),
        new Option("Need", Labels.value("need", lead.qualification().need())),
        new Option("Timing", Labels.value("timeframe", lead.qualification().timeframe())),
        new Option("Job level", Labels.code(lead.qualification().jobLevel())),
        new Option("Persona", Labels.code(lead.qualification().persona()))));
    boolean canEdit = lead.stage() != Stage.ERASED && access.mayEdit(lead.owner().rep());
    model.addAttribute("canEdit", canEdit);
    model.addAttribute("fields", canEdit ? fields(lead) : List.of());
    model.addAttribute("canReassign", navigation.reps());
    model.addAttribute("reps", repOptions());
    return "leads/lead";
  }

  private List<Option> repOptions() {
    Map<String, String> teamNames = teams.findAll().stream()
        .collect(Collectors.toMap(SalesTeam::getId, SalesTeam::getName));
    return reps.findAll().stream().filter(SalesRep::isActive).sorted(Comparator.comparing(SalesRep::getUserId))
        .map(rep -> new Option(rep.getUserId(), rep.getDisplayName() + " (" + rep.getUserId() + ", "
            + teamNames.getOrDefault(rep.getTeamId(), rep.getTeamId()) + ")"))
        .toList();
  }

  private static List<Field> fields(LeadView lead) {
    Function<String, List<Option>> answers = field -> LeadEdits.QUALIFICATION_FIELDS.get(field).stream()
        .map(value -> new Option(value, Labels.value(field, value))).toList();
    return List.of(
        new Field("firstName", "First name", lead.firstName(), null),
        new Field("lastName", "Last name", lead.lastName(), null),
        new Field("email", "Email", lead.email(), null),
        new Field("phone", "Phone", lead.phone(), null),
        new Field("jobTitle", "Job title", lead.jobTitle(), null),
        new Field("company", "Company", lead.company(), null),
        new Field("country", "Country", lead.country(), null),
        new Field("budget", "Budget", lead.qualification().budget(), answers.apply("budget")),
        new Field("authority", "Authority", lead.qualification().authority(), answers.apply("authority")),
        new Field("need", "Need", lead.qualification().need(), answers.apply("need")),
        new Field("timeframe", "Timing", lead.qualification().timeframe(), answers.apply("timeframe")));
  }
}
