package io.leadflow.bench;

import io.leadflow.reliability.PackagedApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a burst of leads cost, from its first POST until its last job ran: the node's and PostgreSQL's CPU time and
 * the SQL statements (pg_stat_statements; the benchmark's own few hundred polls for due jobs among them), per lead.
 * The statements that took the most time go to {@code target/bench/intake-statements.txt}.
 */
final class Cost {

  private final PackagedApp node;
  private final JdbcTemplate jdbc;
  private final double nodeCpu;
  private final long postmaster;
  private final double postgresCpu;

  private Cost(PackagedApp node, JdbcTemplate jdbc) throws IOException {
    this.node = node;
    this.jdbc = jdbc;
    jdbc.execute("create extension if not exists pg_stat_statements");
    jdbc.queryForList("select pg_stat_statements_reset()");
    nodeCpu = Machine.cpuSeconds(node.pid());
    // the checkpointer lives as long as the server, unlike the backend of a query
    postmaster = Machine.parentPid(jdbc.queryForObject(
        "select pid from pg_stat_activity where backend_type = 'checkpointer'", Long.class));
    postgresCpu = Machine.postgresCpuSeconds(postmaster);
  }

  /** Resets the statement counts and notes the CPU time used so far. */
  static Cost startCounting(PackagedApp node, JdbcTemplate jdbc) throws IOException {
    return new Cost(node, jdbc);
  }

  void perLead(int leads, Figures figures) throws IOException {
    figures.add("node CPU per lead", (Machine.cpuSeconds(node.pid()) - nodeCpu) * 1000 / leads, "ms");
    figures.add("PostgreSQL CPU per lead", (Machine.postgresCpuSeconds(postmaster) - postgresCpu) * 1000 / leads,
        "ms");
    Long statements = jdbc.queryForObject("select sum(calls) from pg_stat_statements", Long.class);
    figures.add("SQL statements per lead", statements == null ? Double.NaN : statements / (double) leads, "");
    List<String> top = jdbc.query("""
        select calls, round(total_exec_time) as ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query
        from pg_stat_statements order by total_exec_time desc limit 25""",
        (row, n) -> String.format("%8d calls %7d ms  %s", row.getLong("calls"), row.getLong("ms"),
            row.getString("query")));
    Path file = Path.of("target", "bench", "intake-statements.txt");
    Files.createDirectories(file.getParent());
    Files.write(file, top);
  }
}
