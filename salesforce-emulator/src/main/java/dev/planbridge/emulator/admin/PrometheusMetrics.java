package dev.planbridge.emulator.admin;

import dev.planbridge.emulator.ApiCounters;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.generate.ActivitySimulator;

import java.util.Map;

/**
 * Renders the emulator's counters in the Prometheus text exposition format (version 0.0.4), hand-written to keep
 * the plain-JVM emulator free of a metrics library: API calls per call type and per client, records per call type,
 * faults per exception code, sessions, daily API usage, live records per object, simulator changes.
 */
final class PrometheusMetrics {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusMetrics() {
    }

    static String render(SalesforceEmulator emulator, ActivitySimulator simulator) {
        StringBuilder out = new StringBuilder(4_096);
        ApiCounters.Snapshot counters = emulator.counters().snapshot();
        counter(out, "sf_emulator_api_calls_total", "SOAP API calls per call type.", "call", counters.callsByType());
        counter(out, "sf_emulator_api_calls_by_client_total", "SOAP API calls per CallOptions client id.", "client",
                counters.callsByClient());
        counter(out, "sf_emulator_api_records_total",
                "Records per call type (written by create/update/upsert/delete/undelete, returned by query/retrieve).",
                "call", counters.recordsByType());
        counter(out, "sf_emulator_api_faults_total", "SOAP faults returned per exception code.", "code",
                counters.faultsByCode());
        gauge(out, "sf_emulator_sessions", "Open API sessions.", emulator.sessions().count());
        gauge(out, "sf_emulator_api_requests_used", "API requests counted against today's allocation.",
                emulator.limits().used());
        gauge(out, "sf_emulator_api_requests_daily_allocation", "Daily API request allocation.",
                emulator.limits().dailyAllocation());
        gauge(out, "sf_emulator_api_requests_in_flight", "API requests being processed.", emulator.limits().inFlight());
        header(out, "sf_emulator_org_records", "Live records per sObject type.", "gauge");
        emulator.org().counts().forEach((object, count) -> sample(out, "sf_emulator_org_records", "object", object, count));
        ActivitySimulator.Status status = simulator.status();
        header(out, "sf_emulator_simulator_changes_total", "Changes made by the activity simulator.", "counter");
        status.changesByKind().forEach((kind, count) ->
                sample(out, "sf_emulator_simulator_changes_total", "kind", kind.name().toLowerCase(), count));
        gauge(out, "sf_emulator_simulator_failures_total", "Simulator changes the org rejected.", status.failures());
        gauge(out, "sf_emulator_simulator_running", "1 while the activity simulator runs.", status.running() ? 1 : 0);
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, String label, Map<String, Long> values) {
        header(out, name, help, "counter");
        values.forEach((key, value) -> sample(out, name, label, key, value));
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        header(out, name, help, "gauge");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String label, String labelValue, long value) {
        out.append(name).append('{').append(label).append("=\"").append(escape(labelValue)).append("\"} ")
                .append(value).append('\n');
    }

    /** Label values escape backslash, double quote and newline. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
