package dev.planbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code planbridge push ...}: pushes of plans into Salesforce through the sync service. */
@Command(name = "push", description = "Push a plan into the CRM: dry-run, apply, status, undo, follow-up.",
        subcommands = {PushCommands.DryRun.class, PushCommands.Apply.class, PushCommands.Status.class,
                PushCommands.Undo.class, PushCommands.FollowUp.class})
public class PushCommands implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a push command: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** Shared by the commands that start or watch a push: progress display, output and the exit code. */
    abstract static class PushCommand extends CommandSupport {
        @Option(names = "--progress", defaultValue = "auto",
                description = "auto (a live bar on a terminal, one line per step otherwise), live, lines or none")
        String progress;

        @Option(names = "--no-wait", description = "Print the push id and return without following it")
        boolean noWait;

        @Option(names = "--json", description = "Print the final push (with its report) as JSON")
        boolean json;

        PushFollower.Display display() {
            return switch (progress) {
                case "auto" -> System.console() != null ? PushFollower.Display.LIVE : PushFollower.Display.LINES;
                case "live" -> PushFollower.Display.LIVE;
                case "lines" -> PushFollower.Display.LINES;
                case "none" -> PushFollower.Display.NONE;
                default -> throw usage("--progress must be auto, live, lines or none, not '" + progress + "'");
            };
        }

        /** Follows a started push to its end, prints the report, and turns its outcome into the exit code. */
        int followAndReport(JsonNode started) throws Exception {
            PushFollower.Display display = display();
            String pushId = text(started, "id");
            if (noWait) {
                out().println(json ? started.toPrettyString() : "Started push " + pushId + " (" + text(started, "mode")
                        + "); follow it with: planbridge push status " + pushId + " --follow");
                return ExitCodes.OK;
            }
            ApiClient sync = context.sync();
            new PushFollower(sync, err(), display, 500).follow(pushId);
            return report(sync.get("api/v1/pushes/" + pushId));
        }

        int report(JsonNode push) {
            String pushId = text(push, "id");
            boolean finished = isFinished(push);
            if (json) {
                printJson(push);
            } else {
                JsonNode conflicts = context.sync().get("api/v1/pushes/" + pushId + "/conflicts");
                out().print(PushReport.render(push, conflicts));
                if (finished && !conflicts.isEmpty() && "apply".equals(text(push, "mode"))) {
                    out().println("Resolve with: planbridge conflicts resolve " + pushId
                            + " <conflict> --keep plan|crm|value, then: planbridge push follow-up " + pushId);
                }
            }
            return exitCodeOf(push);
        }
    }

    static boolean isFinished(JsonNode push) {
        String status = CommandSupport.text(push, "status");
        return status.equals("COMPLETED") || status.equals("FAILED");
    }

    /** 0 when everything the plan wanted is in the CRM, {@link ExitCodes#PARTIAL} when records were held or failed. */
    static int exitCodeOf(JsonNode push) {
        if ("FAILED".equals(CommandSupport.text(push, "status")) || "FAILED".equals(CommandSupport.text(push, "outcome"))) {
            return ExitCodes.SERVICE_FAILED;
        }
        return "PARTIALLY_SYNCED".equals(CommandSupport.text(push, "outcome")) ? ExitCodes.PARTIAL : ExitCodes.OK;
    }

    /**
     * A push id, or a plan id standing for the plan's newest push that {@code wanted} accepts. Push ids are UUIDs;
     * anything else can only be a plan.
     */
    static JsonNode resolvePush(ApiClient sync, String planOrPush, Predicate<JsonNode> wanted, String what) {
        if (!planOrPush.matches("[A-Za-z0-9._:-]{1,100}")) {
            throw new IllegalArgumentException("'" + planOrPush + "' is neither a plan id nor a push id");
        }
        if (isUuid(planOrPush)) {
            try {
                return sync.get("api/v1/pushes/" + planOrPush);
            } catch (ApiException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        JsonNode pushes = sync.get("api/v1/pushes?planId=" + URLEncoder.encode(planOrPush, StandardCharsets.UTF_8)
                + "&limit=100");
        for (JsonNode push : pushes) {
            if (wanted.test(push)) {
                return push;
            }
        }
        throw new ApiException(404, "Not found", "No " + what + " with id " + planOrPush + ", and no plan "
                + planOrPush + " with one");
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** dry-run and apply: {@code POST /api/v1/pushes}. */
    abstract static class Start extends PushCommand implements Callable<Integer> {
        @Parameters(paramLabel = "PLAN", description = "Plan id (approved, for apply)")
        String plan;

        @Option(names = "--scope", split = ",", description = "Parts to push: territories, user-assignments, "
                + "account-assignments, account-owners, quotas (default: all but account-owners)")
        List<String> scope;

        @Option(names = "--policy", description = "Conflict policy, e.g. --policy default=FLAG --policy Account.OwnerId=PLAN_WINS")
        Map<String, String> policies;

        @Option(names = "--handoff", description = "Opportunity handoff: follow-account (default) or stay-with-owner")
        String handoff;

        @Option(names = "--model", description = "DeveloperName of an existing Planning Territory2Model to write into")
        String model;

        abstract String mode();

        @Override
        public Integer call() throws Exception {
            display(); // reject a bad --progress before starting anything
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("planId", planId(plan));
            body.put("mode", mode());
            if (scope != null) {
                body.put("scope", scope);
            }
            if (policies != null) {
                body.put("policies", policies);
            }
            if (handoff != null) {
                body.put("opportunityHandoff", handoff);
            }
            if (model != null) {
                body.put("model", model);
            }
            JsonNode started = context.sync().exchange("POST", "api/v1/pushes", Map.of(), null, body).body();
            return followAndReport(started);
        }
    }

    @Command(name = "dry-run", description = "Compare the plan with the CRM and report what a push would write; writes nothing.")
    static class DryRun extends Start {
        @Override
        String mode() {
            return "dry-run";
        }
    }

    @Command(name = "apply", description = "Write the plan into the CRM (approver or admin), with a live progress bar.")
    static class Apply extends Start {
        @Override
        String mode() {
            return "apply";
        }
    }

    @Command(name = "status", description = "Show a push (or a plan's latest push) and its report; --follow waits for its end.")
    static class Status extends PushCommand implements Callable<Integer> {
        @Parameters(paramLabel = "PLAN_OR_PUSH", description = "A push id, or a plan id for its latest push")
        String planOrPush;

        @Option(names = "--follow", description = "If the push is still running, show its progress until it ends")
        boolean follow;

        @Override
        public Integer call() throws Exception {
            display();
            ApiClient sync = context.sync();
            JsonNode push = resolvePush(sync, planOrPush, p -> true, "push");
            if (follow && !isFinished(push)) {
                new PushFollower(sync, err(), display(), 500).follow(text(push, "id"));
                push = sync.get("api/v1/pushes/" + text(push, "id"));
            }
            int exit = report(push);
            return isFinished(push) ? exit : ExitCodes.OK;
        }
    }

    @Command(name = "undo", description = "Put back what a push changed (approver or admin): a push id, or a plan's latest applied push.")
    static class Undo extends PushCommand implements Callable<Integer> {
        @Parameters(paramLabel = "PLAN_OR_PUSH", description = "A push id, or a plan id for its latest applied push")
        String planOrPush;

        @Override
        public Integer call() throws Exception {
            display();
            ApiClient sync = context.sync();
            JsonNode target = resolvePush(sync, planOrPush,
                    p -> "apply".equals(text(p, "mode")) && !"UNDO".equals(text(p, "kind")), "applied push");
            JsonNode started = sync.exchange("POST", "api/v1/pushes/" + text(target, "id") + "/undo", Map.of(), null,
                    null).body();
            return followAndReport(started);
        }
    }

    @Command(name = "follow-up", description = "Push the records whose conflicts were resolved (approver or admin).")
    static class FollowUp extends PushCommand implements Callable<Integer> {
        @Parameters(paramLabel = "PLAN_OR_PUSH", description = "The push whose conflicts were resolved, or its plan id")
        String planOrPush;

        @Override
        public Integer call() throws Exception {
            display();
            ApiClient sync = context.sync();
            JsonNode parent = resolvePush(sync, planOrPush,
                    p -> "apply".equals(text(p, "mode")) && !"UNDO".equals(text(p, "kind")), "applied push");
            JsonNode started = sync.exchange("POST", "api/v1/pushes/" + text(parent, "id") + "/follow-up", Map.of(),
                    null, null).body();
            return followAndReport(started);
        }
    }
}
