package io.leadflow.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds leads by any part of a name, email address or company and by their attributes, a page at a time, among the
 * leads the user may find ({@link LeadAccess#finds}). Each word of the query must occur: a word of three or more
 * letters anywhere in a word of the lead, a shorter one at a word's start. The trigram index on the lead's search
 * text (migration V85) and the indexes on its attributes keep it fast at millions of leads.
 */
@Service
public class LeadSearch {

  /** More are counted as "more than"; counting every match of a common word would read a large part of the table. */
  public static final int COUNT_LIMIT = 1000;
  private static final Pattern WORD_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** The orders the list offers, each one an index can answer. */
  public enum Order {
    CREATED_AT("createdAt", true, "l.created_at %s"),
    // leads not scored yet come last among the highest scores, as in the index
    SCORE("score", true, "l.score %s nulls last", "l.score %s nulls first"),
    NAME("name", false, "l.last_name %1$s, l.first_name %1$s"),
    COMPANY("company", false, "l.company %s");

    private final String parameter;
    private final boolean descendingByDefault;
    private final String descending;
    private final String ascending;

    Order(String parameter, boolean descendingByDefault, String clause) {
      this(parameter, descendingByDefault, clause, clause);
    }

    Order(String parameter, boolean descendingByDefault, String descending, String ascending) {
      this.parameter = parameter;
      this.descendingByDefault = descendingByDefault;
      this.descending = descending.formatted("desc");
      this.ascending = ascending.formatted("asc");
    }

    public String parameter() {
      return parameter;
    }

    public boolean descendingByDefault() {
      return descendingByDefault;
    }
  }

  /**
   * What to look for; null or empty means any.
   *
   * @param createdFrom the first UTC day of creation, inclusive
   * @param createdTo the last UTC day of creation, inclusive
   */
  public record Criteria(String q, String email, Set<Stage> stages, String owner, String team, String channel,
      String campaign, LocalDate createdFrom, LocalDate createdTo, Order order, boolean descending, int page,
      int size) {
  }

  /** One lead of the list. */
  public record Row(UUID id, String name, String email, String company, Stage stage, Instant stageSince,
      Integer score, String team, String owner, String channel, String campaign, Instant createdAt) {
  }

  /**
   * A page of the list.
   *
   * @param total how many leads match, or at least how many when {@code totalExact} is false
   */
  public record Result(List<Row> rows, long total, boolean totalExact) {
  }

  private final NamedParameterJdbcTemplate jdbc;

  LeadSearch(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The words of a query as the search matches them: lower case, without punctuation. */
  public static List<String> words(String q) {
    if (q == null) {
      return List.of();
    }
    return Arrays.stream(WORD_SEPARATORS.split(q.toLowerCase(Locale.ROOT))).filter(word -> !word.isEmpty())
        .toList();
  }

  @Transactional(readOnly = true)
  public Result search(Criteria criteria, LeadAccess access) {
    MapSqlParameterSource parameters = new MapSqlParameterSource();
    String where = conditions(criteria, access, parameters);
    // a plan made for the query's actual words: a generic plan cannot tell a rare word from a common one
    jdbc.getJdbcTemplate().execute("set local plan_cache_mode = force_custom_plan");
    int offset = criteria.page() * criteria.size();
    parameters.addValue("limit", criteria.size()).addValue("offset", offset);
    String order = criteria.descending() ? criteria.order().descending : criteria.order().ascending;
    List<Row> rows = jdbc.query("""
        select l.id, l.first_name, l.last_name, l.email, l.company, l.stage, l.score, l.team, l.owner,
          l.source_channel, l.campaign, l.created_at
        from leadflow.lead l where %s
        order by %s, l.id limit :limit offset :offset""".formatted(where, order), parameters, LeadSearch::row);
    rows = withStageSince(rows);
    if (rows.size() < criteria.size() && (offset == 0 || !rows.isEmpty())) {
      return new Result(rows, offset + rows.size(), true);
    }
    int limit = Math.max(COUNT_LIMIT, offset + criteria.size());
    parameters.addValue("countLimit", limit + 1);
    String count = "select count(*) from (select 1 from leadflow.lead l where %s limit :countLimit) m";
    long counted = jdbc.queryForObject(count.formatted(where), parameters, Long.class);
    return new Result(rows, Math.min(counted, limit), counted <= limit);
  }

  private static String conditions(Criteria criteria, LeadAccess access, MapSqlParameterSource parameters) {
    List<String> conditions = new ArrayList<>();
    conditions.add("true");
    if (!access.readsAll()) {
      parameters.addValue("viewer", access.user());
      if (access.groups().isEmpty()) {
        conditions.add("l.owner = :viewer");
      } else {
        parameters.addValue("viewerTeams", access.groups());
        conditions.add("(l.owner = :viewer or (l.owner is null and l.team in (:viewerTeams)))");
      }
    }
    List<String> words = words(criteria.q());
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      parameters.addValue("word" + i, word.length() >= 3 ? "%" + word + "%" : "% " + word + "%");
      conditions.add("l.search_text like :word" + i);
    }
    equal(conditions, parameters, "l.email", "email",
        criteria.email() == null ? null : criteria.email().toLowerCase(Locale.ROOT));
    if (criteria.stages() != null && !criteria.stages().isEmpty()) {
      parameters.addValue("stages", criteria.stages().stream().map(Stage::name).toList());
      conditions.add("l.stage in (:stages)");
    }
    equal(conditions, parameters, "l.owner", "owner", criteria.owner());
    equal(conditions, parameters, "l.team", "team", criteria.team());
    equal(conditions, parameters, "l.source_channel", "channel", criteria.channel());
    equal(conditions, parameters, "l.campaign", "campaign", criteria.campaign());
    if (criteria.createdFrom() != null) {
      parameters.addValue("createdFrom", Timestamp.from(criteria.createdFrom().atStartOfDay(ZoneOffset.UTC)
          .toInstant()));
      conditions.add("l.created_at >= :createdFrom");
    }
    if (criteria.createdTo() != null) {
      parameters.addValue("createdBefore", Timestamp.from(criteria.createdTo().plusDays(1).atStartOfDay(ZoneOffset.UTC)
          .toInstant()));
      conditions.add("l.created_at < :createdBefore");
    }
    return String.join(" and ", conditions);
  }

  private static void equal(List<String> conditions, MapSqlParameterSource parameters, String column, String name,
      String value) {
    if (value != null && !value.isBlank()) {
      parameters.addValue(name, value);
      conditions.add(column + " = :" + name);
    }
  }

  /** The channels leads came from, for a pick list. */
  @Transactional(readOnly = true)
  public List<String> channels() {
    return distinct("source_channel");
  }

  /** The campaigns leads came from, for a pick list. */
  @Transactional(readOnly = true)
  public List<String> campaigns() {
    return distinct("campaign");
  }

  /**
   * The column's values, from its index one value after the other (PostgreSQL has no skip scan): as many index
   * lookups as there are values, however many leads there are.
   */
  private List<String> distinct(String column) {
    return jdbc.getJdbcTemplate().queryForList("""
        with recursive v (value) as (
          (select %1$s from leadflow.lead where %1$s is not null order by %1$s limit 1)
          union all
          select (select l.%1$s from leadflow.lead l where l.%1$s > v.value order by l.%1$s limit 1)
          from v where v.value is not null)
        select value from v where value is not null""".formatted(column), String.class);
  }

  /** When each lead entered its current stage: its last stage change. */
  private List<Row> withStageSince(List<Row> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    Map<UUID, Instant> since = new HashMap<>();
    jdbc.query("select lead_id, max(changed_at) as since from leadflow.lead_stage_change where lead_id in (:ids) "
        + "group by lead_id", Map.of("ids", rows.stream().map(Row::id).toList()),
        result -> {
          since.put(result.getObject("lead_id", UUID.class), result.getTimestamp("since").toInstant());
        });
    return rows.stream().map(row -> new Row(row.id(), row.name(), row.email(), row.company(), row.stage(),
        since.get(row.id()), row.score(), row.team(), row.owner(), row.channel(), row.campaign(), row.createdAt()))
        .toList();
  }

  private static Row row(ResultSet result, int index) throws SQLException {
    String first = result.getString("first_name");
    String last = result.getString("last_name");
    String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
    String stage = result.getString("stage");
    return new Row(result.getObject("id", UUID.class), name, result.getString("email"), result.getString("company"),
        stage == null ? null : Stage.valueOf(stage), null, (Integer) result.getObject("score"),
        result.getString("team"), result.getString("owner"), result.getString("source_channel"),
        result.getString("campaign"), result.getTimestamp("created_at").toInstant());
  }
}
