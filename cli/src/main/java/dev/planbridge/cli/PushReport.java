package dev.planbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The final report of a push as a terminal shows it: outcome, operations per object, totals and conflicts. */
final class PushReport {

    private PushReport() {
    }

    static String headline(JsonNode push) {
        String outcome = CommandSupport.text(push, "outcome");
        return "Push " + CommandSupport.text(push, "id") + " (" + CommandSupport.text(push, "mode")
                + kind(push) + ") of plan " + CommandSupport.text(push, "planId") + ": "
                + CommandSupport.text(push, "status") + (outcome.isEmpty() ? "" : ", " + outcome)
                + String.format(", %,d API calls", push.path("apiCalls").asLong())
                + duration(push.path("report").path("durationMillis"));
    }

    private static String kind(JsonNode push) {
        String kind = CommandSupport.text(push, "kind");
        return kind.isEmpty() || kind.equals("PUSH") ? "" : ", " + kind.toLowerCase().replace('_', '-')
                + " of " + CommandSupport.text(push, "parentPushId");
    }

    private static String duration(JsonNode millis) {
        return millis.isNumber() ? String.format(", %.1f s", millis.asLong() / 1000.0) : "";
    }

    static String render(JsonNode push, JsonNode conflicts) {
        StringBuilder out = new StringBuilder(headline(push)).append('\n');
        if (!CommandSupport.text(push, "error").isEmpty()) {
            // A push still running shows why its last attempt failed (it retries a bounded number of times).
            out.append(PushCommands.isFinished(push) ? "Error: " : "Retrying after an error: ")
                    .append(CommandSupport.text(push, "error")).append('\n');
        }
        JsonNode report = push.path("report");
        JsonNode operations = report.path("operations");
        JsonNode planned = report.path("planned");
        if (operations.isObject() && !operations.isEmpty()) {
            // "Account UPDATE" -> {SUCCEEDED: n, CONFLICT: m, ...}
            Set<String> statuses = new LinkedHashSet<>();
            operations.forEach(byStatus -> byStatus.fieldNames().forEachRemaining(statuses::add));
            List<String> header = new ArrayList<>(List.of("OBJECT", "OPERATION"));
            header.addAll(statuses);
            TextTable table = new TextTable(header);
            for (Iterator<Map.Entry<String, JsonNode>> it = operations.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String[] objectAndOp = entry.getKey().split(" ", 2);
                List<String> row = new ArrayList<>(List.of(objectAndOp[0], objectAndOp.length > 1 ? objectAndOp[1] : ""));
                statuses.forEach(s -> row.add(CommandSupport.amount(entry.getValue().get(s))));
                table.row(row);
            }
            out.append(table.render());
        } else if (planned.isObject() && !planned.isEmpty()) {
            TextTable table = new TextTable(List.of("OBJECT", "OPERATION", "PLANNED"));
            planned.fields().forEachRemaining(e -> {
                String[] objectAndOp = e.getKey().split(" ", 2);
                table.row(List.of(objectAndOp[0], objectAndOp.length > 1 ? objectAndOp[1] : "",
                        CommandSupport.amount(e.getValue())));
            });
            out.append(table.render());
        }
        Map<String, String> totals = new LinkedHashMap<>();
        totals.put("written", number(report, "written"));
        totals.put("unchanged", sum(report.path("unchanged")));
        totals.put("conflicts", number(report, "conflicts"));
        totals.put("held back", number(report, "heldConflicts"));
        totals.put("failed", number(report, "failed"));
        totals.put("invalid", number(report, "invalidRecords"));
        totals.put("estimated write calls", number(report, "estimatedWriteCallsTotal"));
        List<String> parts = new ArrayList<>();
        totals.forEach((name, value) -> {
            if (!value.isEmpty()) {
                parts.add(value + " " + name);
            }
        });
        if (!parts.isEmpty()) {
            out.append(String.join(", ", parts)).append('\n');
        }
        if (conflicts != null && conflicts.isArray() && !conflicts.isEmpty()) {
            out.append("Conflicts (changed in the CRM since the plan's baseline):\n").append(conflictTable(conflicts));
        }
        if (!CommandSupport.text(report, "note").isEmpty()) {
            out.append("Note: ").append(CommandSupport.text(report, "note")).append('\n');
        }
        return out.toString();
    }

    static String conflictTable(JsonNode conflicts) {
        TextTable table = new TextTable(List.of("CONFLICT", "OBJECT", "RECORD", "FIELD", "BASE", "PLAN", "CRM",
                "CHANGED BY", "HELD", "RESOLUTION"));
        for (JsonNode c : conflicts) {
            String record = CommandSupport.text(c, "recordKey");
            String resolution = CommandSupport.text(c, "resolution");
            if (resolution.equals("value")) {
                resolution = "value " + CommandSupport.text(c, "resolvedValue");
            }
            table.row(List.of(CommandSupport.text(c, "id"), CommandSupport.text(c, "object"),
                    CommandSupport.shortText(record.isEmpty() ? CommandSupport.text(c, "recordId") : record, 40),
                    CommandSupport.text(c, "field"), CommandSupport.shortText(CommandSupport.text(c, "baseValue"), 24),
                    CommandSupport.shortText(CommandSupport.text(c, "planValue"), 24),
                    CommandSupport.shortText(CommandSupport.text(c, "crmValue"), 24),
                    CommandSupport.text(c, "changedByName").isEmpty() ? CommandSupport.text(c, "changedById")
                            : CommandSupport.text(c, "changedByName"),
                    c.path("held").asBoolean() ? "yes" : "no", resolution.isEmpty() ? "open" : resolution));
        }
        return table.render();
    }

    private static String number(JsonNode report, String field) {
        JsonNode value = report.get(field);
        return value == null || !value.isNumber() ? "" : String.format("%,d", value.asLong());
    }

    private static String sum(JsonNode byObject) {
        if (!byObject.isObject()) {
            return "";
        }
        long total = 0;
        for (JsonNode value : byObject) {
            total += value.asLong();
        }
        return String.format("%,d", total);
    }
}
