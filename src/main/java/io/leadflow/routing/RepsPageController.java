package io.leadflow.routing;

import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.Stage;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.security.Navigation;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The reps' capacity and absence for managers: each rep's open leads against their capacity as the round robin
 * counts them, whether they take leads today, and forms to change capacity, mark an absence and hand work over.
 */
@Controller
class RepsPageController {

  private static final List<String> OPEN = LeadRepository.OPEN_STAGES.stream().map(Stage::name).toList();

  private final SalesTeamRepository teams;
  private final SalesRepRepository reps;
  private final LeadRepository leads;

  RepsPageController(SalesTeamRepository teams, SalesRepRepository reps, LeadRepository leads) {
    this.teams = teams;
    this.reps = reps;
    this.leads = leads;
  }

  /** A rep's row: who, their load against capacity, and whether they take new leads today. */
  record RepLoad(String userId, String displayName, String team, String teamName, int capacity, long openLeads,
      int loadPercent, boolean active, LocalDate outOfOfficeFrom, LocalDate outOfOfficeUntil, boolean availableToday,
      boolean atCapacity) {

    /** Whether the round robin gives the rep new leads today, and why not. */
    public String takesLeads() {
      return !active ? "no (inactive)" : !availableToday ? "no (away)" : atCapacity ? "no (at capacity)" : "yes";
    }
  }

  @GetMapping("/reps")
  String reps(Authentication user, Model model) {
    List<RepLoad> rows = teams.findAll().stream().sorted(Comparator.comparing(SalesTeam::getName))
        .flatMap(team -> {
          Map<String, Long> open = new HashMap<>();
          for (Object[] row : leads.countHeldByOwner(team.getId(), OPEN, LeadLifecycle.PROCESS_KEY)) {
            open.put((String) row[0], ((Number) row[1]).longValue());
          }
          LocalDate today = ClockUtil.now().toInstant().atZone(team.getTimeZone()).toLocalDate();
          return reps.findByTeamIdOrderByUserIdAsc(team.getId()).stream().map(rep -> {
            long count = open.getOrDefault(rep.getUserId(), 0L);
            return new RepLoad(rep.getUserId(), rep.getDisplayName(), team.getId(), team.getName(),
                rep.getCapacity(), count, rep.getCapacity() == 0 ? 100 : (int) Math.min(999,
                count * 100 / rep.getCapacity()), rep.isActive(), rep.getOutOfOfficeFrom(),
                rep.getOutOfOfficeUntil(), rep.isAvailableOn(today), count >= rep.getCapacity());
          });
        })
        .toList();
    model.addAttribute("nav", Navigation.of(user));
    model.addAttribute("rows", rows);
    model.addAttribute("today", ClockUtil.now().toInstant().atZone(ZoneOffset.UTC).toLocalDate());
    return "reps";
  }
}
