package dev.planbridge.sync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.contracts.plan.PlanElement;
import dev.planbridge.emulator.ApiCounters;
import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.generate.OrgGenerator;
import dev.planbridge.salesforce.SalesforceProperties;
import dev.planbridge.salesforce.Soql;
import dev.planbridge.sync.crm.WscCrmGateway;
import dev.planbridge.sync.domain.BatchExecutor;
import dev.planbridge.sync.domain.Batches;
import dev.planbridge.sync.domain.ConflictPolicies;
import dev.planbridge.sync.domain.CrmCallException;
import dev.planbridge.sync.domain.CrmGateway;
import dev.planbridge.sync.domain.CrmRecord;
import dev.planbridge.sync.domain.CrmSnapshot;
import dev.planbridge.sync.domain.DesiredPlan;
import dev.planbridge.sync.domain.OpKind;
import dev.planbridge.sync.domain.OperationPlanner;
import dev.planbridge.sync.domain.ParallelWriter;
import dev.planbridge.sync.domain.PlannedOperation;
import dev.planbridge.sync.domain.PushOptions;
import dev.planbridge.sync.domain.PushPlan;
import dev.planbridge.sync.domain.Refs;
import dev.planbridge.sync.domain.RetryPolicy;
import dev.planbridge.sync.domain.SObjectType;
import dev.planbridge.sync.domain.SnapshotReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The sync benchmark (not a timed test; tag {@code benchmark}, excluded from the build): a generated org of
 * {@code -Dbench.accounts} accounts (default 100,000) in an in-process emulator, written through the real force-wsc
 * client by the service's own domain pipeline (SnapshotReader → OperationPlanner → BatchExecutor lanes). The push
 * ledger is kept in memory here, so the PostgreSQL cost is not in these figures.
 *
 * <ol>
 *   <li>setup: the baseline push (model, 20 territories, every account associated);</li>
 *   <li>a plan moving 10 % of the accounts (territory and owner), pushed with 1 write lane, then another 10 % with
 *       {@code -Dbench.lanes} lanes (default 4): API calls vs the minimum ⌈changed/200⌉ per object and operation;</li>
 *   <li>the naive baseline: write every row of the plan (replace every manual association, set every owner);</li>
 *   <li>equal work: a plan moving every account, pushed by the service, vs the naive baseline's time;</li>
 *   <li>record-at-a-time: 500 single-record update calls, extrapolated.</li>
 * </ol>
 * {@link #conflicts()} (a separate run) measures pushes whose records are conflicts with the real PostgreSQL ledger
 * save: {@link ConflictBenchmark}.
 * Run: {@code ./mvnw -B -ntp -o test -pl sync-service -Dbenchmarks.excludedGroups=none -Dgroups=benchmark -Dtest=SyncBenchmark}
 */
@Tag("benchmark")
class SyncBenchmark {

    static final int ACCOUNTS = Integer.getInteger("bench.accounts", 100_000);
    static final int LANES = Integer.getInteger("bench.lanes", 4);
    static final int TERRITORIES = 20;
    static final String MODEL = "Planbridge_bench";

    SalesforceEmulator emulator;
    final ExecutorService pool = Executors.newCachedThreadPool();
    final Map<String, Map<String, String>> history = new ConcurrentHashMap<>();
    final StringBuilder report = new StringBuilder();
    List<Map<String, Object>> accounts;
    final List<String> reps = new ArrayList<>();
    final java.util.Set<String> active = new java.util.HashSet<>();

    @Test
    void benchmark() throws Exception {
        emulator = SalesforceEmulator.start(EmulatorConfig.defaults().toBuilder().httpsPort(-1).build());
        try {
            run();
        } finally {
            pool.shutdownNow();
            emulator.close();
            System.out.println(report);
        }
    }

    /**
     * Issue 25, pushes whose records are conflicts, saved into a real PostgreSQL ledger: {@link ConflictBenchmark}.
     * Run: the command above with {@code -Dtest='SyncBenchmark#conflicts'}.
     */
    @Test
    void conflicts() throws Exception {
        emulator = SalesforceEmulator.start(EmulatorConfig.defaults().toBuilder().httpsPort(-1).build());
        try {
            generateOrg();
            Map<String, String> owners = new HashMap<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < accounts.size(); i++) {
                ids.add(id(i));
                owners.put(id(i), (String) accounts.get(i).get("OwnerId"));
            }
            new ConflictBenchmark(this, emulator).run(ids, owners, reps);
            line("load after: %s", load());
        } finally {
            pool.shutdownNow();
            emulator.close();
            System.out.println(report);
        }
    }

    void generateOrg() {
        long started = System.nanoTime();
        OrgGenerator.generate(emulator.org(), new OrgGenerator.Options(ACCOUNTS, 200, 42, LocalDate.of(2026, 11, 1)));
        line("org: %,d accounts, %,d opportunities, generated in %.1f s; %d cores; java %s; load %s", ACCOUNTS,
                emulator.org().count("Opportunity"), seconds(started), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), load());
        accounts = emulator.org().records("Account");
        for (Map<String, Object> user : emulator.org().records("User")) {
            String username = String.valueOf(user.get("Username"));
            if (Boolean.TRUE.equals(user.get("IsActive"))) {
                active.add((String) user.get("Id"));
            }
            if (Boolean.TRUE.equals(user.get("IsActive")) && !username.startsWith("sync@") && !username.startsWith("admin@")
                    && reps.size() < TERRITORIES) {
                reps.add((String) user.get("Id"));
            }
        }
    }

    void run() throws Exception {
        generateOrg();
        Map<String, String> owners = new HashMap<>();
        Map<String, Integer> territoryOf = new HashMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            owners.put(id(i), (String) accounts.get(i).get("OwnerId"));
            territoryOf.put(id(i), i % TERRITORIES);
        }

        Result setup = push("setup: baseline push (every account associated)", plan(owners, territoryOf, owners), LANES);
        line("%s", setup);

        // 10 % of the accounts move to the next territory and its owner.
        Map<String, String> desired = new HashMap<>(owners);
        Map<String, Integer> moved = new HashMap<>(territoryOf);
        move(desired, moved, 0);
        Result oneLane = push("10 % moving, 1 lane", plan(desired, moved, owners), 1);
        line("%s", oneLane);
        owners = currentOwners();
        desired = new HashMap<>(owners);
        territoryOf = moved;
        moved = new HashMap<>(territoryOf);
        move(desired, moved, 1);
        Result lanes = push("10 % moving, " + LANES + " lanes", plan(desired, moved, owners), LANES);
        line("%s", lanes);

        Result naive = naive("naive: write every row of the plan (" + LANES + " lanes)", desired, moved, LANES);
        line("%s", naive);

        owners = currentOwners();
        Map<String, String> everyone = new HashMap<>();
        Map<String, Integer> everywhere = new HashMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            int territory = (moved.get(id(i)) + 7) % TERRITORIES;
            everywhere.put(id(i), territory);
            everyone.put(id(i), reps.get(territory).equals(owners.get(id(i))) ? reps.get((territory + 1) % TERRITORIES)
                    : reps.get(territory));
        }
        Result all = push("every account moving (equal work), " + LANES + " lanes", plan(everyone, everywhere, owners), LANES);
        line("%s", all);
        line("equal work: service %.1f s vs naive %.1f s (%.2f×)", all.seconds, naive.seconds, all.seconds / naive.seconds);

        recordAtATime(oneLane);
        line("load after: %s", load());
    }

    void move(Map<String, String> desired, Map<String, Integer> territoryOf, int slice) {
        for (int i = slice; i < accounts.size(); i += 10) {
            int territory = (territoryOf.get(id(i)) + 1) % TERRITORIES;
            territoryOf.put(id(i), territory);
            desired.put(id(i), reps.get(territory));
        }
    }

    String id(int i) {
        return (String) accounts.get(i).get("Id");
    }

    Map<String, String> currentOwners() {
        Map<String, String> owners = new HashMap<>();
        for (Map<String, Object> account : emulator.org().records("Account")) {
            owners.put((String) account.get("Id"), (String) account.get("OwnerId"));
        }
        return owners;
    }

    List<PlanElement> plan(Map<String, String> desiredOwner, Map<String, Integer> territoryOf, Map<String, String> baseline) {
        List<PlanElement> elements = new ArrayList<>();
        elements.add(new PlanElement.Header(1, "bench", "Benchmark", 1, "x", Instant.now(), Instant.now(),
                LocalDate.of(2027, 1, 1), TERRITORIES + 1, accounts.size(), TERRITORIES, 0));
        elements.add(new PlanElement.TerritoryType("PB_BENCH_TYPE", "Benchmark", 555));
        elements.add(new PlanElement.Territory("PB_BENCH_ROOT", "Root", "PB_BENCH_TYPE", null, null, reps.get(0)));
        for (int t = 0; t < TERRITORIES; t++) {
            elements.add(new PlanElement.Territory("PB_BENCH_" + t, "Territory " + t, "PB_BENCH_TYPE", "PB_BENCH_ROOT", null,
                    reps.get(t)));
            elements.add(new PlanElement.UserAssignment("PB_BENCH_" + t, reps.get(t), "Owner", null, null, null));
        }
        for (int i = 0; i < accounts.size(); i++) {
            String id = id(i);
            // An inactive current owner is left alone (null), as a planner would.
            String owner = active.contains(desiredOwner.get(id)) ? desiredOwner.get(id) : null;
            elements.add(new PlanElement.Account(id, "a", List.of("PB_BENCH_" + territoryOf.get(id)), owner,
                    baseline.get(id), null, "rule:bench"));
        }
        return elements;
    }

    // ------------------------------------------------------------------ the service's pipeline, ledger in memory

    record Result(String name, double seconds, long readCalls, long writeCalls, long minimumWriteCalls, long records,
                  Map<String, Long> callsByType, Map<String, Long> changedByGroup) {
        @Override
        public String toString() {
            return String.format("%s: %.1f s, %,d write calls (minimum %,d, %+.1f %%), %,d read calls, %,d records "
                            + "written, %,.0f records/s; changed %s; calls %s", name, seconds, writeCalls, minimumWriteCalls,
                    minimumWriteCalls == 0 ? 0.0 : 100.0 * (writeCalls - minimumWriteCalls) / minimumWriteCalls, readCalls,
                    records, records / seconds, changedByGroup, callsByType);
        }
    }

    Result push(String name, List<PlanElement> elements, int laneCount) throws Exception {
        ApiCounters.Snapshot before = emulator.counters().snapshot();
        long started = System.nanoTime();
        CrmGateway crm = gateway();
        PushOptions options = new PushOptions(EnumSet.of(PushOptions.ScopePart.TERRITORIES,
                PushOptions.ScopePart.USER_ASSIGNMENTS, PushOptions.ScopePart.ACCOUNT_ASSIGNMENTS,
                PushOptions.ScopePart.ACCOUNT_OWNERS), ConflictPolicies.flagAll(), PushOptions.OpportunityHandoff.STAY_WITH_OWNER,
                MODEL);
        DesiredPlan desired = DesiredPlan.of(elements);
        CrmSnapshot snapshot = new SnapshotReader(crm, Soql.MAX_QUERY_LENGTH).read(desired, options);
        PushPlan plan = new OperationPlanner(crm.integrationUserId()).plan(desired, snapshot,
                (object, key) -> history.get(object.apiName() + "|" + key), options);
        assertEquals(0, plan.conflicts().size(), "the benchmark plans have no conflicts");
        assertEquals(0, plan.issues().size(), () -> "bad input: " + plan.issues().subList(0, Math.min(3, plan.issues().size())));

        Map<String, String> refs = new ConcurrentHashMap<>();
        if (snapshot.model() != null) {
            refs.put(SObjectType.TERRITORY2_MODEL.apiName() + "|" + MODEL, snapshot.model().id());
        }
        snapshot.typesByKey().forEach((key, r) -> refs.put(SObjectType.TERRITORY2_TYPE.apiName() + "|" + key, r.id()));
        snapshot.territoriesByKey().forEach((key, r) -> refs.put(SObjectType.TERRITORY2.apiName() + "|" + key, r.id()));
        Map<Long, PlannedOperation> byLedgerId = new HashMap<>();
        MemoryLedger ledger = new MemoryLedger(byLedgerId, refs);
        ParallelWriter writer = writer(crm, laneCount, ledger);
        Map<String, Long> changed = new TreeMap<>();
        long minimum = 0;
        long sequence = 0;
        for (Map.Entry<Batches.Group, List<PlannedOperation>> group : Batches.group(plan.operations()).entrySet()) {
            List<BatchExecutor.ExecOp> ops = new ArrayList<>();
            for (PlannedOperation op : group.getValue()) {
                byLedgerId.put(++sequence, op);
                ops.add(new BatchExecutor.ExecOp(sequence, op.object(), op.op(), op.recordId(),
                        Refs.resolve(op.values(), (object, key) -> refs.get(object.apiName() + "|" + key))));
            }
            writer.execute(ops);
            changed.merge(group.getKey().object().apiName() + " " + group.getKey().op(), (long) ops.size(), Long::sum);
        }
        for (long n : changed.values()) {
            minimum += Batches.calls(n);
        }
        assertEquals(0, ledger.failures.size(), () -> "failed writes: " + ledger.failures.subList(0, Math.min(5, ledger.failures.size())));
        double seconds = seconds(started);
        Map<String, Long> calls = diff(before, emulator.counters().snapshot());
        long writes = calls.getOrDefault("create", 0L) + calls.getOrDefault("update", 0L) + calls.getOrDefault("delete", 0L);
        long reads = calls.getOrDefault("query", 0L) + calls.getOrDefault("queryMore", 0L);
        long records = changed.values().stream().mapToLong(Long::longValue).sum();
        return new Result(name, seconds, reads, writes, minimum, records, calls, changed);
    }

    ParallelWriter writer(CrmGateway first, int laneCount, BatchExecutor.Ledger ledger) {
        RetryPolicy retry = new RetryPolicy(8, Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(2), 10, Math::random);
        List<BatchExecutor> lanes = new ArrayList<>();
        for (int lane = 0; lane < laneCount; lane++) {
            lanes.add(new BatchExecutor(lane == 0 ? first : gateway(), retry, d -> Thread.sleep(d.toMillis()), ledger, 200));
        }
        return new ParallelWriter(lanes, pool, 200);
    }

    /** Thread-safe ledger in memory: created ids become references, what was written becomes the own history. */
    class MemoryLedger implements BatchExecutor.Ledger {
        final Map<Long, PlannedOperation> operations;
        final Map<String, String> refs;
        final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

        MemoryLedger(Map<Long, PlannedOperation> operations, Map<String, String> refs) {
            this.operations = operations;
            this.refs = refs;
        }

        @Override
        public void sending(List<BatchExecutor.ExecOp> ops) {
        }

        @Override
        public void succeeded(BatchExecutor.ExecOp op, String salesforceId) {
            PlannedOperation planned = operations.get(op.ledgerId());
            if (op.op() == OpKind.CREATE) {
                refs.put(planned.object().apiName() + "|" + planned.naturalKey(), salesforceId);
            }
            if (op.op() != OpKind.DELETE) {
                history.put(planned.object().apiName() + "|" + planned.naturalKey(), op.values());
            }
        }

        @Override
        public void failed(BatchExecutor.ExecOp op, String code, String message) {
            failures.add(code + " " + message);
        }

        @Override
        public void retrying(BatchExecutor.ExecOp op, String code, String message) {
        }
    }

    // ------------------------------------------------------------------ baselines

    /** Writes every row of the plan without reading or diffing: replace every manual association, set every owner. */
    Result naive(String name, Map<String, String> desiredOwner, Map<String, Integer> territoryOf, int laneCount) throws Exception {
        ApiCounters.Snapshot before = emulator.counters().snapshot();
        long started = System.nanoTime();
        CrmGateway crm = gateway();
        MemoryLedger ledger = new MemoryLedger(new HashMap<>(), new HashMap<>()) {
            @Override
            public void succeeded(BatchExecutor.ExecOp op, String salesforceId) {
            }
        };
        ParallelWriter writer = writer(crm, laneCount, ledger);
        Map<String, String> territoryIds = new HashMap<>();
        String modelId = crm.query("SELECT Id FROM Territory2Model WHERE DeveloperName = " + Soql.quote(MODEL)).get(0).id();
        for (CrmRecord territory : crm.query("SELECT Id, DeveloperName FROM Territory2 WHERE Territory2ModelId = "
                + Soql.quote(modelId))) {
            territoryIds.put(territory.get("DeveloperName"), territory.id());
        }
        List<BatchExecutor.ExecOp> deletes = new ArrayList<>();
        long sequence = 0;
        for (String soql : Soql.inQueries("SELECT Id FROM ObjectTerritory2Association WHERE AssociationCause = 'Territory2Manual' AND",
                "Territory2Id", territoryIds.values(), null, Soql.MAX_QUERY_LENGTH)) {
            for (CrmRecord association : crm.query(soql)) {
                deletes.add(new BatchExecutor.ExecOp(++sequence, SObjectType.OBJECT_TERRITORY2_ASSOCIATION, OpKind.DELETE,
                        association.id(), Map.of()));
            }
        }
        writer.execute(deletes);
        List<BatchExecutor.ExecOp> creates = new ArrayList<>();
        List<BatchExecutor.ExecOp> updates = new ArrayList<>();
        for (Map<String, Object> account : accounts) {
            String id = (String) account.get("Id");
            Map<String, String> association = new LinkedHashMap<>();
            association.put("ObjectId", id);
            association.put("Territory2Id", territoryIds.get("PB_BENCH_" + territoryOf.get(id)));
            association.put("AssociationCause", "Territory2Manual");
            creates.add(new BatchExecutor.ExecOp(++sequence, SObjectType.OBJECT_TERRITORY2_ASSOCIATION, OpKind.CREATE, null,
                    association));
            updates.add(new BatchExecutor.ExecOp(++sequence, SObjectType.ACCOUNT, OpKind.UPDATE, id,
                    Map.of("OwnerId", desiredOwner.get(id))));
        }
        writer.execute(creates);
        writer.execute(updates);
        assertEquals(0, ledger.failures.size(), () -> "naive failures: " + ledger.failures.subList(0, Math.min(5, ledger.failures.size())));
        double seconds = seconds(started);
        Map<String, Long> calls = diff(before, emulator.counters().snapshot());
        long writes = calls.getOrDefault("create", 0L) + calls.getOrDefault("update", 0L) + calls.getOrDefault("delete", 0L);
        long reads = calls.getOrDefault("query", 0L) + calls.getOrDefault("queryMore", 0L);
        long records = deletes.size() + creates.size() + updates.size();
        return new Result(name, seconds, reads, writes, Batches.calls(deletes.size()) + Batches.calls(creates.size())
                + Batches.calls(updates.size()), records, calls, Map.of("ObjectTerritory2Association DELETE", (long) deletes.size(),
                "ObjectTerritory2Association CREATE", (long) creates.size(), "Account UPDATE", (long) updates.size()));
    }

    /** One record per call: 500 owner updates (rewriting the current owner), extrapolated to the 10 % plan. */
    void recordAtATime(Result tenPercent) throws CrmCallException {
        CrmGateway crm = gateway();
        crm.integrationUserId();
        int sample = Math.min(500, accounts.size());
        long started = System.nanoTime();
        for (int i = 0; i < sample; i++) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("Id", id(i));
            values.put("OwnerId", (String) emulator.org().get(id(i)).get("OwnerId"));
            assertTrue(crm.update(SObjectType.ACCOUNT, List.of(values)).get(0).success());
        }
        double perCall = seconds(started) / sample;
        line("record-at-a-time: %.1f ms per single-record call (%d sampled); the 10 %% plan's %,d records would take "
                        + "%,d calls ≈ %.0f s vs %,d calls in %.1f s batched (1 lane)", perCall * 1000, sample,
                tenPercent.records, tenPercent.records, perCall * tenPercent.records, tenPercent.writeCalls, tenPercent.seconds);
    }

    // ------------------------------------------------------------------ helpers

    CrmGateway gateway() {
        String url = emulator.soapUrl("64.0");
        return new WscCrmGateway(SalesforceProperties.toConfig(Map.of("salesforce.login-url", url,
                "salesforce.username", EmulatorConfig.SYNC_USERNAME,
                "salesforce.password", EmulatorConfig.SYNC_PASSWORD)));
    }

    static Map<String, Long> diff(ApiCounters.Snapshot before, ApiCounters.Snapshot after) {
        Map<String, Long> calls = new TreeMap<>();
        after.callsByType().forEach((type, n) -> {
            long delta = n - before.callsByType().getOrDefault(type, 0L);
            if (delta > 0) {
                calls.put(type, delta);
            }
        });
        return calls;
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    void line(String format, Object... args) {
        String text = String.format(format, args);
        report.append(text).append('\n');
        System.out.println("[sync-benchmark] " + text);
        try {
            // Also as it happens, for a look while it runs.
            java.nio.file.Files.writeString(java.nio.file.Path.of("target/sync-benchmark.txt"), text + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
