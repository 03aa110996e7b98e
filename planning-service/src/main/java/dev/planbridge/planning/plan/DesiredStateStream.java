package dev.planbridge.planning.plan;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Streams a plan's desired state from one read-only REPEATABLE READ transaction, so the checksum pass and the
 * write pass see the same data even while planners keep editing.
 */
@ApplicationScoped
public class DesiredStateStream {

    private final AgroalDataSource dataSource;
    private final DesiredStateWriter writer;

    public DesiredStateStream(AgroalDataSource dataSource, DesiredStateWriter writer) {
        this.dataSource = dataSource;
        this.writer = writer;
    }

    public StreamingOutput stream(DesiredStateWriter.PlanSnapshot plan, boolean contentFrozen) {
        return output -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
                try {
                    // approved plans cannot change, so their stored checksum is the checksum of this content
                    String checksum = contentFrozen && plan.checksum() != null ? plan.checksum()
                            : writer.checksum(c, plan);
                    BufferedOutputStream buffered = new BufferedOutputStream(output, 64 * 1024);
                    writer.write(c, plan, checksum, buffered);
                    buffered.flush();
                } finally {
                    c.rollback();
                    c.setReadOnly(false);
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new IOException("Cannot read the plan's desired state", e);
            }
        };
    }
}
