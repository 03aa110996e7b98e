package dev.planbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.planbridge.contracts.ContractsJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code planbridge conflicts ...}: records the CRM changed since the plan's baseline, held back by a push. */
@Command(name = "conflicts", description = "Conflicts of a push: list them, resolve one.",
        subcommands = {ConflictCommands.ListConflicts.class, ConflictCommands.Resolve.class})
public class ConflictCommands implements Runnable {

    static final List<String> CSV_COLUMNS = List.of("id", "pushId", "object", "recordKey", "recordId", "field",
            "baseValue", "planValue", "crmValue", "changedById", "changedByName", "changedAt", "policy", "held",
            "resolution", "resolvedValue", "resolvedBy", "resolvedAt");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a conflicts command: list, resolve");
    }

    @Command(name = "list", description = "List the conflicts of a push (or of a plan's latest push).")
    static class ListConflicts extends CommandSupport implements Callable<Integer> {
        @Parameters(paramLabel = "PLAN_OR_PUSH", description = "A push id, or a plan id for its latest push")
        String planOrPush;

        @Option(names = "--open", description = "Only conflicts not resolved yet")
        boolean open;

        @Option(names = "--json", description = "Print the conflicts as JSON")
        boolean json;

        @Option(names = "--csv", description = "Print the conflicts as CSV")
        boolean csv;

        @Override
        public Integer call() {
            requireOneFormat(json, csv);
            ApiClient sync = context.sync();
            JsonNode push = PushCommands.resolvePush(sync, planOrPush, p -> true, "push");
            JsonNode all = sync.get("api/v1/pushes/" + text(push, "id") + "/conflicts");
            ArrayNode shown = ContractsJson.mapper().createArrayNode();
            for (JsonNode c : all) {
                if (!open || text(c, "resolution").isEmpty()) {
                    shown.add(c);
                }
            }
            if (json) {
                printJson(shown);
            } else if (csv) {
                List<List<String>> rows = new ArrayList<>();
                for (JsonNode c : shown) {
                    rows.add(CSV_COLUMNS.stream().map(column -> text(c, column)).toList());
                }
                out().print(Csv.render(CSV_COLUMNS, rows));
            } else {
                out().println("Push " + text(push, "id") + " (" + text(push, "mode") + ") of plan " + text(push, "planId"));
                out().print(PushReport.conflictTable(shown));
                out().println(shown.size() + " conflict" + (shown.size() == 1 ? "" : "s") + (open ? " open" : ""));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "resolve", description = "Settle one conflict: keep the plan's value, the CRM's, or a value of your own "
            + "(approver or admin); then push it with: planbridge push follow-up PUSH.")
    static class Resolve extends CommandSupport implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PLAN_OR_PUSH", description = "The push holding the conflict, or its plan id")
        String planOrPush;

        @Parameters(index = "1", paramLabel = "CONFLICT", description = "Conflict id (see: planbridge conflicts list)")
        String conflict;

        @Option(names = "--keep", required = true, description = "plan, crm or value")
        String keep;

        @Option(names = "--value", description = "The value to write, with --keep value")
        String value;

        @Option(names = "--json", description = "Print the resolved conflict as JSON")
        boolean json;

        @Override
        public Integer call() {
            if (!List.of("plan", "crm", "value").contains(keep)) {
                throw usage("--keep must be plan, crm or value, not '" + keep + "'");
            }
            if (keep.equals("value") != (value != null)) {
                throw usage(value == null ? "--keep value needs --value" : "--value only goes with --keep value");
            }
            try {
                UUID.fromString(conflict);
            } catch (IllegalArgumentException e) {
                throw usage("'" + conflict + "' is not a conflict id (see: planbridge conflicts list)");
            }
            ApiClient sync = context.sync();
            JsonNode push = PushCommands.resolvePush(sync, planOrPush,
                    p -> "apply".equals(text(p, "mode")) && !"UNDO".equals(text(p, "kind")), "push");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("keep", keep);
            if (value != null) {
                body.put("value", value);
            }
            JsonNode resolved = sync.exchange("POST", "api/v1/pushes/" + text(push, "id") + "/conflicts/" + conflict
                    + "/resolve", Map.of(), null, body).body();
            if (json) {
                printJson(resolved);
            } else {
                String kept = text(resolved, "resolution").equals("value") ? "value " + text(resolved, "resolvedValue")
                        : "the " + text(resolved, "resolution") + " value";
                out().println("Resolved " + text(resolved, "object") + " " + text(resolved, "recordKey") + " "
                        + text(resolved, "field") + ": keep " + kept + ". Push it with: planbridge push follow-up "
                        + text(push, "id"));
            }
            return ExitCodes.OK;
        }
    }
}
