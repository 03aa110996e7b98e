package dev.planbridge.sync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.planbridge.contracts.plan.PlanElement;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.sync.domain.Batches;
import dev.planbridge.sync.domain.BatchExecutor;
import dev.planbridge.sync.domain.ConflictPolicies;
import dev.planbridge.sync.domain.CrmGateway;
import dev.planbridge.sync.domain.CrmSnapshot;
import dev.planbridge.sync.domain.DesiredPlan;
import dev.planbridge.sync.domain.OperationPlanner;
import dev.planbridge.sync.domain.PlannedOperation;
import dev.planbridge.sync.domain.PushOptions;
import dev.planbridge.sync.domain.PushPlan;
import dev.planbridge.sync.domain.SnapshotReader;
import dev.planbridge.salesforce.Soql;
import dev.planbridge.sync.push.PlanSaver;
import dev.planbridge.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * The conflict part of {@link SyncBenchmark} (issue 25): the service's plan pipeline with its real ledger save
 * ({@link PlanSaver}: chunks, COPY, outbox events) into an embedded PostgreSQL migrated by the service's own Flyway
 * scripts, one committed transaction per chunk as in the service.
 * <ol>
 *   <li>plan-and-save of a push where every account of the org is a conflict (an admin changed every owner after
 *       the baseline), FLAG: CRM read, planning, saving the rows, queueing the events, each timed;</li>
 *   <li>the whole push of 20,000 accounts whose owner the admin changed (20,000 PLAN_WINS conflicts) vs the same push
 *       of 20,000 other accounts without conflicts: read, plan, save, queue events and write (4 lanes; the outcomes
 *       of the calls are kept in memory, as in the rest of the benchmark).</li>
 * </ol>
 */
final class ConflictBenchmark {

    private final SyncBenchmark bench;
    private final SalesforceEmulator emulator;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final int chunkSize = Integer.getInteger("bench.chunk-size", 5000);

    ConflictBenchmark(SyncBenchmark bench, SalesforceEmulator emulator) {
        this.bench = bench;
        this.emulator = emulator;
        PostgresServer.Database db = PostgresServer.newDatabase("bench");
        this.jdbcUrl = db.jdbcUrl();
        this.user = db.username();
        this.password = db.password();
        Flyway.configure().dataSource(jdbcUrl, user, password).locations("classpath:db/migration").load().migrate();
    }

    record Timing(double readSeconds, double planSeconds, double saveSeconds, double eventSeconds, double writeSeconds,
                  long conflicts, long writes, long writeCalls, double planAndSaveCpuSeconds,
                  double databaseCpuSeconds) {
        double planAndSave() {
            return planSeconds + saveSeconds + eventSeconds;
        }

        double total() {
            return readSeconds + planAndSave() + writeSeconds;
        }

        @Override
        public String toString() {
            return String.format("read CRM %.1f s, plan %.1f s, save rows %.1f s, queue events %.1f s (plan-and-save "
                            + "%.1f s; CPU in it: benchmark thread %.1f s + PostgreSQL backend %.1f s = %.1f s), write %.1f s; "
                            + "total %.1f s; %,d conflicts, %,d writes in %,d calls",
                    readSeconds, planSeconds, saveSeconds, eventSeconds, planAndSave(), planAndSaveCpuSeconds,
                    databaseCpuSeconds, planAndSaveCpuSeconds + databaseCpuSeconds, writeSeconds, total(), conflicts,
                    writes, writeCalls);
        }
    }

    void run(List<String> accountIds, Map<String, String> originalOwners, List<String> reps) throws Exception {
        Map<String, String> current = new HashMap<>();
        String admin = emulator.org().adminUserId();
        long started = System.nanoTime();
        // The Data Loader mass update after the baseline: every account to the next rep, by the admin.
        for (int i = 0; i < accountIds.size(); i++) {
            String owner = reps.get(i % reps.size());
            if (owner.equals(originalOwners.get(accountIds.get(i)))) {
                owner = reps.get((i + 1) % reps.size());
            }
            emulator.org().updateRecord(admin, accountIds.get(i), Map.of("OwnerId", owner));
            current.put(accountIds.get(i), owner);
        }
        bench.line("conflicts: the admin changed the owner of all %,d accounts in %.1f s; ledger chunk size %,d",
                accountIds.size(), SyncBenchmark.seconds(started), chunkSize);

        Timing all = push(accountIds, originalOwners, current, reps, ConflictPolicies.flagAll(), false);
        bench.line("plan-and-save, %,d conflicts (FLAG): %s", all.conflicts(), all);

        int slice = Math.min(20_000, accountIds.size() / 2);
        Timing clean = push(accountIds.subList(0, slice), current, current, reps, ConflictPolicies.flagAll(), true);
        bench.line("whole push, %,d accounts, no conflicts: %s", slice, clean);
        Timing planWins = push(accountIds.subList(slice, 2 * slice), originalOwners, current, reps,
                ConflictPolicies.of(Map.of("Account.OwnerId", "PLAN_WINS")), true);
        bench.line("whole push, %,d accounts, %,d PLAN_WINS conflicts: %s", slice, planWins.conflicts(), planWins);
        bench.line("conflicts vs none: %.1f s vs %.1f s (%.2f×)", planWins.total(), clean.total(),
                planWins.total() / clean.total());
    }

