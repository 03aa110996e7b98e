package dev.planbridge.emulator.generate;

import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.SalesforceEmulator;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Benchmark harness (not a test): SOAP throughput with real WSC clients and the heap of a 100k-account org.
 * Run after {@code ./mvnw -o -q test-compile -pl salesforce-emulator} (see docs/benchmarks/emulator.md):
 * <pre>
 * java -Xmx512m -cp salesforce-emulator/target/test-classes:salesforce-emulator/target/classes:$(cat cp.txt) \
 *      dev.planbridge.emulator.generate.EmulatorBenchmark [throughput|heap|all] [legacy|full] [accounts]
 * </pre>
 * legacy (default) writes the 5 fields and reads the 19 fields Account had before issue #17; full writes the 34
 * standard fields of {@link dev.planbridge.emulator.FullAccountFile} and reads every queryable Account field.
 * throughput: 2 concurrent WSC PartnerConnections over http with gzip (WSC's default), upsert 200 records per call
 * by External_Id__c, then query + queryMore with batchSize 2000 over a generated org; heap: used heap after GC of a
 * generated org with 100,000 accounts and 500 users. Emulator and clients share the JVM (and the 2 cores).
 */
public final class EmulatorBenchmark {

    private static final int CLIENTS = 2;
    private static final int UPSERT_BATCH = 200;
    private static final int QUERY_BATCH = 2_000;
    private static final String LEGACY_QUERY = "SELECT Id, OwnerId, Name, Type, ParentId, BillingCountry, BillingState, "
            + "BillingPostalCode, Industry, AnnualRevenue, NumberOfEmployees, External_Id__c, Segment__c, IsDeleted, "
            + "CreatedDate, CreatedById, LastModifiedDate, LastModifiedById, SystemModstamp FROM Account";
    private static boolean fullAccount;
    /** Accounts of the generated org the query scans (plus the upserted ones); 50,000 unless given. */
    private static int queryOrgAccounts;
    private static String query = LEGACY_QUERY;

    private EmulatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "all" : args[0];
        fullAccount = args.length > 1 && args[1].equals("full");
        queryOrgAccounts = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        if (args.length > 1 && !fullAccount && !args[1].equals("legacy")) {
            throw new IllegalArgumentException("the field set must be legacy or full: " + args[1]);
        }
        System.out.printf("machine: %d cores, java %s (%s), max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        switch (mode) {
            case "throughput" -> throughput();
            case "heap" -> heap();
            case "all" -> {
                throughput();
                heap();
            }
            default -> throw new IllegalArgumentException("mode must be throughput, heap or all: " + mode);
        }
    }

    private static void throughput() throws Exception {
        EmulatorConfig config = EmulatorConfig.defaults().toBuilder().httpsPort(-1).build();
        try (SalesforceEmulator emulator = SalesforceEmulator.start(config)) {
            OrgGenerator.Result seeded = OrgGenerator.generate(emulator.org(),
                    OrgGenerator.Options.of(queryOrgAccounts, 200, 42));
            System.out.printf("org for query: %d accounts (generated in %d ms)%n", seeded.counts().get("Account"),
                    seeded.elapsedMillis());
            if (fullAccount) {
                List<String> fields = emulator.org().schema().objectDef("Account").fields().stream()
                        .filter(f -> !f.isCompound()).map(f -> f.name()).toList();
                query = "SELECT " + String.join(", ", fields) + " FROM Account";
            }
            System.out.printf("field set: %s; query selects %d fields%n", fullAccount ? "full" : "legacy",
                    query.substring(0, query.indexOf(" FROM")).split(",").length);
            List<PartnerConnection> connections = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                connections.add(login(emulator));
            }

            // Warm-up: JIT both paths before measuring.
            run(connections, client -> upsertBatches(connections.get(client), "WARM" + client, 10));
            run(connections, client -> queryAll(connections.get(client), 1));

            int batches = 150;
            long start = System.nanoTime();
            long cpu = processCpuNanos();
            long upserted = run(connections, client -> upsertBatches(connections.get(client), "BENCH" + client, batches));
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
            long calls = (long) CLIENTS * batches;
            System.out.printf("upsert: %d clients x %d calls x %d records: %.2f s -> %.0f calls/s, %.0f records/s "
                    + "(process CPU %.1f s -> %.0f records per CPU-second)%n", CLIENTS, batches, UPSERT_BATCH, seconds,
                    calls / seconds, upserted / seconds, cpuSeconds, upserted / cpuSeconds);

            int rounds = 3;
            long queryCalls = emulator.counters().calls("query") + emulator.counters().calls("queryMore");
            start = System.nanoTime();
            cpu = processCpuNanos();
            long rows = run(connections, client -> queryAll(connections.get(client), rounds));
            seconds = (System.nanoTime() - start) / 1e9;
            cpuSeconds = (processCpuNanos() - cpu) / 1e9;
            queryCalls = emulator.counters().calls("query") + emulator.counters().calls("queryMore") - queryCalls;
            System.out.printf("query: %d clients x %d full scans (%d accounts, batchSize %d): %.2f s -> %.0f calls/s, "
                    + "%.0f rows/s (process CPU %.1f s -> %.0f rows per CPU-second)%n", CLIENTS, rounds,
                    emulator.org().count("Account"), QUERY_BATCH, seconds, queryCalls / seconds, rows / seconds,
                    cpuSeconds, rows / cpuSeconds);
        }
    }

    private static void heap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        EmulatorConfig config = EmulatorConfig.defaults().toBuilder().httpsPort(-1).build();
        try (SalesforceEmulator emulator = SalesforceEmulator.start(config)) {
            long before = usedAfterGc(memory);
            OrgGenerator.Result result = OrgGenerator.generate(emulator.org(), OrgGenerator.Options.of(100_000, 500, 42));
            long after = usedAfterGc(memory);
            System.out.printf("heap: org %s generated in %d ms; used heap after GC %d MB (empty emulator %d MB)%n",
                    result.counts(), result.elapsedMillis(), after / (1024 * 1024), before / (1024 * 1024));
        }
    }

    /** CPU time of the whole process (all threads: clients, emulator, JIT, GC). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static PartnerConnection login(SalesforceEmulator emulator) throws ConnectionException {
        ConnectorConfig config = new ConnectorConfig();
        config.setAuthEndpoint(emulator.soapUrl("64.0"));
        config.setUsername(EmulatorConfig.ADMIN_USERNAME);
        config.setPassword(EmulatorConfig.ADMIN_PASSWORD);
        PartnerConnection connection = Connector.newConnection(config);
        connection.setCallOptions("emulator-benchmark", null);
        return connection;
    }

    /** Runs one task per client concurrently; returns the sum of their results. */
    private static long run(List<PartnerConnection> connections, IntFunction<Long> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections.size());
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < connections.size(); i++) {
                int client = i;
                futures.add(pool.submit(() -> task.apply(client)));
            }
            long total = 0;
            for (Future<Long> future : futures) {
                total += future.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long upsertBatches(PartnerConnection connection, String keyPrefix, int batches) {
        long saved = 0;
        try {
            for (int b = 0; b < batches; b++) {
                SObject[] records = new SObject[UPSERT_BATCH];
                List<java.util.Map<String, String>> full = fullAccount
                        ? dev.planbridge.emulator.FullAccountFile.rows(UPSERT_BATCH, keyPrefix) : null;
                for (int i = 0; i < UPSERT_BATCH; i++) {
                    if (full != null) {
                        java.util.Map<String, String> row = full.get(i);
                        row.put("External_Id__c", keyPrefix + "-" + (b * UPSERT_BATCH + i));
                        records[i] = dev.planbridge.emulator.FullAccountFile.toSObject(row);
                        continue;
                    }
                    SObject account = new SObject("Account");
                    account.setField("External_Id__c", keyPrefix + "-" + (b * UPSERT_BATCH + i));
                    account.setField("Name", "Benchmark Account " + b + "/" + i);
                    account.setField("Industry", "Technology");
                    account.setField("NumberOfEmployees", 100 + i);
                    account.setField("BillingCountry", "Germany");
                    records[i] = account;
                }
                for (UpsertResult result : connection.upsert("External_Id__c", records)) {
                    if (!result.isSuccess()) {
                        throw new IllegalStateException("upsert failed: " + result.getErrors()[0].getMessage());
                    }
                    saved++;
                }
            }
        } catch (ConnectionException e) {
            throw new IllegalStateException(e);
        }
        return saved;
    }

    private static long queryAll(PartnerConnection connection, int rounds) {
        long rows = 0;
        try {
            connection.setQueryOptions(QUERY_BATCH);
            for (int r = 0; r < rounds; r++) {
                QueryResult result = connection.query(query);
                rows += result.getRecords().length;
                while (!result.isDone()) {
                    result = connection.queryMore(result.getQueryLocator());
                    rows += result.getRecords().length;
                }
            }
        } catch (ConnectionException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
