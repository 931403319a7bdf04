package io.leadflow.system;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The PostgreSQL server Leadflow starts for itself when no {@code spring.datasource.url} is configured.
 *
 * @param dataDirectory where the database files live; kept across restarts
 * @param port TCP port on localhost, 0 for any free port
 * @param database the database Leadflow uses inside the server
 * @param durable fsync and synchronous commit on, as for any real data; only tests switch it off for speed
 * @param ephemeral delete the data directory on shutdown (tests)
 */
@ConfigurationProperties("leadflow.embedded-postgres")
public record EmbeddedPostgresProperties(
    @DefaultValue("data/postgres") Path dataDirectory,
    @DefaultValue("0") int port,
    @DefaultValue("leadflow") String database,
    @DefaultValue("true") boolean durable,
    @DefaultValue("false") boolean ephemeral) {
}
