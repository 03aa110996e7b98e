package dev.planbridge.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planbridge.emulator.ApiCounters;
import dev.planbridge.emulator.ApiLimits;
import dev.planbridge.emulator.FaultRule;
import dev.planbridge.emulator.FaultRules;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.generate.ActivitySimulator;
import dev.planbridge.emulator.generate.OrgGenerator;
import dev.planbridge.emulator.org.ChangeLogEntry;
import dev.planbridge.emulator.org.Org;

import dev.planbridge.emulator.org.OrgSnapshotFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the admin API does, independent of HTTP: org reset/seed/snapshot/restore, counters, limits, fault rules,
 * the activity simulator, the change log, the certificate and sessions. Results are plain maps/lists (JSON bodies);
 * bad input throws {@link Problem} or IllegalArgumentException (both become 4xx problem+json).
 */
final class AdminOperations {

    /** A 201 Created answer. */
    record Created(Object body) {
    }

    /** A PEM document answer. */
    record Pem(String text) {
    }

    static final int MAX_SNAPSHOTS = 20;
    static final int DEFAULT_CHANGE_LIMIT = 1_000;
    static final int MAX_CHANGE_LIMIT = 10_000;

    private final SalesforceEmulator emulator;
    private final ActivitySimulator simulator;
    private final Map<String, Org.OrgSnapshot> snapshots = new LinkedHashMap<>();
    private final AtomicLong snapshotIds = new AtomicLong();
    private volatile Path snapshotFile;

    AdminOperations(SalesforceEmulator emulator) {
        this.emulator = emulator;
        this.simulator = new ActivitySimulator(emulator.org());
    }

    ActivitySimulator simulator() {
        return simulator;
    }

    // ------------------------------------------------------------------ org

    synchronized Map<String, Object> reset() {
        boolean wasRunning = stopSimulatorForOrgChange();
        emulator.org().reset();
        return orgResult(wasRunning, Map.of());
    }

    synchronized Map<String, Object> seed(JsonNode body) {
        int accounts = intField(body, "accounts", 5_000);
        int users = intField(body, "users", 60);
        long seed = longField(body, "seed", 42);
        LocalDate referenceDate = LocalDate.ofInstant(emulator.org().now(), java.time.ZoneOffset.UTC);
        if (body.hasNonNull("referenceDate")) {
            try {
                referenceDate = LocalDate.parse(body.get("referenceDate").asText());
            } catch (DateTimeParseException e) {
                throw Problem.badRequest("referenceDate must be an ISO date like 2026-11-29: "
                        + body.get("referenceDate").asText());
            }
        }
        OrgGenerator.Options options = new OrgGenerator.Options(accounts, users, seed, referenceDate);
        OrgGenerator.Detached generated = OrgGenerator.generateDetached(emulator.org().orgId(),
                emulator.config().users(), options);
        boolean wasRunning = stopSimulatorForOrgChange();
        emulator.org().restore(generated.snapshot());
        OrgGenerator.Result result = generated.result();
        return orgResult(wasRunning, Map.of("elapsedMillis", result.elapsedMillis(), "accounts", accounts,
                "users", users, "seed", seed, "referenceDate", referenceDate.toString()));
    }

    synchronized Created snapshot() {
        String id = "snapshot-" + snapshotIds.incrementAndGet();
        snapshots.put(id, emulator.org().snapshot());
        // Keep memory bounded: a snapshot of a 100k-account org holds every row.
        Iterator<String> oldest = snapshots.keySet().iterator();
        while (snapshots.size() > MAX_SNAPSHOTS) {
            oldest.next();
            oldest.remove();
        }
        return new Created(Map.of("snapshotId", id, "counts", emulator.org().counts()));
    }

    synchronized Map<String, Object> restore(String snapshotId) {
        Org.OrgSnapshot snapshot = snapshots.get(snapshotId);
        if (snapshot == null) {
            throw Problem.notFound("no snapshot " + snapshotId + " (snapshots: " + snapshots.keySet()
                    + "; at most " + MAX_SNAPSHOTS + " are kept)");
        }
        boolean wasRunning = stopSimulatorForOrgChange();
        emulator.org().restore(snapshot);
        return orgResult(wasRunning, Map.of("restored", snapshotId));
    }

    void setSnapshotFile(Path file) {
        this.snapshotFile = file == null ? null : file.toAbsolutePath();
    }

    Path snapshotFile() {
        return snapshotFile;
    }

