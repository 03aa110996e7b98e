package dev.planbridge.changefeed.history;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.feed.ChangeEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The history table. Plain JDBC: the writes are idempotent batch upserts ({@code ON CONFLICT (event_id) DO
 * NOTHING}) and the reads are filtered, keyset- or offset-paged selects, neither of which an ORM helps with.
 */
@ApplicationScoped
public class HistoryRepository {

    private static final String INSERT = """
            INSERT INTO feed_change (event_id, object, record_id, op, owner_id, territory_id, changed_fields, origin,
                                     last_modified_by_id, system_modstamp, published_at, payload)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (event_id) DO NOTHING""";

    private final DataSource dataSource;

    public HistoryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the events not stored yet; returns how many were new. */
    public int insert(List<ChangeEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(INSERT)) {
            connection.setAutoCommit(false);
            for (ChangeEvent event : events) {
                Map<String, Object> image = event.after() != null ? event.after() : event.before();
                statement.setString(1, event.eventId());
                statement.setString(2, event.object());
                statement.setString(3, event.id());
                statement.setString(4, event.op().code());
                statement.setString(5, ownerOf(image));
                statement.setString(6, territoryOf(event.object(), event.id(), image));
                Array fields = connection.createArrayOf("text", event.changedFields() == null
                        ? new String[0] : event.changedFields().toArray(String[]::new));
                statement.setArray(7, fields);
                statement.setString(8, event.source() == null ? "crm" : event.source().origin());
                statement.setString(9, event.source() == null ? null : event.source().lastModifiedById());
                Instant stamp = event.source() == null ? null : event.source().systemModstamp();
                statement.setTimestamp(10, stamp == null ? null : Timestamp.from(stamp));
                statement.setTimestamp(11, Timestamp.from(Instant.ofEpochMilli(event.tsMs())));
                statement.setString(12, ContractsJson.write(event));
                statement.addBatch();
            }
            int inserted = 0;
            for (int count : statement.executeBatch()) {
                inserted += Math.max(0, count);
            }
            connection.commit();
            return inserted;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store change events: " + e.getMessage(), e);
        }
    }

    /** One page in change order (SystemModstamp, then arrival), with the total count. */
    public Page find(FeedFilter filter, int page, int size) {
        List<Object> parameters = new ArrayList<>();
        String where = filter.where(parameters);
        List<StoredChange> items = new ArrayList<>();
        long total;
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement count = prepare(connection, "SELECT count(*) FROM feed_change WHERE " + where,
                    parameters)) {
                try (ResultSet result = count.executeQuery()) {
                    result.next();
                    total = result.getLong(1);
                }
            }
            List<Object> pageParameters = new ArrayList<>(parameters);
            pageParameters.add(size);
            pageParameters.add((long) page * size);
            try (PreparedStatement select = prepare(connection, "SELECT seq, payload FROM feed_change WHERE " + where
                    + " ORDER BY system_modstamp NULLS FIRST, seq LIMIT ? OFFSET ?", pageParameters);
                    ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    items.add(row(result));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the change history: " + e.getMessage(), e);
        }
        return new Page(items, page, size, total);
    }

    /** Changes stored after {@code seq} (arrival order), for the live stream. */
    public List<StoredChange> after(long seq, FeedFilter filter, int limit) {
        List<Object> parameters = new ArrayList<>();
        String where = filter.where(parameters);
        parameters.add(0, seq);
        parameters.add(limit);
        List<StoredChange> items = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(connection, "SELECT seq, payload FROM feed_change WHERE seq > ? AND "
                        + where + " ORDER BY seq LIMIT ?", parameters);
                ResultSet result = select.executeQuery()) {
            while (result.next()) {
                items.add(row(result));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the change history: " + e.getMessage(), e);
        }
        return items;
    }

    public long lastSeq() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT coalesce(max(seq), 0) FROM feed_change");
                ResultSet result = select.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the change history: " + e.getMessage(), e);
        }
    }

    /** Deletes changes received before the cut-off; returns how many. */
    public int deleteReceivedBefore(Instant cutOff) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM feed_change WHERE received_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(cutOff));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot apply the history retention: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof String[] array) {
                statement.setArray(i + 1, connection.createArrayOf("text", array));
            } else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }

    private static StoredChange row(ResultSet result) throws SQLException {
        return new StoredChange(result.getLong(1), ContractsJson.read(result.getString(2), ChangeEvent.class));
    }

    static String ownerOf(Map<String, Object> image) {
        if (image == null) {
            return null;
        }
        for (String field : List.of("OwnerId", "QuotaOwnerId", "UserId")) {
            if (image.get(field) instanceof String owner) {
                return owner;
            }
        }
        return null;
    }

    static String territoryOf(String object, String id, Map<String, Object> image) {
        if ("Territory2".equalsIgnoreCase(object)) {
            return id;
        }
        return image != null && image.get("Territory2Id") instanceof String territory ? territory : null;
    }

    /** A page of history. */
    public record Page(List<StoredChange> items, int page, int size, long total) {
    }
}
