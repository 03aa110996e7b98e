package dev.planbridge.emulator.soql;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Arrays;

/**
 * Measures compile and execute times over 100,000 accounts (see docs/benchmarks/soql.md). Not a test: run with
 * {@code java -cp salesforce-emulator/target/classes:salesforce-emulator/target/test-classes
 * dev.planbridge.emulator.soql.SoqlBenchmark}.
 */
public final class SoqlBenchmark {

    private static final String[] QUERIES = {
        "SELECT Id, Name FROM Account WHERE Industry = 'Energy'",
        "SELECT Id, Name FROM Account WHERE NumberOfEmployees > 99000",
        "SELECT COUNT() FROM Account WHERE Name LIKE 'Account 99%'",
        "SELECT Id, Name, Owner.Name FROM Account WHERE Industry IN ('Finance', 'Retail') AND Owner.IsActive = true",
        "SELECT Id, Name FROM Account WHERE Industry = 'Energy' ORDER BY Name DESC LIMIT 2000",
        "SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity WHERE IsClosed = true)",
        "SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:30",
    };

    private SoqlBenchmark() {
    }

    public static void main(String[] args) {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        LargeOrgFixture fixture = new LargeOrgFixture(accounts);
        SoqlEngine engine = new SoqlEngine(fixture.org);
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        System.out.printf("accounts=%d, opportunities=%d, cores=%d, java=%s%n", accounts, accounts / 10,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("| query | rows | compile µs (median) | execute ms wall (median / p90) | execute ms CPU (median) |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String soql : QUERIES) {
            int iterations = 30;
            long[] compile = new long[iterations];
            long[] execute = new long[iterations];
            long[] cpu = new long[iterations];
            int size = 0;
            for (int warm = 0; warm < 10; warm++) {
                engine.execute(engine.compile(soql), fixture.org, false, now);
            }
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                CompiledQuery q = engine.compile(soql);
                long c1 = threads.getCurrentThreadCpuTime();
                long t1 = System.nanoTime();
                size = engine.execute(q, fixture.org, false, now).size();
                long t2 = System.nanoTime();
                cpu[i] = threads.getCurrentThreadCpuTime() - c1;
                compile[i] = t1 - t0;
                execute[i] = t2 - t1;
            }
            Arrays.sort(compile);
            Arrays.sort(execute);
            Arrays.sort(cpu);
            System.out.printf("| `%s` | %d | %.0f | %.1f / %.1f | %.1f |%n", soql, size, compile[iterations / 2] / 1e3,
                    execute[iterations / 2] / 1e6, execute[iterations * 9 / 10] / 1e6, cpu[iterations / 2] / 1e6);
        }
    }
}
