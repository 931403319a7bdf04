package io.leadflow.routing;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.leadflow.system.InvalidRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The admin API for the data routing works on: teams with their working calendars, reps with capacity and
 * out-of-office, existing customer accounts with their owners and the target-account list. PUT creates or replaces.
 */
@RestController
@RequestMapping("/api/admin")
class SalesOrganisationController {

  private static final String DOMAIN = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$";

  private final SalesOrganisation organisation;
  private final SalesTeamRepository teams;
  private final SalesRepRepository reps;
  private final CustomerAccountRepository customers;
  private final TargetAccountRepository targets;
  private final IdentityService identity;
  private final BulkReassignment bulk;

  SalesOrganisationController(SalesOrganisation organisation, SalesTeamRepository teams, SalesRepRepository reps,
      CustomerAccountRepository customers, TargetAccountRepository targets, IdentityService identity,
      BulkReassignment bulk) {
    this.organisation = organisation;
    this.teams = teams;
    this.reps = reps;
    this.customers = customers;
    this.targets = targets;
    this.identity = identity;
    this.bulk = bulk;
  }

  record TeamRequest(@NotBlank @Size(max = 200) String name, @NotBlank String timeZone, @NotNull LocalTime workStart,
      @NotNull LocalTime workEnd, @NotEmpty Set<DayOfWeek> workDays, @Size(max = 20) String holidayCalendar,
      String manager) {
  }

  record Team(String id, String name, String timeZone, LocalTime workStart, LocalTime workEnd,
      Set<DayOfWeek> workDays, String holidayCalendar, String manager) {

    static Team of(SalesTeam team) {
      return new Team(team.getId(), team.getName(), team.getTimeZone().getId(), team.getWorkStart(),
          team.getWorkEnd(), team.getWorkDays(), team.getHolidayCalendar(), team.getManager());
    }
  }

  @GetMapping("/teams")
  List<Team> teams() {
    return teams.findAll().stream().map(Team::of).toList();
  }

  @PutMapping("/teams/{id}")
  Team saveTeam(@PathVariable String id, @Valid @RequestBody TeamRequest request) {
    InvalidRequestException invalid = new InvalidRequestException();
    if (!id.matches("^[a-z0-9][a-z0-9-]{1,63}$")) {
      invalid.field("id", "must be 2-64 lower-case letters, digits or hyphens (it is also the Camunda group id)");
    }
    ZoneId zone = null;
    try {
      zone = ZoneId.of(request.timeZone());
    } catch (DateTimeException e) {
      invalid.field("timeZone", "'" + request.timeZone() + "' is not a time zone such as Europe/Berlin");
    }
    if (!request.workEnd().isAfter(request.workStart())) {
      invalid.field("workEnd", "must be after workStart");
    }
    if (request.manager() != null && identity.createUserQuery().userId(request.manager()).count() == 0) {
      invalid.field("manager", "'" + request.manager() + "' is not a Camunda user");
    }
    invalid.throwIfAny();
    return Team.of(organisation.saveTeam(id, request.name(), zone, request.workStart(), request.workEnd(),
        request.workDays(), request.holidayCalendar(), request.manager()));
  }

  record RepRequest(@NotBlank String team, @NotNull @Min(0) @Max(1000) Integer capacity, Boolean active) {
  }

  record Rep(String userId, String team, String displayName, String email, int capacity, boolean active,
      LocalDate outOfOfficeFrom, LocalDate outOfOfficeUntil) {

    static Rep of(SalesRep rep) {
      return new Rep(rep.getUserId(), rep.getTeamId(), rep.getDisplayName(), rep.getEmail(), rep.getCapacity(),
          rep.isActive(), rep.getOutOfOfficeFrom(), rep.getOutOfOfficeUntil());
    }
  }

  @GetMapping("/reps")
  List<Rep> reps() {
    return reps.findAll().stream().map(Rep::of).toList();
  }

  @PutMapping("/reps/{userId}")
  Rep saveRep(@PathVariable String userId, @Valid @RequestBody RepRequest request) {
    return Rep.of(organisation.saveRep(userId, request.team(), request.capacity(),
        request.active() == null || request.active()));
  }

  /**
   * @param handOverOpenLeads whether the rep's open leads move now: to {@code handOverTo}, or round robin over the
   *     team when it is left out
   */
  record OutOfOffice(@NotNull LocalDate from, LocalDate until, Boolean handOverOpenLeads, String handOverTo,
      @Size(max = 500) String note) {
  }

