package dev.planbridge.sync.push;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.Topics;
import dev.planbridge.contracts.sync.SyncConflict;
import dev.planbridge.sync.domain.FieldConflict;
import dev.planbridge.sync.domain.PlanIssue;
import dev.planbridge.sync.domain.PlannedOperation;
import dev.planbridge.sync.domain.PushPlan;
import dev.planbridge.support.outbox.OutboxCopy;
import dev.planbridge.support.outbox.OutboxCopy.CopyText;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Stores a push's plan in the ledger in chunks of at most {@code chunkSize} rows, each in its own committed
 * transaction, so no transaction grows with the size of the push (issue 25: 20,000 conflicts in one transaction
 * outlived the transaction timeout at every attempt). Two phases, both resumable:
 * <ol>
 *   <li>{@link #saveRows}: operation rows and conflict rows by {@code COPY}, then the push's plan header and
 *       {@code plan_saved_at}. Rows of a push without {@code plan_saved_at} are leftovers of an interrupted save
 *       and are deleted (in chunks) before a new save, so a resumed save neither loses nor doubles a row. No event
 *       is queued in this phase, so nothing of a plan that is later discarded is ever published.</li>
 *   <li>{@link #queueEvents}: the stored conflicts' {@code SyncConflict} events into the outbox, in conflict id
 *       order from the push's {@code events_cursor}, which moves in the same transaction as the chunk: each event is
 *       queued exactly once. The last chunk's transaction moves the push to {@code WRITING}.</li>
 * </ol>
 * Plain JDBC on the caller's transactions ({@link Transactions}), so the benchmark runs it without Quarkus.
 */
public final class PlanSaver {

    /** Runs work in a new transaction that commits when it returns. */
    public interface Transactions {
        <T> T inNew(Work<T> work);
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    /** Told after each committed chunk (the engine renews its lease there; tests stop the save there). */
    @FunctionalInterface
    public interface ChunkListener {
        void committed(String part, int chunk, int rows);
    }

    /** What the push row gets with its saved plan. */
    public record Header(Long planVersion, String checksum, Map<String, Object> report, long apiCalls,
                         Map<String, String> refs) {
    }

    public static final String DISCARD = "discard";
    public static final String OPERATIONS = "operations";
    public static final String CONFLICTS = "conflicts";
    public static final String EVENTS = "events";

    /** push_operation_seq increments by 200: a value v stands for the ids v-199..v (as Hibernate's pooled optimizer reads it). */
    private static final int ID_BLOCK = 200;
    /** Below every uuid in PostgreSQL's (bytewise) order. */
    private static final UUID FIRST = new UUID(0, 0);

    private final Transactions transactions;
    private final int chunkSize;

    public PlanSaver(Transactions transactions, int chunkSize) {
        if (chunkSize < 1 || chunkSize > 100_000) {
            throw new IllegalArgumentException("sync.ledger.chunk-size must be between 1 and 100000, was " + chunkSize);
        }
        this.transactions = transactions;
        this.chunkSize = chunkSize;
    }

    /** Phase 1: deletes what an interrupted save left, then stores the plan's rows chunk by chunk. */
    public void saveRows(UUID pushId, PushPlan plan, Map<String, String> userNames, Header header, ChunkListener listener) {
        int discarded = 0;
        int deleted;
        do {
            deleted = transactions.inNew(c -> discardChunk(c, pushId));
            if (deleted > 0) {
                listener.committed(DISCARD, ++discarded, deleted);
            }
        } while (deleted > 0);
        Instant now = Instant.now();
        List<OperationRow> operations = operationRows(plan);
        int chunk = 0;
        for (int from = 0; from < operations.size(); from += chunkSize) {
            List<OperationRow> part = operations.subList(from, Math.min(from + chunkSize, operations.size()));
            transactions.inNew(c -> copyOperations(c, pushId, part, now));
            listener.committed(OPERATIONS, ++chunk, part.size());
        }
        List<PushPlan.Conflict> conflicts = plan.conflicts();
        chunk = 0;
        for (int from = 0; from < conflicts.size(); from += chunkSize) {
            List<PushPlan.Conflict> part = conflicts.subList(from, Math.min(from + chunkSize, conflicts.size()));
            transactions.inNew(c -> copyConflicts(c, pushId, part, userNames));
            listener.committed(CONFLICTS, ++chunk, part.size());
        }
        transactions.inNew(c -> saveHeader(c, pushId, header));
    }

    /** Phase 2: queues the stored conflicts' events from where an earlier run stopped; the push ends up WRITING. */
    public void queueEvents(UUID pushId, ChunkListener listener) {
        int chunk = 0;
        int queued;
        do {
            queued = transactions.inNew(c -> queueChunk(c, pushId));
            listener.committed(EVENTS, ++chunk, queued);
        } while (queued == chunkSize);
    }

    private int discardChunk(Connection c, UUID pushId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT plan_saved_at FROM push WHERE id = ? FOR UPDATE")) {
            lock.setObject(1, pushId);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("Push " + pushId + " does not exist");
                }
                if (rs.getTimestamp(1) != null) {
                    throw new IllegalStateException("Push " + pushId + " has a saved plan; it is never saved twice");
                }
            }
        }
        int deleted = 0;
        for (String table : List.of("push_operation", "push_conflict")) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE id IN (SELECT id FROM "
                    + table + " WHERE push_id = ? LIMIT ?)")) {
                delete.setObject(1, pushId);
                delete.setInt(2, chunkSize);
                deleted += delete.executeUpdate();
            }
        }
        if (deleted == 0) {
            try (PreparedStatement refs = c.prepareStatement("DELETE FROM push_ref WHERE push_id = ?");
                 PreparedStatement cursor = c.prepareStatement("UPDATE push SET events_cursor = NULL WHERE id = ?")) {
                refs.setObject(1, pushId);
                refs.executeUpdate();
                cursor.setObject(1, pushId);
                cursor.executeUpdate();
            }
        }
        return deleted;
    }

    /** A row of push_operation: a planned write, a skipped bad record or a held record. */
    private record OperationRow(int stage, String object, String naturalKey, String op, String recordId,
                                Map<String, String> desired, Map<String, String> before, String status,
                                String errorCode, String error) {
    }

    static final String HELD = "held: the CRM changed it since the baseline";

    private static List<OperationRow> operationRows(PushPlan plan) {
        List<OperationRow> rows = new ArrayList<>(plan.operations().size() + plan.issues().size() + plan.conflicts().size());
        for (PlannedOperation op : plan.operations()) {
            rows.add(new OperationRow(op.stage(), op.object().apiName(), op.naturalKey(), op.op().name(), op.recordId(),
                    op.values(), op.before(), PushOperation.Status.PENDING.name(), null, null));
        }
        for (PlanIssue issue : plan.issues()) {
            rows.add(new OperationRow(0, issue.object().apiName(), issue.naturalKey(), PushOperation.NONE, null, Map.of(),
                    null, PushOperation.Status.SKIPPED.name(), "INVALID_PLAN_RECORD", issue.reason()));
        }
        Set<String> held = new HashSet<>();
        for (PushPlan.Conflict conflict : plan.conflicts()) {
            if (conflict.held() && held.add(conflict.object().apiName() + "|" + conflict.naturalKey())) {
                rows.add(new OperationRow(0, conflict.object().apiName(), conflict.naturalKey(), PushOperation.NONE,
                        conflict.recordId(), Map.of(), null, PushOperation.Status.CONFLICT.name(), "CONFLICT", HELD));
            }
        }
        return rows;
    }

    private static Void copyOperations(Connection c, UUID pushId, List<OperationRow> rows, Instant now)
            throws SQLException, IOException {
        List<Long> ids = reserveIds(c, rows.size());
        StringBuilder data = new StringBuilder(rows.size() * 256);
        String push = pushId.toString();
        String updated = now.toString();
        for (int i = 0; i < rows.size(); i++) {
            OperationRow row = rows.get(i);
            CopyText.row(data, Long.toString(ids.get(i)), push, Integer.toString(row.stage()), row.object(),
                    row.naturalKey(), row.op(), row.recordId(), json(row.desired()), json(row.before()), row.status(),
                    row.errorCode(), row.error(), updated);
        }
        copy(c, "COPY push_operation (id, push_id, stage, object, natural_key, op, record_id, desired, before, status, "
                + "error_code, error, updated_at) FROM STDIN", data);
        return null;
    }

    /** A held or skipped record's row has no values: spare the serializer the most common case. */
    private static String json(Map<String, String> values) {
        return values == null ? null : values.isEmpty() ? "{}" : ContractsJson.write(values);
    }

    private static List<Long> reserveIds(Connection c, int count) throws SQLException {
        List<Long> ids = new ArrayList<>(count);
        try (PreparedStatement next = c.prepareStatement("SELECT nextval('push_operation_seq') FROM generate_series(1, ?)")) {
            next.setInt(1, count / ID_BLOCK + 2);
            try (ResultSet rs = next.executeQuery()) {
                while (rs.next() && ids.size() < count) {
                    long high = rs.getLong(1);
                    if (high < ID_BLOCK) {
                        continue; // the sequence's first value: Hibernate's pooled optimizer reads it differently
                    }
                    for (long id = high - ID_BLOCK + 1; id <= high && ids.size() < count; id++) {
                        ids.add(id);
                    }
                }
            }
        }
        if (ids.size() < count) {
            throw new IllegalStateException("push_operation_seq gave too few ids");
        }
        return ids;
    }

    private static Void copyConflicts(Connection c, UUID pushId, List<PushPlan.Conflict> conflicts,
                                      Map<String, String> userNames) throws SQLException, IOException {
        StringBuilder data = new StringBuilder(conflicts.size() * 256);
        String push = pushId.toString();
        for (PushPlan.Conflict conflict : conflicts) {
            FieldConflict field = conflict.field();
            CopyText.row(data, UUID.randomUUID().toString(), push, conflict.object().apiName(), conflict.naturalKey(),
                    conflict.recordId(), field.field(), field.baseValue(), field.planValue(), field.crmValue(),
                    field.changedById(), field.changedById() == null ? null : userNames.get(field.changedById()),
                    field.changedAt() == null ? null : field.changedAt().toString(), field.policy().name(),
                    Boolean.toString(conflict.held()));
        }
        copy(c, "COPY push_conflict (id, push_id, object, natural_key, record_id, field, base_value, plan_value, "
                + "crm_value, changed_by_id, changed_by_name, changed_at, policy, held) FROM STDIN", data);
        return null;
    }

    private static Void saveHeader(Connection c, UUID pushId, Header header) throws SQLException {
        try (PreparedStatement ref = c.prepareStatement(
                "INSERT INTO push_ref (push_id, object, natural_key, sf_id) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, String> entry : header.refs().entrySet()) {
                int bar = entry.getKey().indexOf('|');
                ref.setObject(1, pushId);
                ref.setString(2, entry.getKey().substring(0, bar));
                ref.setString(3, entry.getKey().substring(bar + 1));
                ref.setString(4, entry.getValue());
                ref.addBatch();
            }
            ref.executeBatch();
        }
        try (PreparedStatement push = c.prepareStatement("""
                UPDATE push SET plan_version = ?, plan_checksum = ?, report = CAST(? AS jsonb),
                       api_calls = api_calls + ?, plan_saved_at = now(), events_cursor = NULL
                 WHERE id = ? AND plan_saved_at IS NULL""")) {
            if (header.planVersion() == null) {
                push.setNull(1, java.sql.Types.BIGINT);
            } else {
                push.setLong(1, header.planVersion());
            }
            push.setString(2, header.checksum());
            push.setString(3, ContractsJson.write(header.report()));
            push.setLong(4, header.apiCalls());
            push.setObject(5, pushId);
            if (push.executeUpdate() != 1) {
                throw new IllegalStateException("Push " + pushId + " is gone or has a saved plan already");
            }
        }
        return null;
    }

    private int queueChunk(Connection c, UUID pushId) throws SQLException, IOException {
        String planId;
        UUID cursor;
        try (PreparedStatement lock = c.prepareStatement(
                "SELECT plan_id, events_cursor, plan_saved_at FROM push WHERE id = ? FOR UPDATE")) {
            lock.setObject(1, pushId);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next() || rs.getTimestamp(3) == null) {
                    throw new IllegalStateException("Push " + pushId + " has no saved plan to queue events for");
                }
                planId = rs.getString(1);
                cursor = (UUID) rs.getObject(2);
            }
        }
        List<OutboxCopy.Row> events = new ArrayList<>();
        UUID last = cursor;
        try (PreparedStatement select = c.prepareStatement("""
                SELECT id, object, natural_key, record_id, field, base_value, plan_value, crm_value, changed_by_id,
                       changed_by_name, changed_at
                  FROM push_conflict WHERE push_id = ? AND id > ? ORDER BY id LIMIT ?""")) {
            select.setObject(1, pushId);
            select.setObject(2, cursor == null ? FIRST : cursor);
            select.setInt(3, chunkSize);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    last = (UUID) rs.getObject(1);
                    Timestamp changedAt = rs.getTimestamp(11);
                    SyncConflict event = new SyncConflict(SyncConflict.SCHEMA_VERSION, last.toString(), pushId.toString(),
                            planId, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                            changedAt == null ? null : changedAt.toInstant());
                    events.add(new OutboxCopy.Row(last, "push", pushId.toString(), "SyncConflict", Topics.SYNC_CONFLICTS,
                            event));
                }
            }
        }
        OutboxCopy.copy(c, events, Instant.now());
        String done = events.size() == chunkSize ? "" : """
                , status = 'WRITING', error = NULL, not_before = NULL, failed_step = NULL, step_failures = 0""";
        try (PreparedStatement update = c.prepareStatement("UPDATE push SET events_cursor = ?" + done + " WHERE id = ?")) {
            update.setObject(1, last);
            update.setObject(2, pushId);
            update.executeUpdate();
        }
        return events.size();
    }

    private static void copy(Connection c, String sql, StringBuilder data) throws SQLException, IOException {
        c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(data.toString()));
    }
}
