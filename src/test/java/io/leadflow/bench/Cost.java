package io.leadflow.bench;

import io.leadflow.reliability.PackagedApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a stretch of work cost (a burst of leads, from its first POST until its last job ran; a timer storm, until
 * its last escalation's jobs ran): the node's and PostgreSQL's CPU time and the SQL statements (pg_stat_statements;
 * the benchmark's own few hundred polls among them), per unit of work. The statements that took the most time and
 * those run most often go to {@code target/bench/<benchmark>-statements.txt}.
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

  /**
   * How busy the machine's cores were since counting started: the node's and PostgreSQL's CPU time over the wall time
   * of all cores (the benchmark's own clients not counted). Near 100 % the requests wait for a core.
   */
  void busy(String what, double wallSeconds, Figures figures) throws IOException {
    double cpu = Machine.cpuSeconds(node.pid()) - nodeCpu + Machine.postgresCpuSeconds(postmaster) - postgresCpu;
    figures.add("CPU busy (node and PostgreSQL) during " + what,
        cpu * 100 / (wallSeconds * Runtime.getRuntime().availableProcessors()), "%");
  }

  /**
   * Adds the node's and PostgreSQL's CPU per unit of work; answers the SQL statements per unit, for the caller to
   * hold against its target.
   *
   * @param unit what was counted, such as "lead" or "escalation"
   */
  double per(String unit, int count, Figures figures) throws IOException {
    figures.add("node CPU per " + unit, (Machine.cpuSeconds(node.pid()) - nodeCpu) * 1000 / count, "ms");
    figures.add("PostgreSQL CPU per " + unit,
        (Machine.postgresCpuSeconds(postmaster) - postgresCpu) * 1000 / count, "ms");
    Long statements = jdbc.queryForObject("select sum(calls) from pg_stat_statements", Long.class);
    List<String> top = new ArrayList<>(List.of("-- the 25 statements that took longest (waiting for locks included)"));
    top.addAll(statements("total_exec_time"));
    top.add("-- the 25 statements run most often");
    top.addAll(statements("calls"));
    Path file = Path.of("target", "bench", figures.benchmark() + "-statements.txt");
    Files.createDirectories(file.getParent());
    Files.write(file, top);
    return statements == null ? Double.NaN : statements / (double) count;
  }

  private List<String> statements(String orderBy) {
    return jdbc.query("""
        select calls, round(total_exec_time) as ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query
        from pg_stat_statements order by %s desc limit 25""".formatted(orderBy),
        (row, n) -> String.format("%8d calls %7d ms  %s", row.getLong("calls"), row.getLong("ms"),
            row.getString("query")));
  }
}
