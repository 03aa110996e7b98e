package dev.planbridge.cli;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.ChangeSource;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Follows the live CRM modification feed (SSE), one readable line per changed field. */
@Command(name = "tail", description = "Follow the live CRM modification feed.")
public class FeedTailCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Mixin
    CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--object", description = "Only this Salesforce object, e.g. Account")
    String object;

    @Option(names = "--owner", description = "Only records owned by this user: a name, a username or a 005… id")
    String owner;

    @Option(names = "--territory", description = "Only records in this territory")
    String territory;

    @Option(names = "--field", description = "Only changes of this field")
    String field;

    @Option(names = "--origin", description = "crm (people and automation) or planbridge-sync (our own pushes)")
    String origin;

    @Option(names = "--count", description = "Stop after this many events (default: follow until Ctrl-C)")
    Integer count;

    @Option(names = "--json", description = "Print each event as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("object", object);
        filters.put("owner", owner == null || owner.isBlank() ? null : UserLookup.resolve(context.planning(), owner,
                message -> new CommandLine.ParameterException(spec.commandLine(), message)));
        filters.put("territory", territory);
        filters.put("field", field);
        filters.put("origin", origin);
        String path = "api/v1/feed/stream" + query(filters);
        int[] seen = {0};
        boolean[] outputClosed = {false};
        String lastEventId = null;
        do {
            Map<String, String> headers = lastEventId == null ? Map.of() : Map.of("Last-Event-ID", lastEventId);
            try (BufferedReader reader = context.feed().lines(path, "text/event-stream", headers)) {
                lastEventId = ServerSentEvents.read(reader, lastEventId, event -> {
                    if (!event.data().startsWith("{")) {
                        return true;
                    }
                    PrintWriter out = spec.commandLine().getOut();
                    out.println(json ? event.data() : render(ContractsJson.read(event.data(), ChangeEvent.class)));
                    // each event reaches a file or pipe as it arrives: the CLI may follow for hours and end by Ctrl-C
                    out.flush();
                    seen[0]++;
                    // nobody reads any more (`feed tail | head`): stop following; execute() reports the lost output
                    outputClosed[0] = out.checkError();
                    return !outputClosed[0] && (count == null || seen[0] < count);
                });
            }
        } while (!outputClosed[0] && (count == null || seen[0] < count));
        return ExitCodes.OK;
    }

    static String query(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                parts.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    /** "10:15:30  Rita Rep  Account 001…AAA  OwnerId: 005…1 → 005…2" — one line per changed field. */
    static String render(ChangeEvent event) {
        ChangeSource source = event.source();
        String when = source != null && source.systemModstamp() != null ? TIME.format(source.systemModstamp()) : "--:--:--";
        String who = source == null ? "?" : Objects.requireNonNullElse(source.lastModifiedByName(),
                Objects.requireNonNullElse(source.lastModifiedById(), "?"));
        String mark = source != null && ChangeSource.ORIGIN_SYNC.equals(source.origin()) ? " [planbridge]" : "";
        String head = when + "  " + who + mark + "  " + event.object() + " " + event.id() + "  ";
        String name = event.after() != null && event.after().get("Name") != null ? "(" + event.after().get("Name") + ") " : "";
        return switch (event.op()) {
            case CREATE -> head + name + "created";
            case DELETE -> head + "deleted";
            case UNDELETE -> head + name + "undeleted";
            case READ -> head + name + "snapshot";
            case UPDATE -> {
                StringBuilder line = new StringBuilder();
                for (String changed : event.changedFields()) {
                    Object before = event.before() == null ? null : event.before().get(changed);
                    Object after = event.after() == null ? null : event.after().get(changed);
                    line.append(line.isEmpty() ? "" : "\n").append(head).append(name).append(changed).append(": ")
                            .append(before == null ? "∅" : before).append(" → ").append(after == null ? "∅" : after);
                }
                yield line.isEmpty() ? head + name + "touched (no field changed)" : line.toString();
            }
        };
    }
}
