package io.leadflow;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Simulates a node that dies after a step called the outside world but before its transaction committed: a deferred
 * PostgreSQL constraint trigger on a table the step writes to makes the next commit that inserts there fail.
 */
public final class CrashBeforeCommit implements AutoCloseable {

  private final JdbcTemplate jdbc;
  private final String table;
  private final String name = "crash_" + UUID.randomUUID().toString().replace("-", "");

  private CrashBeforeCommit(JdbcTemplate jdbc, String table) {
    this.jdbc = jdbc;
    this.table = table;
    jdbc.execute("create function leadflow." + name + "() returns trigger language plpgsql as $$ begin "
        + "raise exception 'simulated crash before commit'; end $$");
    jdbc.execute("create constraint trigger " + name + " after insert on " + table
        + " deferrable initially deferred for each row execute function leadflow." + name + "()");
  }

  /** The next commit that inserts into the table (e.g. {@code leadflow.lead_activity}) fails. */
  public static CrashBeforeCommit onInsertInto(JdbcTemplate jdbc, String table) {
    return new CrashBeforeCommit(jdbc, table);
  }

  @Override
  public void close() {
    jdbc.execute("drop trigger " + name + " on " + table);
    jdbc.execute("drop function leadflow." + name + "()");
  }
}
