package io.leadflow.demo;

import io.leadflow.routing.CustomerAccount;
import io.leadflow.routing.CustomerAccountRepository;
import io.leadflow.routing.SalesOrganisation;
import io.leadflow.routing.TargetAccount;
import io.leadflow.routing.TargetAccountRepository;
import io.leadflow.system.Groups;
import io.leadflow.sla.Holiday;
import io.leadflow.sla.HolidayRepository;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo profile's organisation, as the README documents it: users, sales teams with working hours and holiday
 * calendars, reps with capacities, customer and target accounts. Created once; a restart keeps what users changed.
 */
@Component
@Profile("demo")
class DemoData implements ApplicationRunner {

  static final String PASSWORD = "LeadflowDemo-1";
  private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  private record DemoUser(String id, String firstName, String lastName, String group) {
  }

  /** A demo rep: their team and how many open leads they can work at once. */
  record DemoRep(String id, String team, int capacity) {
  }

  /** The demo reps; the demo history gives them the same teams and leaves each below their capacity. */
  static final List<DemoRep> REPS = List.of(
      new DemoRep("sam", "sales-emea", 20),
      new DemoRep("lena", "sales-emea", 10),
      new DemoRep("rita", "sales-americas", 20),
      new DemoRep("omar", "sales-americas", 15),
      new DemoRep("pablo", "partner-latam", 10));

  private static final List<DemoUser> USERS = List.of(
      new DemoUser("mia", "Mia", "Brandt", Groups.MARKETING_OPS),
      new DemoUser("max", "Max", "Lindqvist", Groups.SALES_MANAGERS),
      new DemoUser("sam", "Sam", "Okafor", null),
      new DemoUser("lena", "Lena", "Fischer", null),
      new DemoUser("rita", "Rita", "Alvarez", null),
      new DemoUser("omar", "Omar", "Haddad", null),
      new DemoUser("pablo", "Pablo", "Ruiz", null));

  private final IdentityService identity;
  private final SalesOrganisation organisation;
  private final CustomerAccountRepository customers;
  private final TargetAccountRepository targets;
  private final HolidayRepository holidays;
  private final TransactionTemplate transaction;

  DemoData(IdentityService identity, SalesOrganisation organisation, CustomerAccountRepository customers,
      TargetAccountRepository targets, HolidayRepository holidays, TransactionTemplate transaction) {
    this.identity = identity;
    this.organisation = organisation;
    this.customers = customers;
    this.targets = targets;
    this.holidays = holidays;
    this.transaction = transaction;
  }

  @Override
  public void run(ApplicationArguments args) {
    transaction.executeWithoutResult(status -> {
      if (identity.createUserQuery().userId("sam").count() > 0) {
        return;
      }
      USERS.forEach(this::user);
      organisation.saveTeam("sales-emea", "Sales EMEA", ZoneId.of("Europe/Berlin"), LocalTime.of(9, 0),
          LocalTime.of(17, 0), WEEKDAYS, "DE", "max");
      organisation.saveTeam("sales-americas", "Sales Americas", ZoneId.of("America/New_York"), LocalTime.of(9, 0),
          LocalTime.of(17, 0), WEEKDAYS, "US", "max");
      organisation.saveTeam("partner-latam", "Partner Latin America", ZoneId.of("America/Sao_Paulo"),
          LocalTime.of(9, 0), LocalTime.of(18, 0), WEEKDAYS, "BR", "max");
      REPS.forEach(rep -> organisation.saveRep(rep.id(), rep.team(), rep.capacity(), true));
      customers.save(new CustomerAccount("globex.example", "Globex Corporation", "sam", "sales-emea"));
      customers.save(new CustomerAccount("initech.example", "Initech", "rita", "sales-americas"));
      targets.save(new TargetAccount("umbrella.example", "Umbrella Pharma", "lena", "sales-emea"));
      targets.save(new TargetAccount("acme.example", "Acme Industries", "omar", "sales-americas"));
      holidays.saveAll(List.of(
          new Holiday("DE", LocalDate.of(2026, 12, 25), "Christmas Day"),
          new Holiday("DE", LocalDate.of(2026, 12, 26), "Boxing Day"),
          new Holiday("DE", LocalDate.of(2027, 1, 1), "New Year's Day"),
          new Holiday("DE", LocalDate.of(2027, 3, 26), "Good Friday"),
          new Holiday("DE", LocalDate.of(2027, 3, 29), "Easter Monday"),
          new Holiday("DE", LocalDate.of(2027, 5, 1), "Labour Day"),
          new Holiday("DE", LocalDate.of(2027, 5, 6), "Ascension Day"),
          new Holiday("DE", LocalDate.of(2027, 5, 17), "Whit Monday"),
          new Holiday("DE", LocalDate.of(2027, 10, 3), "Day of German Unity"),
          new Holiday("US", LocalDate.of(2026, 11, 26), "Thanksgiving"),
          new Holiday("US", LocalDate.of(2026, 12, 25), "Christmas Day"),
          new Holiday("US", LocalDate.of(2027, 1, 1), "New Year's Day"),
          new Holiday("US", LocalDate.of(2027, 1, 18), "Martin Luther King Jr. Day"),
          new Holiday("US", LocalDate.of(2027, 5, 31), "Memorial Day"),
          new Holiday("US", LocalDate.of(2027, 7, 5), "Independence Day (observed)"),
          new Holiday("US", LocalDate.of(2027, 9, 6), "Labor Day"),
          new Holiday("BR", LocalDate.of(2026, 12, 25), "Natal"),
          new Holiday("BR", LocalDate.of(2027, 1, 1), "Confraternização Universal"),
          new Holiday("BR", LocalDate.of(2027, 2, 8), "Carnaval"),
          new Holiday("BR", LocalDate.of(2027, 2, 9), "Carnaval")));
    });
  }

  private void user(DemoUser demo) {
    User user = identity.newUser(demo.id());
    user.setFirstName(demo.firstName());
    user.setLastName(demo.lastName());
    user.setEmail(demo.id() + "@leadflow.example");
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    if (demo.group() != null) {
      identity.createMembership(demo.id(), demo.group());
    }
  }
}