    synchronized void saveSnapshotFile() {
        Path file = requireSnapshotFile("save");
        OrgSnapshotFile.save(emulator.org(), file);
    }

    /** POST /emulator/org/save: writes the org to the --snapshot-file. */
    synchronized Map<String, Object> save() {
        Path file = requireSnapshotFile("save");
        long started = System.nanoTime();
        OrgSnapshotFile.save(emulator.org(), file);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("savedTo", file.toString());
        body.put("bytes", fileSize(file));
        body.put("elapsedMillis", (System.nanoTime() - started) / 1_000_000);
        body.put("counts", emulator.org().counts());
        return body;
    }

    /** POST /emulator/org/load: replaces the org with the --snapshot-file's content. */
    synchronized Map<String, Object> load() {
        Path file = requireSnapshotFile("load");
        if (!Files.exists(file)) {
            throw Problem.notFound("the snapshot file " + file + " does not exist yet (POST /emulator/org/save writes it)");
        }
        boolean wasRunning = stopSimulatorForOrgChange();
        try {
            OrgSnapshotFile.load(emulator.org(), file);
        } catch (OrgSnapshotFile.InvalidSnapshotException e) {
            throw new Problem(422, "Unprocessable Content", e.getMessage());
        }
        return orgResult(wasRunning, Map.of("loadedFrom", file.toString()));
    }

    /** POST /emulator/org/import: replaces the org with the posted snapshot document. */
    synchronized Map<String, Object> importOrg(InputStream body) {
        boolean wasRunning = simulator.isRunning();
        try {
            // Stopped first, so none of its writes lands between reading the document and swapping the org in
            // (a refused document leaves the org unchanged and the simulator stopped).
            simulator.stop();
            emulator.org().importSnapshot(body);
        } catch (OrgSnapshotFile.InvalidSnapshotException e) {
            throw new Problem(422, "Unprocessable Content", e.getMessage());
        } catch (IOException e) {
            throw Problem.badRequest("cannot read the snapshot document: " + e.getMessage());
        }
        return orgResult(wasRunning, Map.of("imported", true));
    }

