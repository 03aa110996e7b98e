package dev.planbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code planbridge plan activate <plan> [--at <instant>] [--dry-run] [--force --reason ...]}: make the plan's pushed
 * Territory2Model the org's Active model (sync service, approver), now or at an instant; the dry run lists what the
 * archive of the current Active model deletes.
 */
@Command(name = "activate", description = "Activate the plan's pushed Territory2Model in the CRM, now or --at an "
        + "instant (approver). Salesforce archives the Active model and deletes its territory quotas; they are saved "
        + "first. --dry-run lists them.")
class PlanActivateCommand extends CommandSupport implements Callable<Integer> {

    @Parameters(paramLabel = "PLAN", description = "Plan id")
    String plan;

    @Option(names = "--at", paramLabel = "INSTANT", description = "When to activate (ISO-8601, e.g. 2027-02-01T00:00:00Z); now when absent")
    String at;

    @Option(names = "--dry-run", description = "List what the activation would archive and delete; change nothing")
    boolean dryRun;

    @Option(names = "--force", description = "Activate despite held conflicts or failed records (admin, with --reason)")
    boolean force;

    @Option(names = "--reason", description = "Why the activation is forced (audited)")
    String reason;

    @Option(names = "--json", description = "Print the answer as JSON")
    boolean json;

    @Override
    public Integer call() {
        String planId = planId(plan);
        if (at != null) {
            try {
                Instant.parse(at);
            } catch (DateTimeParseException e) {
                throw usage("--at '" + at + "' is not an ISO-8601 instant (e.g. 2027-02-01T00:00:00Z)");
            }
        }
        if (force && (reason == null || reason.isBlank())) {
            throw usage("--force needs --reason (the reason is audited)");
        }
        if (!force && reason != null) {
            throw usage("--reason goes with --force");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("planId", planId);
        if (at != null) {
            body.put("at", at);
        }
        if (dryRun) {
            body.put("dryRun", true);
        }
        if (force) {
            body.put("force", true);
            body.put("reason", reason);
        }
        JsonNode answer = context.sync().post("api/v1/activations", body);
        if (json) {
            printJson(answer);
            return ExitCodes.OK;
        }
        if (dryRun) {
            printDryRun(answer);
        } else {
            out().printf("Activation %s of plan %s: %s, runs at %s (model %s)%n", text(answer, "id"), planId,
                    text(answer, "status"), text(answer, "runAt"), text(answer, "modelDeveloperName"));
            out().println("Follow it: planbridge plan timeline " + planId);
        }
        return ExitCodes.OK;
    }

    private void printDryRun(JsonNode answer) {
        out().printf("Model %s (%s) is %s.%n", text(answer, "modelDeveloperName"), text(answer, "modelId"),
                text(answer, "modelState"));
        if (text(answer, "archivesModelId").isEmpty()) {
            out().println("No model is Active: nothing is archived, no quota is deleted.");
        } else if (answer.path("quotas").isEmpty()) {
            out().printf("Activating it archives %s (%s); it holds no territory quotas, so none is deleted.%n",
                    text(answer, "archivesModelName"), text(answer, "archivesModelId"));
        } else {
            out().printf("Activating it archives %s (%s); Salesforce deletes its %s territory quotas (saved first):%n",
                    text(answer, "archivesModelName"), text(answer, "archivesModelId"), text(answer, "quotasDeleted"));
            TextTable table = new TextTable(java.util.List.of("Territory", "Owner", "Start", "Amount", "Quantity", "Quota"));
            for (JsonNode q : answer.path("quotas")) {
                table.row(java.util.List.of(text(q, "territoryDeveloperName"), text(q, "ownerId"), text(q, "startDate"),
                        text(q, "amount"), text(q, "quantity"), text(q, "quotaId")));
            }
            out().print(table.render());
        }
        int held = answer.path("heldConflicts").size();
        int failed = answer.path("failedRecords").size();
        if (held + failed > 0) {
            out().printf("Refused unless an admin forces it: %d held conflicts, %d failed records%n", held, failed);
            answer.path("heldConflicts").forEach(c -> out().println("  conflict " + c.asText()));
            answer.path("failedRecords").forEach(r -> out().println("  failed   " + r.asText()));
        }
    }
}
