package dev.planbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code planbridge plan ...}: fiscal plans in the planning service. */
@Command(name = "plan", description = "Fiscal plans: create, list, show, fork, compare, import, export, review, activate, timeline, reports.",
        subcommands = {PlanCommands.Create.class, PlanCommands.ListPlans.class, PlanCommands.Show.class,
                PlanCommands.Fork.class, PlanCommands.Compare.class, PlanCommands.Import.class,
                PlanCommands.Export.class, PlanCommands.Submit.class, PlanCommands.Approve.class,
                PlanCommands.Reject.class, PlanActivateCommand.class, PlanTimelineCommand.class,
                PlanReportCommands.class})
public class PlanCommands implements Runnable {

    /** Import order: each kind may refer to the ones before it (territories to types, rules to territories, ...). */
    static final List<String> IMPORT_KINDS = List.of("territory-types", "territories", "rules", "overrides",
            "exclusions", "user-assignments", "quotas");

    static final List<String> EXPORT_KINDS = List.of("territory-types", "territories", "rules", "overrides",
            "exclusions", "user-assignments", "quotas", "assignments");

    static final List<String> STATUSES = List.of("DRAFT", "IN_REVIEW", "APPROVED", "SYNCING", "SYNCED",
            "PARTIALLY_SYNCED", "ACTIVE", "SUPERSEDED", "ARCHIVED");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a plan command: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    static String summary(JsonNode plan) {
        return "Plan " + text(plan, "id") + " \"" + text(plan, "name") + "\": " + text(plan, "status") + ", version "
                + text(plan, "version");
    }

    private static String text(JsonNode node, String field) {
        return CommandSupport.text(node, field);
    }

