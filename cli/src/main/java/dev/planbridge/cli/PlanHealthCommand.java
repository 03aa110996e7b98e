package dev.planbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code planbridge plan report health PLAN}: the data-quality score, each part, and what to fix. */
@Command(name = "health", description = "Data quality of the fields the plan reads: one score 0-100 and its parts.")
class PlanHealthCommand extends PlanReportCommands.Report {

    @Option(names = "--stale-months", defaultValue = "12", description = "Accounts not modified for this long are stale (default 12)")
    int staleMonths;

    @Override
    public Integer call() {
        // --csv: the offending records, one per row, as the service writes them
        return printReport("api/v1/plans/" + planId(plan) + "/reports/health?staleMonths=" + staleMonths, json, csv,
                PlanHealthCommand::render);
    }

    static String render(JsonNode report) {
        StringBuilder out = new StringBuilder(String.format("Plan health %d/100 (fields read: %s)%n",
                report.path("score").asInt(), CommandSupport.joined(report.path("fieldsRead")).replace(";", ", ")));
        TextTable table = new TextTable(List.of("PART", "WEIGHT", "SCORE", "OFFENDING", "OF"));
        for (JsonNode p : report.path("parts")) {
            table.row(List.of(p.path("part").asText(), p.path("weight").asText(), p.path("score").asText(),
                    CommandSupport.amount(p.get("offending")), CommandSupport.amount(p.get("population"))));
        }
        out.append(table.render());
        for (JsonNode p : report.path("parts")) {
            p.path("details").forEach(d -> out.append("  ").append(p.path("part").asText()).append(": ")
                    .append(d.asText()).append(System.lineSeparator()));
        }
        return out.toString();
    }
}
