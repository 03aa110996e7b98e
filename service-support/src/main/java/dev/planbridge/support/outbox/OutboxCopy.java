package dev.planbridge.support.outbox;

import dev.planbridge.contracts.ContractsJson;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Adds many outbox rows at once with PostgreSQL's {@code COPY}, on the caller's connection and inside its transaction
 * (the bulk form of {@link Outbox#add}). The caller makes sure an event is added once: {@code COPY} has no
 * {@code ON CONFLICT}, and a repeated event id fails the whole chunk rather than being skipped silently.
 */
public final class OutboxCopy {

    /** One event: {@code key} is the Kafka key (the aggregate's id). */
    public record Row(UUID eventId, String aggregateType, String key, String type, String topic, Object event) {
    }

    private OutboxCopy() {
    }

    public static void copy(Connection connection, List<Row> rows, Instant createdAt) throws SQLException, IOException {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder data = new StringBuilder(rows.size() * 512);
        String created = createdAt.toString();
        for (Row row : rows) {
            CopyText.row(data, row.eventId().toString(), row.aggregateType(), row.key(), row.type(), row.topic(),
                    ContractsJson.write(row.event()), created);
        }
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY outbox_event (id, aggregatetype, aggregateid, type, topic, payload, created_at) FROM STDIN",
                new StringReader(data.toString()));
    }

    /** PostgreSQL's COPY text format: tab-separated, {@code \N} for null, backslash escapes. */
    public static final class CopyText {

        private CopyText() {
        }

        public static void row(StringBuilder out, String... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.append('\t');
                }
                field(out, values[i]);
            }
            out.append('\n');
        }

        static void field(StringBuilder out, String value) {
            if (value == null) {
                out.append("\\N");
                return;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
        }
    }
}