    private Path requireSnapshotFile(String action) {
        Path file = snapshotFile;
        if (file == null) {
            throw new Problem(409, "Conflict", "no snapshot file configured: start the emulator with --snapshot-file "
                    + "FILE to " + action + " the org there (GET /emulator/org/export and POST /emulator/org/import "
                    + "work without one)");
        }
        return file;
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The simulator's cached ids would be stale after the org is replaced: stop it, and say so. */
    private boolean stopSimulatorForOrgChange() {
        boolean running = simulator.isRunning();
        simulator.stop();
        return running;
    }

    private Map<String, Object> orgResult(boolean simulatorStopped, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(extra);
        body.put("counts", emulator.org().counts());
        body.put("simulatorStopped", simulatorStopped);
        return body;
    }

    // ------------------------------------------------------------------ counters and limits

    Map<String, Object> counters() {
        ApiCounters.Snapshot snapshot = emulator.counters().snapshot();
        Map<String, Double> recordsPerCall = new TreeMap<>();
        snapshot.recordsByType().forEach((call, records) -> {
            long calls = snapshot.callsByType().getOrDefault(call, 0L);
            if (calls > 0) {
                recordsPerCall.put(call, Math.round(records * 100.0 / calls) / 100.0);
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("totalCalls", snapshot.totalCalls());
        body.put("callsByType", snapshot.callsByType());
        body.put("callsByClient", snapshot.callsByClient());
        body.put("recordsByType", snapshot.recordsByType());
        body.put("recordsPerCall", recordsPerCall);
        body.put("faultsByCode", snapshot.faultsByCode());
        body.put("limits", limits());
        return body;
    }

    Map<String, Object> resetCounters() {
        emulator.counters().reset();
        return counters();
    }

    Map<String, Object> limits() {
        ApiLimits limits = emulator.limits();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dailyApiAllocation", limits.dailyAllocation());
        body.put("usedToday", limits.used());
        body.put("remainingToday", limits.remaining());
        body.put("maxConcurrentLongRequests", limits.maxConcurrentLongRequests());
        body.put("longRequestThresholdMs", limits.longRequestThreshold().toMillis());
        body.put("concurrentLongRequests", limits.concurrentLongRequests());
        body.put("inFlight", limits.inFlight());
        body.put("sessionIdleTimeoutSeconds", emulator.sessions().idleTimeout().toSeconds());
        return body;
    }

    /** {dailyApiAllocation?, maxConcurrentLongRequests?, longRequestThresholdMs?, sessionIdleTimeoutSeconds?, resetUsage?} */
    Map<String, Object> setLimits(JsonNode body) {
        requireOnly(body, "dailyApiAllocation", "maxConcurrentLongRequests", "longRequestThresholdMs",
                "sessionIdleTimeoutSeconds", "resetUsage");
        ApiLimits limits = emulator.limits();
        if (body.has("dailyApiAllocation")) {
            limits.setDailyAllocation(nonNegative(longField(body, "dailyApiAllocation", 0), "dailyApiAllocation"));
        }
        if (body.has("maxConcurrentLongRequests")) {
            limits.setMaxConcurrentLongRequests((int) nonNegative(intField(body, "maxConcurrentLongRequests", 0),
                    "maxConcurrentLongRequests"));
        }
        if (body.has("longRequestThresholdMs")) {
            limits.setLongRequestThreshold(Duration.ofMillis(positive(longField(body, "longRequestThresholdMs", 0),
                    "longRequestThresholdMs")));
        }
        if (body.has("sessionIdleTimeoutSeconds")) {
            emulator.sessions().setIdleTimeout(Duration.ofSeconds(positive(longField(body,
                    "sessionIdleTimeoutSeconds", 0), "sessionIdleTimeoutSeconds")));
        }
        if (body.path("resetUsage").asBoolean(false)) {
            limits.resetUsage();
        }
        return limits();
    }

    // ------------------------------------------------------------------ faults

    List<Map<String, Object>> faults() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (FaultRules.ActiveRule active : emulator.faults().list()) {
            list.add(faultJson(active.id(), active.rule(), active.remaining(), active.fired()));
        }
        return list;
    }

    /**
     * {type, probability? (default 1), nextCalls?, call?, object?, latencyMs?}: type is one of FaultRule.Type
     * (UNABLE_TO_LOCK_ROW, REQUEST_LIMIT_EXCEEDED, INVALID_SESSION_ID, HTTP_503, LATENCY, DROP_CONNECTION).
     */
    Created addFault(JsonNode body) {
        requireOnly(body, "type", "probability", "nextCalls", "call", "object", "latencyMs");
        if (!body.hasNonNull("type")) {
            throw Problem.badRequest("'type' is required, one of " + List.of(FaultRule.Type.values()));
        }
        FaultRule.Type type;
        try {
            type = FaultRule.Type.valueOf(body.get("type").asText().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("unknown fault type '" + body.get("type").asText() + "', expected one of "
                    + List.of(FaultRule.Type.values()));
        }
        if (body.has("probability") && body.has("nextCalls")) {
            throw Problem.badRequest("give either 'probability' or 'nextCalls', not both");
        }
        FaultRule rule;
        if (body.has("nextCalls")) {
            rule = FaultRule.nextCalls(type, intField(body, "nextCalls", 1));
        } else {
            JsonNode p = body.get("probability");
            if (p != null && !p.isNumber()) {
                throw Problem.badRequest("'probability' must be a number between 0 and 1");
            }
            rule = FaultRule.probability(type, p == null ? 1.0 : p.asDouble());
        }
        if (body.hasNonNull("call")) {
            rule = rule.forCall(body.get("call").asText());
        }
        if (body.hasNonNull("object")) {
            rule = rule.forObject(body.get("object").asText());
        }
        if (body.has("latencyMs")) {
            if (type != FaultRule.Type.LATENCY) {
                throw Problem.badRequest("'latencyMs' only applies to LATENCY rules");
            }
            rule = rule.latency(Duration.ofMillis(positive(longField(body, "latencyMs", 0), "latencyMs")));
        } else if (type == FaultRule.Type.LATENCY) {
            throw Problem.badRequest("LATENCY rules need 'latencyMs'");
        }
        String id = emulator.faults().add(rule);
        return new Created(faultJson(id, rule, rule.count(), 0));
    }

    Map<String, Object> clearFaults() {
        int removed = emulator.faults().list().size();
        emulator.faults().clear();
        return Map.of("removed", removed);
    }

    Map<String, Object> removeFault(String id) {
        if (!emulator.faults().remove(id)) {
            throw Problem.notFound("no fault rule " + id);
        }
        return Map.of("removed", 1, "id", id);
    }

    private static Map<String, Object> faultJson(String id, FaultRule rule, Integer remaining, long fired) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("type", rule.type().name());
        json.put("probability", rule.probability());
        json.put("nextCalls", remaining);
        json.put("call", rule.call());
        json.put("object", rule.object());
        json.put("latencyMs", rule.latency() == null ? null : rule.latency().toMillis());
        json.put("fired", fired);
        return json;
    }

    // ------------------------------------------------------------------ simulator

    Map<String, Object> simulatorStatus() {
        ActivitySimulator.Status status = simulator.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("running", status.running());
        body.put("changesPerSecond", status.changesPerSecond());
        body.put("seed", status.seed());
        body.put("changes", status.changes());
        body.put("failures", status.failures());
        Map<String, Long> kinds = new LinkedHashMap<>();
        status.changesByKind().forEach((kind, count) -> kinds.put(kind.name(), count));
        body.put("changesByKind", kinds);
        body.put("startedAt", status.startedAt() == null ? null : status.startedAt().toString());
        body.put("lastError", status.lastError());
        return body;
    }

    Map<String, Object> startSimulator(JsonNode body) {
        requireOnly(body, "changesPerSecond", "seed");
        if (!body.has("changesPerSecond")) {
            throw Problem.badRequest("'changesPerSecond' is required (> 0, <= "
                    + (int) ActivitySimulator.MAX_CHANGES_PER_SECOND + ")");
        }
        JsonNode rate = body.get("changesPerSecond");
        if (!rate.isNumber()) {
            throw Problem.badRequest("'changesPerSecond' must be a number");
        }
        simulator.start(rate.asDouble(), longField(body, "seed", 42));
        return simulatorStatus();
    }

    Map<String, Object> stopSimulator() {
        simulator.stop();
        return simulatorStatus();
    }

    // ------------------------------------------------------------------ change log, certificate, sessions

    Map<String, Object> changes(Map<String, String> query) {
        long after = query.containsKey("afterSequence") ? parseLong(query.get("afterSequence"), "afterSequence") : 0;
        long limit = query.containsKey("limit") ? parseLong(query.get("limit"), "limit") : DEFAULT_CHANGE_LIMIT;
        if (after < 0) {
            throw Problem.badRequest("afterSequence must be >= 0");
        }
        if (limit < 1 || limit > MAX_CHANGE_LIMIT) {
            throw Problem.badRequest("limit must be between 1 and " + MAX_CHANGE_LIMIT);
        }
        List<ChangeLogEntry> entries = emulator.org().changeLogSince(after);
        List<Map<String, Object>> page = new ArrayList<>();
        for (ChangeLogEntry entry : entries.subList(0, (int) Math.min(limit, entries.size()))) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("sequence", entry.sequence());
            json.put("object", entry.object());
            json.put("id", entry.id());
            json.put("op", entry.op().name());
            json.put("systemModstamp", entry.systemModstamp().toString());
            json.put("userId", entry.userId());
            json.put("changedFields", entry.changedFields());
            page.add(json);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changes", page);
        body.put("lastSequence", page.isEmpty() ? after : page.get(page.size() - 1).get("sequence"));
        body.put("hasMore", entries.size() > page.size());
        return body;
    }

    Pem certificate() {
        String pem = emulator.certificatePem();
        if (pem == null) {
            throw Problem.notFound("https is off (started with https port -1), so there is no certificate");
        }
        return new Pem(pem);
    }

    Map<String, Object> expireSessions() {
        int count = emulator.sessions().count();
        emulator.sessions().expireAll();
        return Map.of("expired", count);
    }

    // ------------------------------------------------------------------ JSON helpers

    private static void requireOnly(JsonNode body, String... allowed) {
        List<String> known = List.of(allowed);
        body.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw Problem.badRequest("unknown field '" + name + "'; allowed: " + known);
            }
        });
    }

    private static int intField(JsonNode body, String name, int fallback) {
        long value = longField(body, name, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw Problem.badRequest("'" + name + "' is out of range: " + value);
        }
        return (int) value;
    }

    private static long longField(JsonNode body, String name, long fallback) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber()) {
            throw Problem.badRequest("'" + name + "' must be an integer, got " + node);
        }
        return node.asLong();
    }

    private static long parseLong(String text, String name) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw Problem.badRequest(name + " must be an integer, got '" + text + "'");
        }
    }

    private static long nonNegative(long value, String name) {
        if (value < 0) {
            throw Problem.badRequest("'" + name + "' must not be negative");
        }
        return value;
    }

    private static long positive(long value, String name) {
        if (value <= 0) {
            throw Problem.badRequest("'" + name + "' must be positive");
        }
        return value;
    }
}
