package dev.planbridge.emulator.bulk;

import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectorConfig;
import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.SalesforceEmulator;

import java.lang.management.ManagementFactory;

/**
 * Benchmark harness (not a test): records/s of one Bulk API 2.0 upsert job vs SOAP upsert calls of 200 records
 * (one force-wsc PartnerConnection), for the same Accounts keyed by External_Id__c (all new, so all created).
 * Emulator and client share the JVM. Command in docs/benchmarks/emulator.md:
 * <pre>java -Xmx1g -cp "$CP" dev.planbridge.emulator.bulk.BulkIngestBenchmark 10000 100000</pre>
 */
public final class BulkIngestBenchmark {

    private static final int SOAP_BATCH = 200;

    private BulkIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("machine: %d cores, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        for (String arg : args.length == 0 ? new String[] {"10000"} : args) {
            int records = Integer.parseInt(arg);
            try (SalesforceEmulator emulator = SalesforceEmulator.start(EmulatorConfig.defaults().toBuilder()
                    .httpsPort(-1).build())) {
                report("bulk", records, emulator, () -> bulk(emulator, records));
            }
            try (SalesforceEmulator emulator = SalesforceEmulator.start(EmulatorConfig.defaults().toBuilder()
                    .httpsPort(-1).build())) {
                report("soap", records, emulator, () -> soap(emulator, records));
            }
        }
    }

    private interface Run {
        void execute() throws Exception;
    }

    /** API calls are the emulator's own count of admitted requests (job-info polls included). */
    private static void report(String path, int records, SalesforceEmulator emulator, Run run) throws Exception {
        long callsBefore = emulator.limits().used();
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        run.execute();
        long calls = emulator.limits().used() - callsBefore;
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        System.out.printf("%-4s %,7d records: %6.2f s wall, %8.0f records/s, %8.0f records/CPU-s, %,d API calls%n",
                path, records, seconds, records / seconds, records / cpuSeconds, calls);
    }

    private static void bulk(SalesforceEmulator emulator, int records) throws Exception {
        StringBuilder csv = new StringBuilder("External_Id__c,Name,Industry,NumberOfEmployees,BillingCountry\n");
        for (int i = 0; i < records; i++) {
            csv.append("BULK-").append(i).append(",Bulk account ").append(i).append(",Technology,")
                    .append(i % 500).append(",Germany\n");
        }
        BulkClient client = BulkClient.clientCredentials(emulator);
        String id = client.submitIngest("{\"object\":\"Account\",\"operation\":\"upsert\","
                + "\"externalIdFieldName\":\"External_Id__c\"}", csv.toString());
        var info = client.awaitTerminal("ingest", id);
        if (!info.get("state").asText().equals("JobComplete") || info.get("numberRecordsFailed").asInt() != 0) {
            throw new IllegalStateException("bulk job did not complete cleanly: " + info);
        }
    }

    private static void soap(SalesforceEmulator emulator, int records) throws Exception {
        ConnectorConfig config = new ConnectorConfig();
        config.setAuthEndpoint(emulator.soapUrl("64.0"));
        config.setUsername(EmulatorConfig.SYNC_USERNAME);
        config.setPassword(EmulatorConfig.SYNC_PASSWORD);
        PartnerConnection connection = Connector.newConnection(config);
        for (int from = 0; from < records; from += SOAP_BATCH) {
            int size = Math.min(SOAP_BATCH, records - from);
            SObject[] batch = new SObject[size];
            for (int i = 0; i < size; i++) {
                SObject account = new SObject("Account");
                account.setField("External_Id__c", "SOAP-" + (from + i));
                account.setField("Name", "Soap account " + (from + i));
                account.setField("Industry", "Technology");
                account.setField("NumberOfEmployees", (from + i) % 500);
                account.setField("BillingCountry", "Germany");
                batch[i] = account;
            }
            for (UpsertResult result : connection.upsert("External_Id__c", batch)) {
                if (!result.isSuccess()) {
                    throw new IllegalStateException("SOAP upsert failed: " + result.getErrors()[0].getMessage());
                }
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
