package dev.planbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code planbridge plan report ...}: the planning service's reports as aligned tables, JSON or CSV. */
@Command(name = "report", description = "Plan reports: balancer, disruption, crm-changes, health.",
        subcommands = {PlanReportCommands.Balancer.class, PlanReportCommands.Disruption.class,
                PlanReportCommands.CrmChanges.class, PlanHealthCommand.class})
public class PlanReportCommands implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a report: balancer, disruption, crm-changes, health");
    }

    abstract static class Report extends CommandSupport implements Callable<Integer> {
        @Parameters(paramLabel = "PLAN", description = "Plan id")
        String plan;

        @Option(names = "--json", description = "Print the report as JSON")
        boolean json;

        @Option(names = "--csv", description = "Print the report as CSV")
        boolean csv;
    }

    @Command(name = "balancer", description = "Per territory: accounts, potential, open pipeline, owners, quota, quota/potential.")
    static class Balancer extends Report {
        @Override
        public Integer call() {
            return printReport("api/v1/plans/" + planId(plan) + "/reports/balancer", json, csv,
                    PlanReportCommands::renderBalancer);
        }
    }

    static String renderBalancer(JsonNode report) {
        if (report.path("metrics").size() > 0) {
            return renderChosenMetrics(report);
        }
        TextTable table = new TextTable(List.of("TERRITORY", "NAME", "PARENT", "ACCOUNTS", "POTENTIAL", "PIPELINE",
                "OWNERS", "QUOTA", "QUOTA/POT", "FLAGS"));
        for (JsonNode t : report.path("territories")) {
            table.row(List.of(text(t, "key"), CommandSupport.shortText(text(t, "name"), 32), text(t, "parentKey"),
                    CommandSupport.amount(t.get("accounts")), CommandSupport.amount(t.get("potential")),
                    CommandSupport.amount(t.get("openPipeline")),
                    // names for people to read; the ids stay in --json and the CSV's owners column
                    CommandSupport.joined(t.has("ownerNames") ? t.path("ownerNames") : t.path("owners")),
                    CommandSupport.amount(t.get("quota")), CommandSupport.ratio(t.get("quotaToPotential"), 2),
                    CommandSupport.joined(t.path("flags"))));
        }
        StringBuilder out = new StringBuilder(table.render());
        // band is a fraction of the sibling mean (0.25 = flagged when more than 25 % away from it)
        out.append(String.format("%,d accounts, %,d unassigned; plan version %s; siblings flagged beyond ±%.0f%% of their mean%n",
                report.path("accounts").asLong(), report.path("unassignedAccounts").asLong(), text(report, "version"),
                report.path("band").asDouble() * 100));
        return out.toString();
    }

    /** The plan's chosen metrics as columns, in its order, headed by their labels. */
    static String renderChosenMetrics(JsonNode report) {
        List<String> header = new ArrayList<>(List.of("TERRITORY", "NAME", "PARENT"));
        report.path("metrics").forEach(m -> header.add(text(m, "label").toUpperCase(Locale.ROOT)));
        header.addAll(List.of("OWNERS", "QUOTA/POT", "FLAGS"));
        TextTable table = new TextTable(header);
        for (JsonNode t : report.path("territories")) {
            List<String> row = new ArrayList<>(List.of(text(t, "key"), CommandSupport.shortText(text(t, "name"), 32),
                    text(t, "parentKey")));
            t.path("metrics").forEach(v -> row.add(CommandSupport.amount(v)));
            row.add(CommandSupport.joined(t.has("ownerNames") ? t.path("ownerNames") : t.path("owners")));
            row.add(CommandSupport.ratio(t.get("quotaToPotential"), 2));
            row.add(CommandSupport.joined(t.path("flags")));
            table.row(row);
        }
        return table.render() + String.format("%,d accounts, %,d unassigned; potential = %s; plan version %s; "
                        + "siblings flagged beyond ±%.0f%% of their mean%n", report.path("accounts").asLong(),
                report.path("unassignedAccounts").asLong(), text(report, "potentialField"), text(report, "version"),
                report.path("band").asDouble() * 100);
    }

    @Command(name = "disruption", description = "Accounts kept, gained and lost per owner against the baseline or the live CRM.")
    static class Disruption extends Report {
        @Option(names = "--against", defaultValue = "baseline", description = "baseline (default) or live")
        String against;

        @Override
        public Integer call() {
            requireOneFormat(json, csv);
            if (!against.equals("baseline") && !against.equals("live")) {
                throw usage("--against must be baseline or live, not '" + against + "'");
            }
            return printReport("api/v1/plans/" + planId(plan) + "/reports/disruption?against=" + against, json, csv,
                    PlanReportCommands::renderDisruption);
        }
    }

    /** Disruption and compare share one shape: holders (owners or territories) with kept/gained/lost. */
    static String renderDisruption(JsonNode report) {
        String by = text(report, "by").isEmpty() ? "holder" : text(report, "by");
        TextTable table = new TextTable(List.of(by.toUpperCase(Locale.ROOT), "KEPT", "GAINED", "LOST", "BOOK MOVED %",
                "PIPELINE GAINED", "PIPELINE LOST", "LOST WITH OPEN OPPS"));
        for (JsonNode h : report.path("holders")) {
            long kept = h.path("kept").asLong();
            long lost = h.path("lost").asLong();
            double moved = kept + lost == 0 ? 0 : 100.0 * lost / (kept + lost);
            String holder = text(h, "name").isEmpty() ? text(h, "holder") : text(h, "name");
            table.row(List.of(holder, CommandSupport.amount(h.get("kept")),
                    CommandSupport.amount(h.get("gained")), CommandSupport.amount(h.get("lost")),
                    String.format("%.1f", moved), CommandSupport.amount(h.get("pipelineGained")),
                    CommandSupport.amount(h.get("pipelineLost")), CommandSupport.amount(h.get("lostWithOpenOpportunities"))));
        }
        return table.render() + String.format("%,d of %,d accounts move (%.1f%%) against %s; %s pipeline moving, "
                        + "%,d moved accounts with open opportunities%n", report.path("moved").asLong(),
                report.path("accounts").asLong(), report.path("movedPercent").asDouble(), text(report, "against"),
                CommandSupport.amount(report.get("pipelineMoving")), report.path("movedWithOpenOpportunities").asLong());
    }

    @Command(name = "crm-changes", description = "CRM changes since the plan's baseline that affect it.")
    static class CrmChanges extends Report {
        @Option(names = "--page", defaultValue = "0", description = "Page, from 0")
        int page;

        @Option(names = "--size", defaultValue = "100", description = "Changes per page (1-1000)")
        int size;

        @Override
        public Integer call() {
            requireOneFormat(json, csv);
            JsonNode result = context.planning().get("api/v1/plans/" + planId(plan) + "/reports/crm-changes?page="
                    + page + "&size=" + size);
            if (json) {
                printJson(result);
                return ExitCodes.OK;
            }
            List<String> header = List.of("accountId", "name", "kinds", "baselineOwnerId", "liveOwnerId",
                    "baselineTerritory", "liveTerritory", "baselineModstamp", "liveModstamp");
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode change : result.path("items")) {
                List<String> row = new ArrayList<>();
                for (String column : header) {
                    row.add(column.equals("kinds") ? CommandSupport.joined(change.path("kinds")) : text(change, column));
                }
                rows.add(row);
            }
            if (csv) {
                out().print(Csv.render(header, rows));
                return ExitCodes.OK;
            }
            TextTable table = new TextTable(List.of("ACCOUNT", "NAME", "CHANGED", "OWNER (BASELINE → LIVE)",
                    "TERRITORY (BASELINE → LIVE)", "LIVE MODSTAMP"));
            for (List<String> row : rows) {
                table.row(List.of(row.get(0), CommandSupport.shortText(row.get(1), 30), row.get(2),
                        arrow(row.get(3), row.get(4)), arrow(row.get(5), row.get(6)), row.get(8)));
            }
            long total = result.path("total").asLong();
            out().print(table.render());
            out().println(total + " changed account" + (total == 1 ? "" : "s") + " since the baseline"
                    + (total > rows.size() ? " (page " + page + "; use --page)" : ""));
            return ExitCodes.OK;
        }

        private static String arrow(String before, String after) {
            return before.equals(after) ? before : (before.isEmpty() ? "∅" : before) + " → " + (after.isEmpty() ? "∅" : after);
        }
    }

    private static String text(JsonNode node, String field) {
        return CommandSupport.text(node, field);
    }
}
