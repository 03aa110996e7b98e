package dev.planbridge.sync.push;

import dev.planbridge.sync.SyncConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The chunks of a plan save as JTA transactions of their own, each with {@code sync.ledger.chunk-timeout}. */
@ApplicationScoped
class JtaChunkTransactions implements PlanSaver.Transactions {

    private final DataSource dataSource;
    private final SyncConfig config;

    JtaChunkTransactions(DataSource dataSource, SyncConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Override
    public <T> T inNew(PlanSaver.Work<T> work) {
        int timeout = (int) Math.max(1, config.ledger().chunkTimeout().toSeconds());
        return QuarkusTransaction.requiringNew().timeout(timeout).call(() -> {
            // The connection is enlisted in the transaction; closing it hands it back, the commit comes after.
            try (Connection connection = dataSource.getConnection()) {
                return work.run(connection);
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("Storing the plan failed: " + e.getMessage(), e);
            }
        });
    }
}