    /** One push of account owners: desired = another rep than the current owner; baseline as given. */
    Timing push(List<String> accountIds, Map<String, String> baseline, Map<String, String> current, List<String> reps,
                ConflictPolicies policies, boolean write) throws Exception {
        List<PlanElement> elements = new ArrayList<>();
        elements.add(new PlanElement.Header(1, "bench-conflicts", "Benchmark conflicts", 1, "x", Instant.now(),
                Instant.now(), LocalDate.of(2027, 1, 1), 0, accountIds.size(), 0, 0));
        for (int i = 0; i < accountIds.size(); i++) {
            String id = accountIds.get(i);
            String desired = reps.get((reps.indexOf(current.get(id)) + 1) % reps.size());
            if (desired.equals(baseline.get(id))) {
                desired = reps.get((reps.indexOf(current.get(id)) + 2) % reps.size());
            }
            elements.add(new PlanElement.Account(id, "a", List.of(), desired, baseline.get(id), null, "rule:bench"));
        }
        PushOptions options = new PushOptions(EnumSet.of(PushOptions.ScopePart.ACCOUNT_OWNERS), policies,
                PushOptions.OpportunityHandoff.STAY_WITH_OWNER, "Planbridge_bench_conflicts");
        CrmGateway crm = bench.gateway();
        long t0 = System.nanoTime();
        DesiredPlan desired = DesiredPlan.of(elements);
        CrmSnapshot snapshot = new SnapshotReader(crm, Soql.MAX_QUERY_LENGTH).read(desired, options);
        long t1 = System.nanoTime();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        PushPlan plan = new OperationPlanner(crm.integrationUserId()).plan(desired, snapshot, (object, key) -> null, options);
        long t2 = System.nanoTime();
        UUID pushId = UUID.randomUUID();
        double databaseCpu;
        long saveStarted;
        long eventsStarted;
        long eventsDone;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            connection.setAutoCommit(false);
            insertPush(connection, pushId);
            long backend = backendPid(connection);
            double backendCpu0 = processCpuSeconds(backend);
            PlanSaver saver = new PlanSaver(committing(connection), chunkSize);
            saveStarted = System.nanoTime();
            saver.saveRows(pushId, plan, Map.of(), new PlanSaver.Header(1L, "x", Map.of("bench", true), 0, Map.of()),
                    (part, chunk, rows) -> { });
            eventsStarted = System.nanoTime();
            saver.queueEvents(pushId, (part, chunk, rows) -> { });
            eventsDone = System.nanoTime();
            cpu0 = threads.getCurrentThreadCpuTime() - cpu0;
            databaseCpu = processCpuSeconds(backend) - backendCpu0;
            assertEquals(plan.conflicts().size(), count(connection,
                    "SELECT count(*) FROM outbox_event WHERE type = 'SyncConflict' AND aggregateid = ?", pushId.toString()));
            assertEquals("WRITING", status(connection, pushId));
        }
        long writeCalls = 0;
        long writes = 0;
        double writeSeconds = 0;
        if (write) {
            long before = emulator.counters().calls("update");
            long w0 = System.nanoTime();
            SyncBenchmark.MemoryLedger ledger = bench.new MemoryLedger(new HashMap<>(), new HashMap<>());
            var writer = bench.writer(crm, 4, ledger);
            long sequence = 0;
            for (Map.Entry<Batches.Group, List<PlannedOperation>> group : Batches.group(plan.operations()).entrySet()) {
                List<BatchExecutor.ExecOp> ops = new ArrayList<>();
                for (PlannedOperation op : group.getValue()) {
                    ledger.operations.put(++sequence, op);
                    ops.add(new BatchExecutor.ExecOp(sequence, op.object(), op.op(), op.recordId(), op.values()));
                }
                writer.execute(ops);
                writes += ops.size();
            }
            writeSeconds = SyncBenchmark.seconds(w0);
            writeCalls = emulator.counters().calls("update") - before;
            assertEquals(0, ledger.failures.size(), () -> "failed writes: " + ledger.failures);
            assertEquals(accountIds.size(), writes, "every account is written");
        }
        return new Timing((t1 - t0) / 1e9, (t2 - t1) / 1e9, (eventsStarted - saveStarted) / 1e9,
                (eventsDone - eventsStarted) / 1e9, writeSeconds, plan.conflicts().size(), writes, writeCalls, cpu0 / 1e9,
                databaseCpu);
    }

    private static PlanSaver.Transactions committing(Connection connection) {
        return new PlanSaver.Transactions() {
            @Override
            public <T> T inNew(PlanSaver.Work<T> work) {
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (Exception e) {
                    try {
                        connection.rollback();
                    } catch (SQLException ignored) {
                        // the original failure is what matters
                    }
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private static long backendPid(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_backend_pid()"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } finally {
            connection.commit();
        }
    }

    /** User + system CPU of a process from /proc (Linux, 100 clock ticks a second). */
    private static double processCpuSeconds(long pid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static void insertPush(Connection connection, UUID pushId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO push (id, plan_id, mode, kind, status, options, created_at)
                VALUES (?, 'bench-conflicts', 'apply', 'PUSH', 'QUEUED', '{}', now())""")) {
            insert.setObject(1, pushId);
            insert.executeUpdate();
        }
        connection.commit();
    }

    private static long count(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } finally {
            connection.commit();
        }
    }

    private static String status(Connection connection, UUID pushId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT status FROM push WHERE id = ?")) {
            s.setObject(1, pushId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } finally {
            connection.commit();
        }
    }
}