    @Command(name = "create", description = "Create a draft plan; its baseline is a snapshot of the CRM mirror now.")
    static class Create extends CommandSupport implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "Plan name, e.g. \"FY27 Americas\"")
        String name;

        @Option(names = "--fiscal-year-start", required = true, description = "First day of the fiscal year (YYYY-MM-01)")
        String fiscalYearStart;

        @Option(names = "--assign-owners", description = "Set Account.OwnerId to each territory's Owner")
        Boolean assignOwners;

        @Option(names = "--over-assignment", description = "Children may carry this multiple of a parent's quota (1.0-3.0)")
        BigDecimal overAssignment;

        @Option(names = "--auto-push", description = "Once approved, the sync service pushes the plan into Salesforce on its own")
        boolean autoPush;

        @Option(names = "--json", description = "Print the plan as JSON")
        boolean json;

        @Override
        public Integer call() {
            try {
                LocalDate.parse(fiscalYearStart);
            } catch (DateTimeParseException e) {
                throw usage("--fiscal-year-start must be a date like 2027-02-01, not '" + fiscalYearStart + "'");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("fiscalYearStart", fiscalYearStart);
            if (assignOwners != null) {
                body.put("assignAccountOwners", assignOwners);
            }
            if (overAssignment != null) {
                body.put("overAssignmentFactor", overAssignment);
            }
            if (autoPush) {
                body.put("autoPush", true);
            }
            JsonNode plan = context.planning().exchange("POST", "api/v1/plans", Map.of(), null, body).body();
            if (json) {
                printJson(plan);
            } else {
                out().println("Created " + summary(plan));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List plans, newest first.")
    static class ListPlans extends CommandSupport implements Callable<Integer> {
        @Option(names = "--status", description = "Only plans in this status: DRAFT, IN_REVIEW, APPROVED, SYNCING, SYNCED, PARTIALLY_SYNCED, SUPERSEDED")
        String status;

        @Option(names = "--page", defaultValue = "0", description = "Page, from 0")
        int page;

        @Option(names = "--size", defaultValue = "50", description = "Plans per page (1-1000)")
        int size;

        @Option(names = "--json", description = "Print the page as JSON")
        boolean json;

        @Override
        public Integer call() {
            StringBuilder path = new StringBuilder("api/v1/plans?page=" + page + "&size=" + size);
            if (status != null) {
                String wanted = status.toUpperCase(Locale.ROOT).replace('-', '_');
                if (!STATUSES.contains(wanted)) {
                    throw usage("--status must be one of " + String.join(", ", STATUSES) + ", not '" + status + "'");
                }
                path.append("&status=").append(wanted);
            }
            JsonNode result = context.planning().get(path.toString());
            if (json) {
                printJson(result);
                return ExitCodes.OK;
            }
            TextTable table = new TextTable(List.of("ID", "NAME", "STATUS", "VERSION", "FISCAL YEAR", "AUTHOR", "UPDATED"));
            for (JsonNode plan : result.path("items")) {
                table.row(List.of(text(plan, "id"), text(plan, "name"), text(plan, "status"), text(plan, "version"),
                        text(plan, "fiscalYearStart") + " – " + text(plan, "fiscalYearEnd"), text(plan, "author"),
                        text(plan, "updatedAt")));
            }
            out().print(table.render());
            long total = result.path("total").asLong();
            out().println(total + " plan" + (total == 1 ? "" : "s") + (total > result.path("items").size()
                    ? " (page " + page + "; use --page)" : ""));
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show one plan: status, fiscal calendar, review and push.")
    static class Show extends CommandSupport implements Callable<Integer> {
        @Parameters(paramLabel = "PLAN", description = "Plan id")
        String plan;

        @Option(names = "--json", description = "Print the plan as JSON")
        boolean json;

        @Override
        public Integer call() {
            JsonNode p = context.planning().get("api/v1/plans/" + planId(plan));
            if (json) {
                printJson(p);
                return ExitCodes.OK;
            }
            String[][] lines = {
                    {"Id", text(p, "id")}, {"Name", text(p, "name")}, {"Status", text(p, "status")},
                    {"Version", text(p, "version")}, {"Author", text(p, "author")},
                    {"Fiscal year", text(p, "fiscalYearStart") + " – " + text(p, "fiscalYearEnd")},
                    {"Quarters", CommandSupport.joined(p.path("quarters")).replace(";", ", ")},
                    {"Baseline", text(p, "baselineAt")}, {"Forked from", text(p, "forkedFrom")},
                    {"Assigns owners", text(p, "assignAccountOwners")},
                    {"Over-assignment", text(p, "overAssignmentFactor")}, {"Auto-push", text(p, "autoPush")},
                    {"Submitted", (text(p, "submittedBy") + " " + text(p, "submittedAt")).strip()},
                    {"Decided", (text(p, "decidedBy") + " " + text(p, "decidedAt")).strip()},
                    {"Comment", text(p, "decisionComment")}, {"Checksum", text(p, "checksum")},
                    {"Last push", text(p, "lastPushId")}, {"Updated", text(p, "updatedAt")}};
            for (String[] line : lines) {
                if (!line[1].isEmpty()) {
                    out().printf("%-16s %s%n", line[0] + ":", line[1]);
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "fork", description = "Copy a plan (any status) into a new draft what-if scenario.")
    static class Fork extends CommandSupport implements Callable<Integer> {
        @Parameters(paramLabel = "PLAN", description = "Plan id to copy")
        String plan;

        @Option(names = "--name", required = true, description = "Name of the new draft")
        String name;

        @Option(names = "--json", description = "Print the new plan as JSON")
        boolean json;

        @Override
        public Integer call() {
            JsonNode fork = context.planning().exchange("POST", "api/v1/plans/" + planId(plan) + "/fork", Map.of(), null,
                    Map.of("name", name)).body();
            if (json) {
                printJson(fork);
            } else {
                out().println("Forked into " + summary(fork));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "compare", description = "Compare with another plan (per territory) or with the live CRM (per owner).")
    static class Compare extends CommandSupport implements Callable<Integer> {
        @Parameters(paramLabel = "PLAN", description = "Plan id")
        String plan;

        @Option(names = "--with", required = true, description = "Another plan id, or 'live' for the live CRM")
        String with;

        @Option(names = "--json", description = "Print the comparison as JSON")
        boolean json;

        @Option(names = "--csv", description = "Print the comparison as CSV")
        boolean csv;

        @Override
        public Integer call() {
            requireOneFormat(json, csv);
            String other = "live".equals(with) ? "live" : planId(with);
            return printReport("api/v1/plans/" + planId(plan) + "/compare?with=" + other, json, csv,
                    PlanReportCommands::renderDisruption);
        }
    }

    @Command(name = "import", description = "Import CSV files into a draft: one file, or every <kind>.csv of a directory "
            + "in dependency order (territory-types, territories, rules, overrides, exclusions, user-assignments, quotas).")
    static class Import extends CommandSupport implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PLAN", description = "Plan id (a draft)")
        String plan;

        @Parameters(index = "1", paramLabel = "DIR_OR_CSV", description = "A directory of <kind>.csv files, or one CSV file")
        Path source;

        @Option(names = "--kind", description = "What a single file holds (default: its name, e.g. territories.csv)")
        String kind;

        @Option(names = "--etag", description = "The plan version you expect (default: read it first)")
        String etag;

        @Override
        public Integer call() throws IOException {
            String id = planId(plan);
            List<Map.Entry<String, Path>> files = files();
            String ifMatch = etagOf(id, etag);
            TextTable table = new TextTable(List.of("FILE", "KIND", "ROWS", "PLAN VERSION"));
            for (Map.Entry<String, Path> file : files) {
                String name = file.getValue().getFileName().toString();
                ApiClient.Reply reply;
                try {
                    reply = context.planning().exchange("POST", "api/v1/plans/" + id + "/imports/" + file.getKey()
                                    + "?file=" + URLEncoder.encode(name, StandardCharsets.UTF_8), Map.of("If-Match", ifMatch),
                            "text/csv", Files.readAllBytes(file.getValue()));
                } catch (ApiException e) {
                    if (!table.isEmpty()) {
                        out().print(table.render());
                    }
                    throw new ApiException(e.status(), e.title(), (e.detail() == null ? "" : e.detail() + " ")
                            + "(in " + name + (table.isEmpty() ? "; nothing was imported)" : "; the files above were imported)"));
                }
                ifMatch = reply.etag() != null ? reply.etag() : "\"" + text(reply.body(), "planVersion") + "\"";
                table.row(List.of(name, file.getKey(), text(reply.body(), "rows"), text(reply.body(), "planVersion")));
            }
            out().print(table.render());
            return ExitCodes.OK;
        }

        private List<Map.Entry<String, Path>> files() {
            if (Files.isDirectory(source)) {
                if (kind != null) {
                    throw usage("--kind applies to a single file, not to the directory " + source);
                }
                List<Map.Entry<String, Path>> files = new ArrayList<>();
                for (String k : IMPORT_KINDS) {
                    Path file = source.resolve(k + ".csv");
                    if (Files.isRegularFile(file)) {
                        files.add(Map.entry(k, file));
                    }
                }
                if (files.isEmpty()) {
                    throw usage("No CSV files to import in " + source + "; expected some of: "
                            + String.join(", ", IMPORT_KINDS.stream().map(k -> k + ".csv").toList()));
                }
                return files;
            }
            if (!Files.isRegularFile(source)) {
                throw usage("No such file or directory: " + source);
            }
            String name = source.getFileName().toString();
            String chosen = kind != null ? kind : name.replaceFirst("(?i)\\.csv$", "");
            if (!IMPORT_KINDS.contains(chosen)) {
                throw usage(kind != null ? "--kind must be one of " + IMPORT_KINDS + ", not '" + kind + "'"
                        : "Cannot tell what " + name + " holds; name it <kind>.csv or pass --kind, one of " + IMPORT_KINDS);
            }
            return List.of(Map.entry(chosen, source));
        }
    }

    @Command(name = "export", description = "Export plan elements as CSV: one kind to stdout, or every kind into a directory.")
    static class Export extends CommandSupport implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PLAN", description = "Plan id")
        String plan;

        @Parameters(index = "1", arity = "0..1", paramLabel = "KIND",
                description = "territory-types, territories, rules, overrides, exclusions, user-assignments, quotas or "
                        + "assignments (every account's effective territory)")
        String kind;

        @Option(names = "--out", description = "Write <kind>.csv files into this directory (every kind when KIND is omitted)")
        Path outDir;

        @Override
        public Integer call() throws IOException {
            String id = planId(plan);
            if (kind != null && !EXPORT_KINDS.contains(kind)) {
                throw usage("KIND must be one of " + EXPORT_KINDS + ", not '" + kind + "'");
            }
            if (outDir == null) {
                if (kind == null) {
                    throw usage("Name a KIND to print, or pass --out DIR to write every kind");
                }
                out().print(context.planning().text("api/v1/plans/" + id + "/exports/" + kind, "text/csv"));
                return ExitCodes.OK;
            }
            Files.createDirectories(outDir);
            for (String k : kind == null ? EXPORT_KINDS : List.of(kind)) {
                Path file = outDir.resolve(k + ".csv");
                String csv = context.planning().text("api/v1/plans/" + id + "/exports/" + k, "text/csv");
                Files.writeString(file, csv);
                out().println("Wrote " + file + " (" + Math.max(0, csv.lines().count() - 1) + " rows)");
            }
            return ExitCodes.OK;
        }
    }

    /** submit, approve and reject: a POST with the plan's ETag in If-Match. */
    abstract static class Transition extends CommandSupport implements Callable<Integer> {
        @Parameters(paramLabel = "PLAN", description = "Plan id")
        String plan;

        @Option(names = "--etag", description = "The plan version you reviewed (default: read it first)")
        String etag;

        @Option(names = "--json", description = "Print the plan as JSON")
        boolean json;

        abstract String action();

        abstract Object body();

        @Override
        public Integer call() {
            String id = planId(plan);
            String ifMatch = etagOf(id, etag);
            JsonNode result = context.planning().exchange("POST", "api/v1/plans/" + id + "/" + action(),
                    Map.of("If-Match", ifMatch), null, body()).body();
            if (json) {
                printJson(result);
            } else {
                out().println(summary(result));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "submit", description = "Submit a draft for review.")
    static class Submit extends Transition {
        @Override
        String action() {
            return "submit";
        }

        @Override
        Object body() {
            return null;
        }
    }

    @Command(name = "approve", description = "Approve a plan in review (approver; not its author). Sync pushes it when configured to.")
    static class Approve extends Transition {
        @Option(names = "--comment", description = "Why it is approved")
        String comment;

        @Override
        String action() {
            return "approve";
        }

        @Override
        Object body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("comment", comment);
            return body;
        }
    }

    @Command(name = "reject", description = "Send a plan in review back to draft with a comment (approver).")
    static class Reject extends Transition {
        @Option(names = "--comment", required = true, description = "What must change")
        String comment;

        @Override
        String action() {
            return "reject";
        }

        @Override
        Object body() {
            return Map.of("comment", comment);
        }
    }
}
