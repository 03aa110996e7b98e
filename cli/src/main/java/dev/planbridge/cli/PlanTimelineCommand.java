package dev.planbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.planbridge.contracts.ContractsJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code planbridge plan timeline <plan>}: the plan's life in one list, oldest first: review and approval, pushes and
 * their outcomes, go-live (from the planning service's audit of the plan) and activations, scheduled ones included
 * (from the sync service).
 */
@Command(name = "timeline", description = "The plan's life, oldest first: review, approval, pushes, activation "
        + "(scheduled ones included).")
class PlanTimelineCommand extends CommandSupport implements Callable<Integer> {

    /** One moment of the plan's life. */
    record Moment(String at, String what, String who, String detail) {
    }

    @Parameters(paramLabel = "PLAN", description = "Plan id")
    String plan;

    @Option(names = "--json", description = "Print the timeline as JSON")
    boolean json;

    @Override
    public Integer call() {
        String planId = planId(plan);
        List<Moment> moments = new ArrayList<>();
        JsonNode audit = context.planning().get("api/v1/plans/" + planId + "/audit?entity=plan&size=1000");
        for (JsonNode entry : audit.path("items")) {
            moments.add(new Moment(text(entry, "at"), text(entry, "action"), text(entry, "actor"),
                    statusChange(entry)));
        }
        for (JsonNode activation : context.sync().get("api/v1/activations?planId=" + planId)) {
            String status = text(activation, "status");
            String detail = "model " + text(activation, "modelDeveloperName") + ", " + status
                    + (activation.path("forced").asBoolean() ? ", forced: " + text(activation, "forceReason") : "")
                    + (text(activation, "lastError").isEmpty() ? "" : ", last error: " + text(activation, "lastError"));
            moments.add(new Moment(text(activation, "createdAt"), "activation-requested",
                    text(activation, "requestedBy"), detail));
            if ("SCHEDULED".equals(status) || "ACTIVATING".equals(status)) {
                moments.add(new Moment(text(activation, "runAt"), "activation-due", "", "upcoming"));
            } else if ("ACTIVE".equals(status)) {
                moments.add(new Moment(text(activation, "activatedAt"), "model-active", "sync-service",
                        "archived " + (text(activation, "archivedModelName").isEmpty() ? "no model"
                                : text(activation, "archivedModelName")) + ", re-created "
                                + text(activation, "recreatedQuotas") + " saved quotas"));
            }
        }
        moments.sort(Comparator.comparing(Moment::at));
        if (json) {
            ArrayNode array = ContractsJson.mapper().createArrayNode();
            moments.forEach(m -> array.add(ContractsJson.mapper().valueToTree(m)));
            printJson(array);
            return ExitCodes.OK;
        }
        TextTable table = new TextTable(List.of("When", "What", "Who", "Detail"));
        moments.forEach(m -> table.row(List.of(m.at(), m.what(), m.who(), m.detail())));
        out().print(table.render());
        return ExitCodes.OK;
    }

    private static String statusChange(JsonNode entry) {
        String before = text(entry.path("before"), "status");
        String after = text(entry.path("after"), "status");
        if (before.isEmpty() && after.isEmpty()) {
            return "";
        }
        return before + " → " + after;
    }
}
