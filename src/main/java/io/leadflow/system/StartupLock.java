package io.leadflow.system;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Several Leadflow nodes may start at once on one database, even an empty one. Flyway locks its own migrations and
 * Camunda locks its deployments, but Camunda's schema creation and Leadflow's seeding are not safe against a second
 * node doing the same at the same moment. So a node holds a PostgreSQL advisory lock from the moment it has a
 * database until it is ready: nodes start one after the other, each in a few seconds.
 */
@Component
class StartupLock implements BeanPostProcessor, ApplicationListener<ApplicationReadyEvent>, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(StartupLock.class);
  private static final long LOCK = 0x1EADF1065747L;

  private Connection holder;

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource dataSource && holder == null) {
      acquire(dataSource);
    }
    return bean;
  }

  private void acquire(DataSource dataSource) {
    try {
      holder = dataSource.getConnection();
      holder.setAutoCommit(true);
      LOG.info("Taking the start-up lock: another node starting on this database goes first");
      try (var statement = holder.createStatement()) {
        statement.execute("select pg_advisory_lock(" + LOCK + ")");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the start-up lock on the database", e);
    }
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    release();
  }

  @Override
  public void destroy() {
    release();
  }

  private synchronized void release() {
    if (holder == null) {
      return;
    }
    try (Connection connection = holder; var statement = connection.createStatement()) {
      // the pool keeps the session open: unlock explicitly (a node that dies releases it with its session)
      statement.execute("select pg_advisory_unlock(" + LOCK + ")");
    } catch (SQLException e) {
      LOG.warn("Could not release the start-up lock", e);
    } finally {
      holder = null;
    }
  }
}
