package dev.planbridge.sync.it;

import dev.planbridge.sync.push.PlanChunkSaved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * Stops a plan save between two committed chunks, as a crash would: tests arm it for a plan and a chunk; the push's
 * run ends there with an exception and resumes on a later run. Records what the ledger held at each stop.
 */
@ApplicationScoped
public class SaveCrashes {

    /** What was committed when the save was stopped. */
    record Crash(String planId, String part, int chunk, long conflictRows, long operationRows, long conflictEvents) {
    }

    private record Armed(String part, int chunk, boolean always) {
    }

    private static final Map<String, List<Armed>> ARMED = new ConcurrentHashMap<>();
    static final List<Crash> CRASHES = new CopyOnWriteArrayList<>();

    private final DataSource dataSource;

    public SaveCrashes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stops the next save of {@code planId} after chunk {@code chunk} of {@code part}: once, or at every attempt. */
    static void arm(String planId, String part, int chunk, boolean always) {
        ARMED.computeIfAbsent(planId, k -> new CopyOnWriteArrayList<>()).add(new Armed(part, chunk, always));
    }

    static List<Crash> of(String planId) {
        return CRASHES.stream().filter(c -> c.planId().equals(planId)).toList();
    }

    void onChunk(@Observes PlanChunkSaved saved) throws SQLException {
        List<Armed> armed = ARMED.getOrDefault(saved.planId(), List.of());
        for (Armed a : armed) {
            if (a.part().equals(saved.part()) && a.chunk() == saved.chunk()) {
                if (!a.always()) {
                    armed.remove(a);
                }
                CRASHES.add(new Crash(saved.planId(), saved.part(), saved.chunk(),
                        count("SELECT count(*) FROM push_conflict WHERE push_id = ?", saved),
                        count("SELECT count(*) FROM push_operation WHERE push_id = ?", saved),
                        count("SELECT count(*) FROM outbox_event WHERE type = 'SyncConflict' AND aggregateid = CAST(? AS text)",
                                saved)));
                throw new IllegalStateException("simulated crash after " + saved.part() + " chunk " + saved.chunk());
            }
        }
    }

    private long count(String sql, PlanChunkSaved saved) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, saved.pushId());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
