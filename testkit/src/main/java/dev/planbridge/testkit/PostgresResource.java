package dev.planbridge.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A fresh database on the shared embedded PostgreSQL for each Quarkus application boot. Attach with
 * {@code @WithTestResource(PostgresResource.class)}; Flyway (if present) migrates it at start.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private String prefix = "test";

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("database-prefix", prefix);
    }

    @Override
    public Map<String, String> start() {
        PostgresServer.Database db = PostgresServer.newDatabase(prefix);
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.username(),
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
        // the database is dropped with the server when the JVM ends; each boot gets a new one anyway
    }
}