  /** The rep, and what happened to their open leads if they were handed over. */
  record Absence(@JsonUnwrapped Rep rep, BulkReassignment.Report handOver) {
  }

  @PutMapping("/reps/{userId}/out-of-office")
  Absence outOfOffice(@PathVariable String userId, @Valid @RequestBody OutOfOffice request, Principal user) {
    InvalidRequestException invalid = new InvalidRequestException();
    if (request.until() != null && request.until().isBefore(request.from())) {
      invalid.field("until", "must not be before from");
    }
    boolean handOver = Boolean.TRUE.equals(request.handOverOpenLeads());
    String to = request.handOverTo() == null || request.handOverTo().isBlank() ? null : request.handOverTo();
    if (to != null && !handOver) {
      invalid.field("handOverTo", "needs handOverOpenLeads: true");
    } else if (to != null && reps.findById(to).filter(SalesRep::isActive).filter(rep -> !to.equals(userId))
        .isEmpty()) {
      invalid.field("handOverTo", "'" + to + "' is not another active sales rep");
    }
    // checked before the absence is saved: a hand-over that cannot start changes nothing
    invalid.throwIfAny();
    Rep rep = Rep.of(rep(() -> organisation.outOfOffice(userId, request.from(), request.until())));
    if (!handOver) {
      return new Absence(rep, null);
    }
    String note = request.note() == null || request.note().isBlank()
        ? userId + " is out of office from " + request.from() : request.note();
    return new Absence(rep, bulk.reassign(userId, null, to, note, user.getName()));
  }

  record CapacityRequest(@NotNull @Min(0) @Max(1000) Integer capacity) {
  }

  /** How many open leads the rep can work at once, as their manager sees it (managers and admins). */
  @PutMapping("/reps/{userId}/capacity")
  Rep capacity(@PathVariable String userId, @Valid @RequestBody CapacityRequest request) {
    return Rep.of(rep(() -> organisation.capacity(userId, request.capacity())));
  }

  @DeleteMapping("/reps/{userId}/out-of-office")
  Rep backInOffice(@PathVariable String userId) {
    return Rep.of(rep(() -> organisation.outOfOffice(userId, null, null)));
  }

  record CustomerAccountRequest(@NotBlank @Size(max = 200) String name, @NotBlank String owner, String team) {
  }

  @GetMapping("/customer-accounts")
  List<CustomerAccount> customerAccounts() {
    return customers.findAll();
  }

  @PutMapping("/customer-accounts/{domain}")
  CustomerAccount saveCustomerAccount(@PathVariable String domain,
      @Valid @RequestBody CustomerAccountRequest request) {
    checkDomain(domain);
    return organisation.saveCustomerAccount(domain, request.name(), request.owner(), request.team());
  }

  @DeleteMapping("/customer-accounts/{domain}")
  ResponseEntity<Void> deleteCustomerAccount(@PathVariable String domain) {
    if (!customers.existsById(domain)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No customer account " + domain);
    }
    customers.deleteById(domain);
    return ResponseEntity.noContent().build();
  }

  record TargetAccountRequest(@NotBlank @Size(max = 200) String name, @NotBlank String accountExecutive,
      String team) {
  }

  @GetMapping("/target-accounts")
  List<TargetAccount> targetAccounts() {
    return targets.findAll();
  }

  @PutMapping("/target-accounts/{domain}")
  TargetAccount saveTargetAccount(@PathVariable String domain, @Valid @RequestBody TargetAccountRequest request) {
    checkDomain(domain);
    return organisation.saveTargetAccount(domain, request.name(), request.accountExecutive(), request.team());
  }

  @DeleteMapping("/target-accounts/{domain}")
  ResponseEntity<Void> deleteTargetAccount(@PathVariable String domain) {
    if (!targets.existsById(domain)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No target account " + domain);
    }
    targets.deleteById(domain);
    return ResponseEntity.noContent().build();
  }

  private static void checkDomain(String domain) {
    if (!domain.matches(DOMAIN)) {
      new InvalidRequestException().field("domain", "'" + domain + "' is not a lower-case domain such as acme.com")
          .throwIfAny();
    }
  }

  private static SalesRep rep(Supplier<SalesRep> change) {
    try {
      return change.get();
    } catch (NoSuchElementException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
    }
  }
}
