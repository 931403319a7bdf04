package io.leadflow.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the dashboard's filters offer: the teams, reps, segments, channels and campaigns that exist, so that a manager
 * picks "Sales EMEA" rather than guessing that the team is called {@code sales-emea}. The values the leads carry are
 * read from their indexes one distinct value at a time, which costs the same on a thousand leads and on millions.
 */
@Service
@Transactional(readOnly = true)
class FilterChoices {

  /** A value a filter takes and how it is shown. */
  record Choice(String value, String label) {
  }

  /** The teams with their reps, and the values of the leads' other attributes. */
  record Choices(List<Team> teams, List<Choice> segments, List<Choice> channels, List<Choice> campaigns) {
  }

  /** A team and its reps, as the rep pick list groups them. */
  record Team(String value, String label, List<Choice> reps) {
  }

  private final JdbcTemplate jdbc;

  FilterChoices(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Choices choices() {
    Map<String, Team> teams = new LinkedHashMap<>();
    jdbc.query("select id, name from leadflow.sales_team order by name", row -> {
      teams.put(row.getString("id"), new Team(row.getString("id"), row.getString("name"), new ArrayList<>()));
    });
    // a team or rep that leads still name after the organisation changed stays a choice
    for (String team : distinct("team")) {
      teams.computeIfAbsent(team, id -> new Team(id, id, new ArrayList<>()));
    }
    Map<String, String> repTeams = new LinkedHashMap<>();
    jdbc.query("select user_id, display_name, team_id from leadflow.sales_rep order by display_name", row -> {
      teams.get(row.getString("team_id")).reps().add(new Choice(row.getString("user_id"),
          row.getString("display_name")));
      repTeams.put(row.getString("user_id"), row.getString("team_id"));
    });
    List<Choice> formerReps = distinct("owner").stream().filter(owner -> !repTeams.containsKey(owner))
        .map(owner -> new Choice(owner, owner)).toList();
    List<Team> grouped = new ArrayList<>(teams.values());
    if (!formerReps.isEmpty()) {
      grouped.add(new Team(null, "No longer reps", formerReps));
    }
    TreeSet<String> campaigns = new TreeSet<>(distinct("campaign"));
    campaigns.addAll(jdbc.queryForList("select distinct campaign from leadflow.campaign_cost", String.class));
    return new Choices(grouped, distinct("segment").stream().map(value -> new Choice(value, label(value))).toList(),
        distinct("source_channel").stream().map(value -> new Choice(value, label(value))).toList(),
        campaigns.stream().map(value -> new Choice(value, value)).toList());
  }

  /**
   * The distinct values of an indexed column of the leads, in order: each step asks the index for the next value
   * after the last one, instead of reading every lead.
   */
  private List<String> distinct(String column) {
    return jdbc.queryForList("""
        with recursive v(value) as (
          (select min(%1$s) from leadflow.lead)
          union all
          select (select min(%1$s) from leadflow.lead where %1$s > v.value) from v where v.value is not null)
        select value from v where value is not null""".formatted(column), String.class);
  }

  /** {@code MID_MARKET} as "Mid market", {@code web-form} as "Web form"; short codes such as SMB as they are. */
  static String label(String value) {
    if (value.length() <= 3) {
      return value;
    }
    String words = value.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
