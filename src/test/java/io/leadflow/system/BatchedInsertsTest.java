package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.ProcessTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The application's connections send a batch of inserts as one multi-row INSERT (reWriteBatchedInserts). */
@ProcessTest
class BatchedInsertsTest {

  @Autowired DataSource dataSource;

  @Test
  void shouldSendABatchOfInsertsAsOneMultiRowInsert() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      try (Statement ddl = connection.createStatement()) {
        ddl.execute("create temporary table batched (n int)");
      }
      int[] counts;
      try (PreparedStatement insert = connection.prepareStatement("insert into batched (n) values (?)")) {
        for (int n = 1; n <= 4; n++) {
          insert.setInt(1, n);
          insert.addBatch();
        }
        counts = insert.executeBatch();
      }

      // a rewritten batch (in chunks of a power of two rows) cannot say how many rows each insert added; a batch
      // sent row by row says 1 each
      assertThat(counts).containsOnly(Statement.SUCCESS_NO_INFO);
      try (Statement query = connection.createStatement();
          ResultSet rows = query.executeQuery("select count(*) from batched")) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(4);
      }
      try (Statement ddl = connection.createStatement()) {
        ddl.execute("drop table batched");
      }
    }
  }
}
