package dev.planbridge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.planbridge.contracts.ContractsJson;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command that talks to a service shares: where the services are, the token, and output helpers. */
abstract class CommandSupport {

    @Mixin
    CliContext context;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Plan ids are UUIDs; checking here gives a clear usage error and keeps input out of URL paths. */
    String planId(String value) {
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            throw usage("'" + value + "' is not a plan id (a UUID, see: planbridge plan list)");
        }
    }

    /** The plan's current ETag for If-Match: the one given on the command line, else read with a GET. */
    String etagOf(String planId, String given) {
        if (given != null && !given.isBlank()) {
            String trimmed = given.strip();
            return trimmed.startsWith("\"") || trimmed.equals("*") ? trimmed : "\"" + trimmed + "\"";
        }
        ApiClient.Reply reply = context.planning().exchange("GET", "api/v1/plans/" + planId, Map.of(), null, null);
        if (reply.etag() == null) {
            throw new ApiException(reply.status(), "No ETag", "the planning service did not send the plan's version");
        }
        return reply.etag();
    }

    void printJson(JsonNode node) {
        try {
            out().println(ContractsJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A planning report as the user asked for it: the service's own CSV ({@code format=csv} added to {@code path}),
     * its JSON, or the table {@code render} makes of the JSON.
     */
    int printReport(String path, boolean json, boolean csv, Function<JsonNode, String> render) {
        requireOneFormat(json, csv);
        if (csv) {
            out().print(context.planning().text(path + (path.contains("?") ? "&" : "?") + "format=csv", "text/csv"));
            return ExitCodes.OK;
        }
        JsonNode report = context.planning().get(path);
        if (json) {
            printJson(report);
        } else {
            out().print(render.apply(report));
        }
        return ExitCodes.OK;
    }

    void requireOneFormat(boolean json, boolean csv) {
        if (json && csv) {
            throw usage("Choose one of --json and --csv");
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    /** Money and counts with thousands separators, no decimals. */
    static String amount(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        return String.format("%,.0f", new BigDecimal(value.asText()));
    }

    static String ratio(JsonNode value, int decimals) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        return String.format("%." + decimals + "f", value.asDouble());
    }

    static String joined(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(item -> parts.add(item.asText()));
        return String.join(";", parts);
    }

    static String shortText(String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
