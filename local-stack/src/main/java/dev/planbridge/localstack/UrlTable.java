package dev.planbridge.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The one table printed when the stack is ready: where everything is. No credential ever appears in it. */
public final class UrlTable {

    private record Row(String process, String what, String where) {
    }

    private UrlTable() {
    }

    public static String render(StackPaths paths, StackPorts ports, Set<StackProcess> components,
                                Map<String, Path> tokenFiles) {
        List<Row> rows = new ArrayList<>();
        for (ServiceSpec service : ServiceSpec.ALL) {
            if (!components.contains(service.process())) {
                continue;
            }
            String base = "http://127.0.0.1:" + service.port(ports);
            String name = service.process().processName();
            rows.add(new Row(name, "API", base + "/api"));
            rows.add(new Row("", "OpenAPI", base + "/q/openapi"));
            rows.add(new Row("", "Health", base + "/q/health/ready"));
            rows.add(new Row("", "Metrics", base + "/q/metrics"));
        }
        if (components.contains(StackProcess.SALESFORCE_EMULATOR)) {
            String http = "http://127.0.0.1:" + ports.emulatorHttp();
            rows.add(new Row("salesforce-emulator", "SOAP", ServiceEnvironment.soapUrl(ports)));
            rows.add(new Row("", "SOAP (https)", "https://127.0.0.1:" + ports.emulatorHttps() + "/services/Soap/u/"
                    + ServiceEnvironment.SALESFORCE_API_VERSION));
            rows.add(new Row("", "OAuth token", http + "/services/oauth2/token"));
            rows.add(new Row("", "Admin API", http + "/emulator (token: env EMULATOR_ADMIN_TOKEN)"));
            rows.add(new Row("", "Health", http + "/q/health/ready"));
        }
        if (components.contains(StackProcess.KAFKA)) {
            rows.add(new Row("kafka", "Bootstrap", "127.0.0.1:" + ports.kafka()));
        }
        if (components.contains(StackProcess.POSTGRES)) {
            boolean first = true;
            for (String database : PostgresServer.DATABASES) {
                rows.add(new Row(first ? "postgres" : "", "JDBC " + database,
                        "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/" + database + " (user "
                                + PostgresServer.ROLE + ")"));
                first = false;
            }
        }
        boolean first = true;
        for (Map.Entry<String, Path> token : tokenFiles.entrySet()) {
            rows.add(new Row(first ? "tokens" : "", token.getKey(), paths.display(token.getValue())));
            first = false;
        }
        rows.add(new Row("logs", "one per process", paths.display(paths.logsDir()) + "/<process>.log"));

        int processWidth = rows.stream().mapToInt(r -> r.process().length()).max().orElse(0);
        int whatWidth = rows.stream().mapToInt(r -> r.what().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Row row : rows) {
            out.append("  ").append(pad(row.process(), processWidth)).append("  ").append(pad(row.what(), whatWidth))
                    .append("  ").append(row.where()).append('\n');
        }
        return out.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
