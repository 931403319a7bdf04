package io.leadflow.leads;

import io.leadflow.lead.LeadAccess;
import io.leadflow.lead.LeadSearch;
import io.leadflow.lead.Stage;
import io.leadflow.system.InvalidRequestException;
import io.leadflow.system.NoNulCharacter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/leads}: the leads the user may find, searched, filtered, sorted and a page at a time, each with its
 * open task's deadline and SLA state. The Leads page lists what this answers.
 */
@RestController
class LeadListController {

  static final int MAX_SIZE = 100;
  static final int MAX_OFFSET = 10_000;
  private static final int MAX_QUERY_LENGTH = 200;
  private static final int MAX_WORDS = 8;
  private static final Set<String> PARAMETERS = Set.of("q", "email", "stage", "owner", "team", "channel",
      "campaign", "createdFrom", "createdTo", "page", "size", "sort");

  private final LeadSearch search;
  private final OpenWork work;

  LeadListController(LeadSearch search, OpenWork work) {
    this.search = search;
    this.work = work;
  }

  /** One lead of the list. */
  record Item(UUID id, String name, String email, String company, Stage stage, Instant stageSince, Integer score,
      String team, String owner, String channel, String campaign, Instant createdAt, Instant nextDeadline,
      OpenWork.SlaState slaState, OpenWork.OpenTask openTask, String url) {
  }

  /**
   * A page of leads.
   *
   * @param total how many leads match; at least that many when {@code totalExact} is false
   */
  record LeadList(List<Item> items, int page, int size, long total, boolean totalExact, String sort) {
  }

  @GetMapping("/api/leads")
  LeadList list(@RequestParam MultiValueMap<String, String> parameters, Authentication user) {
    LeadSearch.Criteria criteria = criteria(parameters);
    LeadSearch.Result found = search.search(criteria, LeadAccess.of(user));
    Map<UUID, OpenWork.LeadWork> open = work.of(found.rows().stream().map(LeadSearch.Row::id).toList());
    List<Item> items = found.rows().stream().map(row -> {
      OpenWork.LeadWork leadWork = open.getOrDefault(row.id(), OpenWork.LeadWork.NONE);
      return new Item(row.id(), row.name(), row.email(), row.company(), row.stage(), row.stageSince(), row.score(),
          row.team(), row.owner(), row.channel(), row.campaign(), row.createdAt(), leadWork.nextDeadline(),
          leadWork.slaState(), leadWork.tasks().isEmpty() ? null : leadWork.tasks().get(0), "/leads/" + row.id());
    }).toList();
    return new LeadList(items, criteria.page(), criteria.size(), found.total(), found.totalExact(),
        criteria.order().parameter() + "," + (criteria.descending() ? "desc" : "asc"));
  }

  /** @throws InvalidRequestException naming every bad parameter */
  static LeadSearch.Criteria criteria(MultiValueMap<String, String> parameters) {
    InvalidRequestException invalid = new InvalidRequestException();
    parameters.keySet().stream().filter(name -> !PARAMETERS.contains(name)).sorted().forEach(name ->
        invalid.field(name, "is not a known parameter; known parameters are " + PARAMETERS.stream().sorted().toList()));
    for (String name : PARAMETERS) {
      List<String> values = parameters.getOrDefault(name, List.of());
      if (!"stage".equals(name) && values.size() > 1) {
        invalid.field(name, "must be given once");
      }
      if (values.stream().anyMatch(value -> value.indexOf(0) >= 0)) {
        // PostgreSQL cannot compare text with it
        invalid.field(name, NoNulCharacter.DETAIL);
      }
    }
    String q = text(parameters, "q");
    if (q != null && (q.length() > MAX_QUERY_LENGTH || LeadSearch.words(q).size() > MAX_WORDS)) {
      invalid.field("q", "must be at most " + MAX_QUERY_LENGTH + " characters and " + MAX_WORDS + " words");
    }
    Set<Stage> stages = EnumSet.noneOf(Stage.class);
    for (String value : parameters.getOrDefault("stage", List.of())) {
      for (String stage : value.split(",")) {
        if (stage.isBlank()) {
          continue;
        }
        try {
          stages.add(Stage.valueOf(stage.strip()));
        } catch (IllegalArgumentException unknown) {
          invalid.field("stage", "'" + stage.strip() + "' is not a stage; stages are "
              + Arrays.toString(Stage.values()));
        }
      }
    }
    LocalDate from = date(parameters, "createdFrom", invalid);
    LocalDate to = date(parameters, "createdTo", invalid);
    if (from != null && to != null && to.isBefore(from)) {
      invalid.field("createdTo", "must not be before createdFrom");
    }
    int page = number(parameters, "page", 0, 0, Integer.MAX_VALUE, invalid);
    int size = number(parameters, "size", 25, 1, MAX_SIZE, invalid);
    if ((long) page * size > MAX_OFFSET) {
      invalid.field("page", "must not go past the first " + MAX_OFFSET + " leads: narrow the search instead");
    }
    LeadSearch.Order order = LeadSearch.Order.CREATED_AT;
    boolean descending = order.descendingByDefault();
    String sort = text(parameters, "sort");
    if (sort != null) {
      String[] parts = sort.split(",", -1);
      LeadSearch.Order named = Arrays.stream(LeadSearch.Order.values())
          .filter(candidate -> candidate.parameter().equals(parts[0].strip())).findFirst().orElse(null);
      String direction = parts.length > 1 ? parts[1].strip().toLowerCase(Locale.ROOT) : "";
      if (named == null || parts.length > 2 || !Set.of("", "asc", "desc").contains(direction)) {
        invalid.field("sort", "must be one of " + Arrays.stream(LeadSearch.Order.values())
            .map(LeadSearch.Order::parameter).toList() + ", optionally followed by ',asc' or ',desc'");
      } else {
        order = named;
        descending = direction.isEmpty() ? named.descendingByDefault() : direction.equals("desc");
      }
    }
    invalid.throwIfAny();
    return new LeadSearch.Criteria(q, text(parameters, "email"), stages, text(parameters, "owner"),
        text(parameters, "team"), text(parameters, "channel"), text(parameters, "campaign"), from, to, order,
        descending, page, size);
  }

  private static String text(MultiValueMap<String, String> parameters, String name) {
    String value = parameters.getFirst(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static LocalDate date(MultiValueMap<String, String> parameters, String name,
      InvalidRequestException invalid) {
    String value = text(parameters, name);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      invalid.field(name, "must be a date such as 2026-03-31");
      return null;
    }
  }

  private static int number(MultiValueMap<String, String> parameters, String name, int fallback, int min, int max,
      InvalidRequestException invalid) {
    String value = text(parameters, name);
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    invalid.field(name, max == Integer.MAX_VALUE ? "must be a whole number from " + min
        : "must be a whole number from " + min + " to " + max);
    return fallback;
  }
}
