package dev.planbridge.sync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.Topics;
import dev.planbridge.contracts.sync.PushOutcome;
import dev.planbridge.contracts.sync.SyncCompleted;
import dev.planbridge.contracts.sync.SyncConflict;
import dev.planbridge.contracts.plan.PlanElement;
import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.generate.OrgGenerator;
import dev.planbridge.emulator.org.ChangeLogEntry;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.sync.domain.PushOptions;
import dev.planbridge.testkit.KafkaBroker;
import dev.planbridge.testkit.PostgresServer;
import dev.planbridge.testkit.TestTokens;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The crash test: the packaged sync service ({@code target/quarkus-app/quarkus-run.jar}, so this runs in
 * {@code verify} after {@code package}) pushes a 20,000-account plan into an emulated org as a child process and is
 * killed with SIGKILL at random moments at least {@value #MIN_KILLS} times; every restart is a new replica that takes
 * the push over once the dead one's lease ran out. Afterwards the org must equal the plan field by field (conflicts
 * held back), and the emulator's change log and counters must show every planned write exactly once.
 *
 * <p>Kills land at random moments: one in four in the first seconds of a life (boot, lease take-over, planning), the
 * others after a random number of this life's writes plus a random fraction of a call, so that every run - on a fast
 * idle machine or a loaded one - kills the push while it writes.
 *
 * <p>Real parts only: embedded PostgreSQL, the in-JVM Kafka broker and the emulator run in this JVM; the desired state
 * is served over HTTP as the planning service would. Sizes: {@code -Dcrash.accounts} (default 20,000),
 * {@code -Dcrash.kills} (default {@value #MIN_KILLS}), {@code -Dcrash.seed} to replay kill moments.
 */
class SyncCrashIT {

    static final int MIN_KILLS = 10;
    static final int ACCOUNTS = Integer.getInteger("crash.accounts", 20_000);
    static final int KILLS = Integer.getInteger("crash.kills", MIN_KILLS);
    static final int TERRITORIES = 8;
    static final int CONFLICTS = 25;
    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final Path LOGS = Path.of("target/crash-it");
    static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);
    static final Duration FINISH_TIMEOUT = Duration.ofSeconds(300);

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    SalesforceEmulator emulator;
    DesiredStateServer planning;
    PostgresServer.Database database;
    Process child;
    Path app;
    Connection ledgerConnection;

    @AfterEach
    void stopEverything() throws InterruptedException, SQLException {
        if (ledgerConnection != null) {
            ledgerConnection.close();
        }
        if (child != null && child.isAlive()) {
            child.destroy();
            child.waitFor();
        }
        if (planning != null) {
            planning.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void shouldWriteEveryPlannedChangeExactlyOnceAcrossRepeatedHardKills() throws Exception {
        assertTrue(Files.exists(JAR), JAR.toAbsolutePath() + " is missing: the crash test runs in 'verify', after 'package'");
        Files.createDirectories(LOGS);
        // Run a copy: a rebuild of target/ while the test runs must not pull the jars from under the restarts.
        app = copyApplication(JAR.getParent(), LOGS.resolve("quarkus-app"));
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        log("seed %d (replay with -Dcrash.seed=%d), %d accounts", seed, seed, ACCOUNTS);

        emulator = SalesforceEmulator.start(EmulatorConfig.defaults().toBuilder().httpsPort(-1).build());
        OrgGenerator.generate(emulator.org(), new OrgGenerator.Options(ACCOUNTS, 40, 11, LocalDate.of(2026, 11, 1)));
        Org org = emulator.org();
        database = PostgresServer.newDatabase("sync_crash");
        KafkaBroker.createTopics(1, Topics.PLAN_EVENTS, Topics.SYNC_PROGRESS, Topics.SYNC_CONFLICTS, Topics.SYNC_COMPLETED);
        planning = new DesiredStateServer("crash-test-" + UUID.randomUUID());

        CrashPlan plan = new CrashPlan(org);
        planning.serve(plan.planId, plan.elements);
        // Admin edits after the baseline: these accounts must be held back, not overwritten.
        String admin = org.adminUserId();
        for (String accountId : plan.conflicted) {
            org.updateRecord(admin, accountId, Map.of("OwnerId", plan.conflictOwner.get(accountId)));
        }
        Map<String, String> opportunityOwnersBefore = new HashMap<>();
        Map<String, String> opportunityAccount = new HashMap<>();
        Set<String> openOpportunities = new HashSet<>();
        for (Map<String, Object> opportunity : org.records("Opportunity")) {
            String id = (String) opportunity.get("Id");
            opportunityOwnersBefore.put(id, (String) opportunity.get("OwnerId"));
            opportunityAccount.put(id, (String) opportunity.get("AccountId"));
            if (!Boolean.TRUE.equals(opportunity.get("IsClosed"))) {
                openOpportunities.add(id);
            }
        }
        long sequenceBefore = lastSequence(org);
        emulator.counters().reset();

        int port = freePort();
        child = startService(port, 0);
        awaitReady(port);
        String pushId = startPush(port, plan.planId);
        log("push %s started", pushId);

        int kills = 0;
        int killsWithUnknownOutcomes = 0;
        while (kills < KILLS) {
            Ledger before = ledger(pushId);
            if (before.finished()) {
                break;
            }
            if (random.nextInt(4) == 0) {
                // Any moment of a life's first seconds: boot, lease take-over, settling, planning or writing.
                Thread.sleep(100 + random.nextInt(2500));
            } else {
                // A moment during writing: after a random number of writes of this life (so that on any machine,
                // fast or loaded, the push lasts for all the kills), at a random point of the call cycle.
                long target = before.succeeded() + 1 + random.nextInt(Math.max(1, ACCOUNTS / (3 * KILLS)));
                awaitProgress(pushId, target, child);
                Thread.sleep(random.nextInt(100));
            }
            if (ledger(pushId).finished()) {
                break;
            }
            child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no lease release
            kills++;
            Ledger after = ledger(pushId);
            killsWithUnknownOutcomes += after.sent() > 0 ? 1 : 0;
            log("kill %d: push %s, %d succeeded, %d sent with unknown outcome", kills, after.status(), after.succeeded(),
                    after.sent());
            child = startService(port, kills);
        }
        assertTrue(kills >= KILLS, "the push finished after only " + kills + " kills; it must be killed " + KILLS
                + " times while running (make it larger with -Dcrash.accounts)");

        Ledger last = awaitFinished(pushId);
        log("finished after %d kills (%d with writes of unknown outcome): %s", kills, killsWithUnknownOutcomes, last);
        assertEquals("COMPLETED", last.status(), "push status");
        assertEquals("PARTIALLY_SYNCED", last.outcome(), "the held conflicts make the push partial");
        assertOrgEqualsPlan(org, plan, opportunityOwnersBefore, opportunityAccount, openOpportunities);
        assertEquals(Map.of("CONFLICT", (long) CONFLICTS, "SUCCEEDED", plan.expectedWrites()), last.byStatus(),
                "every planned operation succeeded once, the conflicts were held; nothing failed, pending or unknown");
        assertEquals(CONFLICTS, countRows("SELECT count(*) FROM push_conflict WHERE push_id = ?", pushId));
        assertEveryWriteHappenedExactlyOnce(org, plan, sequenceBefore);
        assertNoEventLost(pushId, plan.planId);
        log("API calls: %s", emulator.counters().snapshot().callsByType());
    }

    // ------------------------------------------------------------------ the plan

    /** A 20k-account plan on the generated org: a new model, 8 territories, every account assigned, 10 % moving. */
    static final class CrashPlan {
        final String planId = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        final List<PlanElement> elements = new ArrayList<>();
        final List<String> reps = new ArrayList<>();
        final String syncUserId;
        final Map<String, String> territoryOfAccount = new TreeMap<>();
        final Map<String, String> ownerBefore = new HashMap<>();
        final Map<String, String> desiredOwner = new HashMap<>();
        final Set<String> moving = new HashSet<>();
        final List<String> conflicted = new ArrayList<>();
        final Map<String, String> conflictOwner = new HashMap<>();
        final Map<String, String> territoryOwner = new HashMap<>();
        final String typeKey;
        final String rootKey;

        CrashPlan(Org org) {
            String sync = null;
            Set<String> active = new HashSet<>();
            for (Map<String, Object> user : org.records("User")) {
                String username = String.valueOf(user.get("Username"));
                if (Boolean.TRUE.equals(user.get("IsActive"))) {
                    active.add((String) user.get("Id"));
                }
                if (username.startsWith("sync@")) {
                    sync = (String) user.get("Id");
                } else if (Boolean.TRUE.equals(user.get("IsActive")) && !username.startsWith("admin@")
                        && reps.size() < TERRITORIES + 1) {
                    reps.add((String) user.get("Id"));
                }
            }
            syncUserId = sync;
            String tag = planId.substring(6).toUpperCase();
            typeKey = "PB_CRASH_TYPE_" + tag;
            rootKey = "PB_CRASH_ROOT_" + tag;
            elements.add(new PlanElement.TerritoryType(typeKey, "Crash " + tag, 777));
            elements.add(new PlanElement.Territory(rootKey, "Root " + tag, typeKey, null, null, reps.get(0)));
            for (int t = 1; t <= TERRITORIES; t++) {
                String key = territoryKey(t);
                territoryOwner.put(key, reps.get(t));
                elements.add(new PlanElement.Territory(key, "Territory " + t + " " + tag, typeKey, rootKey, 5, reps.get(t)));
                elements.add(new PlanElement.UserAssignment(key, reps.get(t), "Owner", null, null, null));
            }
            List<Map<String, Object>> accounts = org.records("Account");
            for (int i = 0; i < accounts.size(); i++) {
                Map<String, Object> account = accounts.get(i);
                String id = (String) account.get("Id");
                String owner = (String) account.get("OwnerId");
                String territory = territoryKey(1 + i % TERRITORIES);
                // One account in ten goes to its territory's owner; the others keep theirs.
                // (A plan leaves the owner of an account alone - null - when its current owner is inactive.)
                String desired = i % 10 == 0 ? territoryOwner.get(territory) : active.contains(owner) ? owner : null;
                territoryOfAccount.put(id, territory);
                ownerBefore.put(id, owner);
                desiredOwner.put(id, desired);
                if (desired != null && !desired.equals(owner)) {
                    moving.add(id);
                    if (conflicted.size() < CONFLICTS) {
                        conflicted.add(id);
                        String other = reps.stream().filter(r -> !r.equals(owner) && !r.equals(desired)).findFirst()
                                .orElseThrow();
                        conflictOwner.put(id, other);
                    }
                }
                elements.add(new PlanElement.Account(id, (String) account.get("Name"), List.of(territory), desired, owner,
                        null, "rule:crash"));
            }
            for (int t = 1; t <= TERRITORIES; t++) {
                elements.add(new PlanElement.Quota(reps.get(t), territoryKey(t), LocalDate.of(2027, 1, 1), "Quarter",
                        new BigDecimal(100_000 + t * 1_000), null, OrgGenerator.FORECASTING_TYPE, null, null));
            }
        }

        String territoryKey(int t) {
            return "PB_CRASH_T" + t + "_" + planId.substring(6).toUpperCase();
        }

        String modelName() {
            return PushOptions.modelNameFor(planId);
        }

        /** model, type, root + territories, user and account associations, quotas; moving accounts not held. */
        long expectedCreates() {
            return 1 + 1 + (1 + TERRITORIES) + TERRITORIES + territoryOfAccount.size() + TERRITORIES;
        }

        long expectedWrites() {
            return expectedCreates() + (moving.size() - conflicted.size()) + expectedOpportunityMoves;
        }

        long expectedOpportunityMoves;
    }

    // ------------------------------------------------------------------ assertions

    private void assertOrgEqualsPlan(Org org, CrashPlan plan, Map<String, String> opportunityOwnersBefore,
                                     Map<String, String> opportunityAccount, Set<String> openOpportunities) {
        List<Map<String, Object>> models = org.find("Territory2Model", "DeveloperName", plan.modelName());
        assertEquals(1, models.size(), "one model");
        assertEquals("Planning", models.get(0).get("State"));
        String modelId = (String) models.get(0).get("Id");
        List<Map<String, Object>> types = org.find("Territory2Type", "DeveloperName", plan.typeKey);
        assertEquals(1, types.size(), "one territory type");
        Map<String, Map<String, Object>> territories = new HashMap<>();
        for (Map<String, Object> territory : org.find("Territory2", "Territory2ModelId", modelId)) {
            assertNull(territories.put((String) territory.get("DeveloperName"), territory),
                    "territory " + territory.get("DeveloperName") + " exists once");
            assertEquals(types.get(0).get("Id"), territory.get("Territory2TypeId"));
        }
        assertEquals(TERRITORIES + 1, territories.size());
        String rootId = (String) territories.get(plan.rootKey).get("Id");
        Map<String, String> keyById = new HashMap<>();
        territories.forEach((key, t) -> keyById.put((String) t.get("Id"), key));

        Map<String, Set<String>> usersByTerritory = new HashMap<>();
        Map<String, String> associatedTerritory = new HashMap<>();
        for (int t = 1; t <= TERRITORIES; t++) {
            String key = plan.territoryKey(t);
            Map<String, Object> territory = territories.get(key);
            assertEquals(rootId, territory.get("ParentTerritory2Id"), key + " parent");
            String territoryId = (String) territory.get("Id");
            for (Map<String, Object> association : org.find("UserTerritory2Association", "Territory2Id", territoryId)) {
                assertTrue(usersByTerritory.computeIfAbsent(key, k -> new HashSet<>()).add((String) association.get("UserId")),
                        "user association exists once");
            }
            for (Map<String, Object> association : org.find("ObjectTerritory2Association", "Territory2Id", territoryId)) {
                assertEquals("Territory2Manual", association.get("AssociationCause"));
                String previous = associatedTerritory.put((String) association.get("ObjectId"), key);
                assertNull(previous, "account " + association.get("ObjectId") + " associated once");
            }
            assertEquals(Set.of(plan.territoryOwner.get(key)), usersByTerritory.get(key), key + " users");
            List<Map<String, Object>> quotas = org.find("ForecastingQuota", "Territory2Id", territoryId);
            assertEquals(1, quotas.size(), key + " quota");
            assertEquals(0, new BigDecimal(100_000 + t * 1_000).compareTo(
                    new BigDecimal(String.valueOf(quotas.get(0).get("QuotaAmount")))), key + " quota amount");
        }
        assertEquals(plan.territoryOfAccount, new TreeMap<>(associatedTerritory), "every account in its territory, once");

        Set<String> conflicted = new HashSet<>(plan.conflicted);
        for (Map.Entry<String, String> entry : plan.desiredOwner.entrySet()) {
            String expected = conflicted.contains(entry.getKey()) ? plan.conflictOwner.get(entry.getKey())
                    : entry.getValue() == null ? plan.ownerBefore.get(entry.getKey()) : entry.getValue();
            assertEquals(expected, org.get(entry.getKey()).get("OwnerId"), "owner of account " + entry.getKey());
        }
        long moved = 0;
        for (Map.Entry<String, String> entry : opportunityOwnersBefore.entrySet()) {
            String opportunity = entry.getKey();
            String account = opportunityAccount.get(opportunity);
            boolean follows = openOpportunities.contains(opportunity) && plan.moving.contains(account)
                    && !conflicted.contains(account) && entry.getValue().equals(plan.ownerBefore.get(account));
            String expected = follows ? plan.desiredOwner.get(account) : entry.getValue();
            moved += follows ? 1 : 0;
            assertEquals(expected, org.get(opportunity).get("OwnerId"), "owner of opportunity " + opportunity);
        }
        assertTrue(moved > 0, "some open opportunities follow their account");
        plan.expectedOpportunityMoves = moved;
    }

    /**
     * Every stored conflict and the completion reached Kafka despite the kills (outbox): each event id at least once;
     * a re-send after a kill between Kafka's acknowledgement and the relay's commit repeats an id, never a new one.
     */
    private void assertNoEventLost(String pushId, String planId) throws SQLException, InterruptedException {
        Set<String> storedConflicts = new HashSet<>();
        try (PreparedStatement statement = ledgerConnection.prepareStatement(
                "SELECT CAST(id AS text) FROM push_conflict WHERE push_id = CAST(? AS uuid)")) {
            statement.setString(1, pushId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    storedConflicts.add(rows.getString(1));
                }
            }
        }
        Set<String> conflictIds = new HashSet<>();
        Set<String> completedIds = new HashSet<>();
        SyncCompleted completed = null;
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", KafkaBroker.bootstrapServers());
        props.put("group.id", "crash-it-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.SYNC_CONFLICTS, Topics.SYNC_COMPLETED));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline) && (!conflictIds.containsAll(storedConflicts) || completed == null)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (Topics.SYNC_CONFLICTS.equals(record.topic()) && pushId.equals(record.key())) {
                        conflictIds.add(ContractsJson.read(record.value(), SyncConflict.class).conflictId());
                    } else if (Topics.SYNC_COMPLETED.equals(record.topic()) && planId.equals(record.key())) {
                        completed = ContractsJson.read(record.value(), SyncCompleted.class);
                        completedIds.add(completed.eventId());
                    }
                }
            }
        }
        assertEquals(storedConflicts, conflictIds, "every stored conflict published, no other");
        assertEquals(1, completedIds.size(), "one SyncCompleted event id for the push: " + completedIds);
        assertEquals(pushId, completed.pushId());
        assertEquals(PushOutcome.PARTIALLY_SYNCED, completed.planOutcome());
        assertEquals((long) CONFLICTS, completed.openConflicts());
    }

    private void assertEveryWriteHappenedExactlyOnce(Org org, CrashPlan plan, long sequenceBefore) {
        List<ChangeLogEntry> changes = org.changeLogSince(sequenceBefore);
        Map<String, Long> perRecord = changes.stream().collect(Collectors.groupingBy(ChangeLogEntry::id, Collectors.counting()));
        List<String> twice = perRecord.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).limit(5).toList();
        assertEquals(List.of(), twice, "records written more than once");
        assertTrue(changes.stream().allMatch(c -> c.userId().startsWith(plan.syncUserId.substring(0, 15))),
                "only the sync service wrote");
        Map<String, Long> byObjectAndOp = new TreeMap<>(changes.stream().collect(
                Collectors.groupingBy(c -> c.object() + " " + c.op(), Collectors.counting())));
        Map<String, Long> expected = new TreeMap<>(Map.of(
                "Territory2Model CREATE", 1L,
                "Territory2Type CREATE", 1L,
                "Territory2 CREATE", (long) TERRITORIES + 1,
                "UserTerritory2Association CREATE", (long) TERRITORIES,
                "ObjectTerritory2Association CREATE", (long) plan.territoryOfAccount.size(),
                "ForecastingQuota CREATE", (long) TERRITORIES,
                "Account UPDATE", (long) plan.moving.size() - CONFLICTS,
                "Opportunity UPDATE", plan.expectedOpportunityMoves));
        assertEquals(expected, byObjectAndOp, "writes in the change log");
        // Nothing was sent twice either: the emulator counts every record a write call carried, failed ones included.
        assertEquals(plan.expectedCreates(), emulator.counters().records("create"), "records sent in create calls");
        assertEquals(plan.moving.size() - CONFLICTS + plan.expectedOpportunityMoves, emulator.counters().records("update"),
                "records sent in update calls");
        assertEquals(0, emulator.counters().records("delete"), "records sent in delete calls");
    }

    // ------------------------------------------------------------------ the service process

    private Process startService(int port, int life) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Map<String, String> config = new TreeMap<>();
        config.put("quarkus.http.port", String.valueOf(port));
        config.put("quarkus.http.host", "127.0.0.1");
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.username", database.username());
        config.put("quarkus.datasource.password", database.password());
        config.put("kafka.bootstrap.servers", KafkaBroker.bootstrapServers());
        config.put("mp.jwt.verify.publickey", TestTokens.publicKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        config.put("salesforce.login-url", emulator.soapUrl("64.0"));
        config.put("salesforce.username", EmulatorConfig.SYNC_USERNAME);
        config.put("salesforce.password", EmulatorConfig.SYNC_PASSWORD);
        config.put("planning.url", planning.url());
        config.put("planning.token", planning.token());
        // A new replica id per life: each restart takes the dead replica's push over when its lease runs out.
        config.put("sync.replica-id", "crash-replica-" + life);
        config.put("sync.lease-ttl", "2s");
        config.put("sync.worker-interval", "250ms");
        config.put("sync.unavailable-retry", "500ms");
        config.put("sync.retry.base-delay", "20ms");
        config.put("sync.retry.max-delay", "500ms");
        config.put("sync.retry.request-limit-pause", "500ms");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        // %prod-prefixed system properties beat everything in application.properties, profiled or not.
        config.forEach((key, value) -> command.add("-D%prod." + key + "=" + value));
        command.addAll(List.of("-jar", app.resolve("quarkus-run.jar").toString()));
        Path logFile = LOGS.resolve("sync-life-" + life + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    }

    private void awaitReady(int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            assertTrue(child.isAlive(), "the sync service exited; see " + LOGS);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still booting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the sync service was not ready within " + BOOT_TIMEOUT + "; see " + LOGS);
    }

    private String startPush(int port, String planId) throws IOException, InterruptedException {
        String body = "{\"planId\":\"" + planId + "\",\"mode\":\"apply\",\"scope\":[\"territories\",\"user-assignments\","
                + "\"account-assignments\",\"account-owners\",\"quotas\"],\"opportunityHandoff\":\"follow-account\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/pushes"))
                .header("Authorization", "Bearer " + TestTokens.approver()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(response.body());
        assertTrue(id.find(), response.body());
        return id.group(1);
    }

    // ------------------------------------------------------------------ the ledger, read directly

    record Ledger(String status, String outcome, Map<String, Long> byStatus) {
        boolean finished() {
            return "COMPLETED".equals(status) || "FAILED".equals(status);
        }

        long succeeded() {
            return byStatus.getOrDefault("SUCCEEDED", 0L);
        }

        long sent() {
            return byStatus.getOrDefault("SENT", 0L);
        }
    }

    private Ledger ledger(String pushId) throws SQLException {
        if (ledgerConnection == null) {
            ledgerConnection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
        }
        String status = null;
        String outcome = null;
        try (PreparedStatement statement = ledgerConnection.prepareStatement("SELECT status, outcome FROM push WHERE id = ?")) {
            statement.setObject(1, UUID.fromString(pushId));
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    status = rows.getString(1);
                    outcome = rows.getString(2);
                }
            }
        }
        Map<String, Long> byStatus = new TreeMap<>();
        try (PreparedStatement statement = ledgerConnection.prepareStatement(
                "SELECT status, count(*) FROM push_operation WHERE push_id = ? GROUP BY status")) {
            statement.setObject(1, UUID.fromString(pushId));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byStatus.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return new Ledger(status, outcome, byStatus);
    }

    private long countRows(String sql, String pushId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(pushId));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void awaitProgress(String pushId, long succeededTarget, Process life) throws Exception {
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Ledger now = ledger(pushId);
            if (now.finished() || now.succeeded() >= succeededTarget) {
                return;
            }
            assertTrue(life.isAlive(), "the sync service exited by itself; see " + LOGS);
            Thread.sleep(20);
        }
        throw new AssertionError("no progress within " + BOOT_TIMEOUT + "; see " + LOGS);
    }

    private Ledger awaitFinished(String pushId) throws Exception {
        Instant deadline = Instant.now().plus(FINISH_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Ledger now = ledger(pushId);
            if (now.finished()) {
                return now;
            }
            assertTrue(child.isAlive(), "the sync service exited by itself; see " + LOGS);
            Thread.sleep(200);
        }
        throw new AssertionError("the push did not finish within " + FINISH_TIMEOUT + ": " + ledger(pushId));
    }

    private static long lastSequence(Org org) {
        List<ChangeLogEntry> log = org.changeLog();
        return log.isEmpty() ? 0 : log.get(log.size() - 1).sequence();
    }

    private static Path copyApplication(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (var old = Files.walk(to)) {
                for (Path path : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        try (var files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Files.copy(source, to.resolve(from.relativize(source).toString()));
            }
        }
        return to;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[crash-test %s] %s%n", Instant.now(), String.format(format, args));
    }
}
