package dev.planbridge.localstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planbridge.cli.PlanbridgeCli;
import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.plan.PlanElement;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The fiscal-plan push journey of {@code ./planbridge demo}, told on screen step by step: the sample org and the CRM
 * mirror, the sample FY27 plan imported with its reports, review and approval, the CRM changing meanwhile (the
 * activity simulator plus three deliberate owner changes the plan also makes), the push with its conflicts, one
 * conflict resolved and pushed again.
 *
 * <p>Every Planbridge step runs the real CLI ({@link PlanbridgeCli#execute}) against the services' REST APIs, so what
 * is printed is exactly what a user typing the shown command would see. The CRM edits go through the Salesforce SOAP
 * API with the real force-wsc client; the emulator's admin API only starts and stops its activity simulator.
 */
public final class DemoJourney {

    /** Where everything is. {@code tokensDir} holds the demo users' {@code <role>.jwt} files. */
    public record Endpoints(URI planning, URI changeFeed, URI sync, URI emulator, String emulatorAdminToken,
                            Path tokensDir, Path samplesDir) {
    }

    /** An owner change made in Salesforce after the plan's baseline, on an account the plan also gives a new owner. */
    public record CrmEdit(String accountId, String accountName, String baselineOwnerId, String planOwnerId,
                          String crmOwnerId) {
    }

    /** What the journey did, for the end-to-end test and the closing summary. */
    public record Outcome(String planId, String pushId, String followUpPushId, List<CrmEdit> edits,
                          String resolvedConflictId, String resolvedAccountId, int conflicts, int pushExitCode,
                          JsonNode activation) {

        Outcome withActivation(JsonNode done) {
            return new Outcome(planId, pushId, followUpPushId, edits, resolvedConflictId, resolvedAccountId, conflicts,
                    pushExitCode, done);
        }
    }

    /** The journey could not go on; the message says which step and why. */
    public static final class DemoException extends RuntimeException {
        public DemoException(String message) {
            super(message);
        }
    }

    /** The sample plan's fiscal year (the emulator's org has fiscal periods for this year and the one before). */
    public static final String FISCAL_YEAR_START = "2027-01-01";
    public static final String PLAN_NAME = "FY27 Go-To-Market";
    /** Everything a plan holds, account owners included (the sync service leaves owners out unless asked). */
    public static final String PUSH_SCOPE = "territories,user-assignments,account-assignments,account-owners,quotas";
    static final int DELIBERATE_EDITS = 3;

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private final Endpoints endpoints;
    private final PrintStream out;
    private final PrintWriter writer;
    private final SalesforceAdmin salesforce;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int step;

    public DemoJourney(Endpoints endpoints, SalesforceAdmin salesforce, PrintStream out) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.salesforce = Objects.requireNonNull(salesforce, "salesforce");
        this.out = out;
        this.writer = new PrintWriter(out, true);
    }

    public Outcome run() {
        waitForMirror();
        String planId = importPlan();
        review(planId);
        List<CrmEdit> edits = changeCrmMeanwhile(planId);
        Outcome pushed = push(planId, edits);
        return pushed.withActivation(activate(planId));
    }

    // ---- 1. the sample org, the change feed's snapshot, the planning mirror ------------------------------------------

    private void waitForMirror() {
        heading("The sample Salesforce org, captured by the change feed, mirrored by the planning service");
        JsonNode counts = emulatorAdmin("GET", "/emulator/org/counts", null).path("counts");
        long accounts = counts.path("Account").asLong();
        say(String.format("The Salesforce emulator holds a sample org: %,d accounts, %,d users, %,d opportunities,"
                        + " an active territory model with %,d territories.", accounts, counts.path("User").asLong(),
                counts.path("Opportunity").asLong(), counts.path("Territory2").asLong()));
        say("The change feed takes its initial snapshot (op \"r\" events on Kafka); the planning service mirrors it ...");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        long mirrored = 0;
        boolean snapshotDone = false;
        while (System.nanoTime() < deadline) {
            JsonNode status = get(endpoints.changeFeed(), "api/v1/feed/status", "viewer");
            snapshotDone = status.isArray() && !status.isEmpty();
            for (JsonNode object : status) {
                snapshotDone &= object.path("snapshotDone").asBoolean();
            }
            mirrored = get(endpoints.planning(), "api/v1/crm/status", "viewer").path("accounts").path("live").asLong();
            if (snapshotDone && mirrored >= accounts) {
                break;
            }
            pause(Duration.ofSeconds(1));
        }
        if (!snapshotDone || mirrored < accounts) {
            throw new DemoException("The planning service's CRM mirror did not fill within " + READY_TIMEOUT.toMinutes()
                    + " minutes (" + mirrored + " of " + accounts + " accounts; change-feed snapshot "
                    + (snapshotDone ? "done" : "not done") + "). See ./planbridge logs change-feed-service.");
        }
        JsonNode feed = get(endpoints.changeFeed(), "api/v1/feed/status", "viewer");
        long published = 0;
        for (JsonNode object : feed) {
            published += object.path("published").asLong();
        }
        say(String.format("Snapshot done: %,d change events published; the planning mirror holds %,d accounts.",
                published, mirrored));
    }

    // ---- 2. the sample plan, imported, with its reports ---------------------------------------------------------------

    private String importPlan() {
        heading("A sample FY27 plan from samples/fy27, imported as CSV, with its balancer, disruption and health reports");
        Path samples = endpoints.samplesDir();
        if (!Files.isDirectory(samples)) {
            throw new DemoException("The sample plan folder " + samples + " is missing.");
        }
        String[] create = {"plan", "create", "--name", PLAN_NAME, "--fiscal-year-start", FISCAL_YEAR_START,
                "--assign-owners"};
        echo("planner", create);
        JsonNode plan = cliJson("planner", create);
        String planId = plan.path("id").asText();
        say("Plan " + planId + " \"" + PLAN_NAME + "\": " + plan.path("status").asText() + ", fiscal year from "
                + FISCAL_YEAR_START + ", account owners follow the territories' Owners.");
        say("The plan's baseline is a snapshot of the CRM mirror now; every later CRM change is measured against it.");
        cli("planner", Set.of(0), "plan", "import", planId, samples.toString());
        cli("planner", Set.of(0), "plan", "report", "balancer", planId);
        cli("planner", Set.of(0), "plan", "report", "disruption", planId);
        say("How healthy is the data this plan routes on? One score, its parts, and what to fix first:");
        cli("planner", Set.of(0), "plan", "report", "health", planId);
        return planId;
    }

    // ---- 3. review ----------------------------------------------------------------------------------------------------

    private void review(String planId) {
        heading("Review: the planner submits, the approver approves (the author cannot approve their own plan)");
        cli("planner", Set.of(0), "plan", "submit", planId);
        cli("approver", Set.of(0), "plan", "approve", planId, "--comment", "FY27 coverage model signed off");
    }

    // ---- 4. the CRM changes while the plan waits ----------------------------------------------------------------------

    private List<CrmEdit> changeCrmMeanwhile(String planId) {
        heading("Meanwhile the CRM keeps changing (conflicts in the making), live in the feed");
        List<CrmEdit> edits = chooseEdits(planId);
        say("The emulator's activity simulator plays a sales team at work (10 changes/s), and the Salesforce admin"
                + " reassigns " + edits.size() + " accounts that the plan also gives new owners:");
        AtomicInteger tailExit = new AtomicInteger(-1);
        StringWriter tailOutput = new StringWriter();
        String[] tail = {"feed", "tail", "--object", "Account", "--count", "8"};
        echo("viewer", tail);
        Thread tailThread = new Thread(() -> tailExit.set(PlanbridgeCli.execute(new PrintWriter(tailOutput, true),
                new PrintWriter(tailOutput, true), withConnection("viewer", tail))), "demo-feed-tail");
        tailThread.setDaemon(true);
        tailThread.start();
        pause(Duration.ofSeconds(1)); // the stream starts at the next change: let it open first
        for (CrmEdit edit : edits) {
            salesforce.reassignAccount(edit.accountId(), edit.crmOwnerId());
            say("  Salesforce: " + edit.accountName() + " (" + edit.accountId() + ") owner " + edit.baselineOwnerId()
                    + " → " + edit.crmOwnerId() + "   (the plan says " + edit.planOwnerId() + ")");
        }
        emulatorAdmin("POST", "/emulator/simulator/start", "{\"changesPerSecond\":10,\"seed\":27}");
        try {
            tailThread.join(Duration.ofSeconds(60).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.print(indent(tailOutput.toString()));
        if (tailThread.isAlive()) {
            say("(the feed showed fewer than 8 account changes within a minute; carrying on)");
        }
        emulatorAdmin("POST", "/emulator/simulator/stop", null);
        JsonNode simulator = emulatorAdmin("GET", "/emulator/simulator", null);
        say(String.format("Simulator paused after %,d changes, so the push report below is easy to read.",
                simulator.path("changes").asLong()));
        cli("viewer", Set.of(0), "plan", "report", "crm-changes", planId, "--size", "10");
        return edits;
    }

    /** The first accounts of the plan (stream order) that it moves to a new owner, each reassigned to a third user. */
    private List<CrmEdit> chooseEdits(String planId) {
        List<PlanElement.Account> moved = new ArrayList<>();
        Set<String> owners = new LinkedHashSet<>();
        HttpRequest request = request(endpoints.planning(), "api/v1/plans/" + planId + "/desired-state", "approver")
                .header("Accept", "application/x-ndjson").GET().build();
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new DemoException("Reading the plan's desired state answered HTTP " + response.statusCode());
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    PlanElement element = ContractsJson.read(line, PlanElement.class);
                    if (element instanceof PlanElement.Territory territory && territory.ownerUserId() != null) {
                        owners.add(territory.ownerUserId());
                    } else if (element instanceof PlanElement.Account account && account.desiredOwnerId() != null
                            && account.baselineOwnerId() != null
                            && !account.desiredOwnerId().equals(account.baselineOwnerId())
                            && moved.size() < DELIBERATE_EDITS) {
                        moved.add(account);
                    }
                }
            }
        } catch (IOException e) {
            throw new DemoException("Reading the plan's desired state failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("Interrupted");
        }
        if (moved.size() < DELIBERATE_EDITS) {
            throw new DemoException("The sample plan moves only " + moved.size() + " accounts to new owners; the demo"
                    + " needs " + DELIBERATE_EDITS + " (is the emulator running the demo org, seed 42?)");
        }
        List<String> candidates = new ArrayList<>(owners);
        List<CrmEdit> edits = new ArrayList<>();
        for (int i = 0; i < moved.size(); i++) {
            PlanElement.Account account = moved.get(i);
            String third = null;
            for (int k = 0; k < candidates.size() && third == null; k++) {
                String candidate = candidates.get((i * 7 + k) % candidates.size());
                if (!candidate.equals(account.desiredOwnerId()) && !candidate.equals(account.baselineOwnerId())) {
                    third = candidate;
                }
            }
            if (third == null) {
                throw new DemoException("No third user to reassign " + account.accountId() + " to");
            }
            edits.add(new CrmEdit(account.accountId(), account.accountName(), account.baselineOwnerId(),
                    account.desiredOwnerId(), third));
        }
        return edits;
    }

    // ---- 5. the push, its conflicts, one resolved and pushed again ------------------------------------------------------

    private Outcome push(String planId, List<CrmEdit> edits) {
        heading("The push: the fewest API calls, conflicts flagged instead of overwritten");
        int exit = cli("approver", Set.of(0, 8), "push", "apply", planId, "--scope", PUSH_SCOPE);
        JsonNode push = cliJson("viewer", "push", "status", planId);
        String pushId = push.path("id").asText();
        long failed = push.path("report").path("failed").asLong();
        if (failed > 0) {
            throw new DemoException(failed + " records failed to be written (see the table above, and"
                    + " `planbridge push status " + pushId + " --json` for each error)");
        }
        JsonNode conflicts = cliJson("viewer", "conflicts", "list", pushId, "--open");
        if (conflicts.isEmpty()) {
            throw new DemoException("The push reported no conflicts, but " + edits.size()
                    + " accounts were reassigned in the CRM after the plan's baseline");
        }
        JsonNode chosen = null;
        for (JsonNode conflict : conflicts) {
            if (chosen == null && "OwnerId".equals(conflict.path("field").asText())
                    && edits.stream().anyMatch(e -> e.accountId().equals(conflict.path("recordId").asText()))) {
                chosen = conflict;
            }
        }
        if (chosen == null) {
            throw new DemoException("None of the " + conflicts.size() + " conflicts is one of the deliberate owner"
                    + " changes " + edits.stream().map(CrmEdit::accountId).toList());
        }
        heading("Resolve one conflict (keep the plan's owner) and push the follow-up");
        say("Sales ops checked " + chosen.path("recordKey").asText() + " with the account's manager: the plan's owner"
                + " stands. The other conflicts stay held until someone decides.");
        String conflictId = chosen.path("id").asText();
        cli("approver", Set.of(0), "conflicts", "resolve", pushId, conflictId, "--keep", "plan");
        cli("approver", Set.of(0, 8), "push", "follow-up", pushId);
        JsonNode followUp = cliJson("viewer", "push", "status", planId);
        cli("viewer", Set.of(0), "plan", "show", planId);
        return new Outcome(planId, pushId, followUp.path("id").asText(), edits, conflictId,
                chosen.path("recordId").asText(), conflicts.size(), exit, null);
    }

    // ---- 6. go-live: the pushed model becomes the org's Active model ---------------------------------------------------

    private JsonNode activate(String planId) {
        heading("Go-live: activate the pushed model; Salesforce archives the Active one and deletes its quotas");
        say("The dry run lists what archiving the org's current Active model deletes; Planbridge saves those quotas first.");
        cli("approver", Set.of(0), "plan", "activate", planId, "--dry-run");
        say("The conflicts left held above block activation; for the demo the admin activates now anyway, with a"
                + " reason that is audited.");
        cli("admin", Set.of(0), "plan", "activate", planId, "--force", "--reason",
                "Demo go-live; the held conflicts are reviewed after it");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode activation = null;
        String planStatus = "";
        while (System.nanoTime() < deadline) {
            JsonNode list = get(endpoints.sync(), "api/v1/activations?planId=" + planId, "viewer");
            activation = list.isArray() && !list.isEmpty() ? list.get(0) : null;
            planStatus = get(endpoints.planning(), "api/v1/plans/" + planId, "viewer").path("status").asText();
            if (activation != null && "FAILED".equals(activation.path("status").asText())) {
                throw new DemoException("The activation failed: " + activation.path("lastError").asText());
            }
            if (activation != null && "ACTIVE".equals(activation.path("status").asText()) && "ACTIVE".equals(planStatus)) {
                break;
            }
            pause(Duration.ofMillis(500));
        }
        if (activation == null || !"ACTIVE".equals(planStatus)) {
            throw new DemoException("The plan did not become ACTIVE within 2 minutes (plan " + planStatus
                    + ", activation " + (activation == null ? "missing" : activation.path("status").asText()) + ")");
        }
        say("Model " + activation.path("modelDeveloperName").asText() + " is Active; "
                + (activation.path("archivedModelName").isTextual() ? activation.path("archivedModelName").asText()
                : "no earlier model") + " is Archived; " + activation.path("recreatedQuotas").asInt()
                + " saved quotas were re-created. Saved quotas: GET " + endpoints.sync()
                .resolve("/api/v1/activations/archived-quotas.csv?planId=" + planId));
        cli("viewer", Set.of(0), "plan", "show", planId);
        return activation;
    }


    /** The closing screen: where to look next. */
    public void printNextSteps(Outcome outcome, boolean staysUp) {
        heading("Where to look next");
        say("Web console:       " + endpoints.planning().resolve("/console/"));
        say("API docs:          " + endpoints.planning().resolve("/q/swagger-ui/") + " (and the same path on "
                + endpoints.changeFeed().getPort() + " and " + endpoints.sync().getPort() + ")");
        say("The plan:          ./planbridge plan show " + outcome.planId() + " --as viewer");
        say("Open conflicts:    ./planbridge conflicts list " + outcome.pushId() + " --open --as viewer");
        say("The live feed:     ./planbridge feed tail --as viewer   (the simulator keeps the CRM busy)");
        say("Undo the push:     ./planbridge push undo " + outcome.planId() + " --as approver");
        say("Saved quotas:      " + endpoints.sync().resolve("/api/v1/activations/archived-quotas.csv?planId="
                + outcome.planId()) + " (the archived model's quotas, as a viewer)");
        if (staysUp) {
            say("The stack keeps running; press Ctrl-C to stop everything.");
        }
    }

    /** Keeps the CRM busy after the journey so that the feed stays live for the user. */
    public void keepCrmBusy() {
        emulatorAdmin("POST", "/emulator/simulator/start", "{\"changesPerSecond\":1,\"seed\":2027}");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    private void heading(String title) {
        step++;
        out.println();
        out.println("━━ Step " + step + " · " + title + " " + "━".repeat(Math.max(3, 110 - title.length())));
    }

    private void say(String line) {
        out.println(line);
    }

    private void echo(String role, String... args) {
        out.println("$ planbridge " + String.join(" ", quoted(args)) + " --as " + role);
    }

    private static List<String> quoted(String[] args) {
        List<String> shown = new ArrayList<>();
        for (String arg : args) {
            shown.add(arg.matches("[A-Za-z0-9_./:,=@+-]+") ? arg : "\"" + arg + "\"");
        }
        return shown;
    }

    /** Runs a CLI command as a demo user, printing it and its output; an exit code outside {@code accepted} stops. */
    private int cli(String role, Set<Integer> accepted, String... args) {
        echo(role, args);
        int exit = PlanbridgeCli.execute(writer, writer, withConnection(role, args));
        writer.flush();
        if (!accepted.contains(exit)) {
            throw new DemoException("`planbridge " + String.join(" ", args) + "` failed with exit code " + exit
                    + " (see its message above)");
        }
        return exit;
    }

    /** Runs a CLI command with --json and returns what it printed, parsed (not shown: the next command shows it). */
    private JsonNode cliJson(String role, String... args) {
        StringWriter captured = new StringWriter();
        StringWriter errors = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--json")) {
            all.add("--json");
        }
        int exit = PlanbridgeCli.execute(new PrintWriter(captured, true), new PrintWriter(errors, true),
                withConnection(role, all.toArray(String[]::new)));
        if (exit != 0 && exit != 8) {
            throw new DemoException("`planbridge " + String.join(" ", args) + "` failed with exit code " + exit + ": "
                    + errors.toString().strip());
        }
        try {
            return ContractsJson.mapper().readTree(captured.toString());
        } catch (IOException e) {
            throw new DemoException("`planbridge " + String.join(" ", args) + "` printed no JSON: " + captured);
        }
    }

    private String[] withConnection(String role, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--planning-url", endpoints.planning().toString(), "--feed-url",
                endpoints.changeFeed().toString(), "--sync-url", endpoints.sync().toString(), "--token-file",
                endpoints.tokensDir().resolve(role + ".jwt").toString()));
        return all.toArray(String[]::new);
    }

    private JsonNode get(URI base, String path, String role) {
        return send(request(base, path, role).GET().build(), () -> "GET " + path);
    }

    private HttpRequest.Builder request(URI base, String path, String role) {
        return HttpRequest.newBuilder(base.resolve("/" + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token(role));
    }

    private String token(String role) {
        try {
            return Files.readString(endpoints.tokensDir().resolve(role + ".jwt")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode emulatorAdmin(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(endpoints.emulator().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + endpoints.emulatorAdminToken())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request, () -> method + " " + path);
    }

    private JsonNode send(HttpRequest request, Supplier<String> what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new DemoException(what.get() + " answered HTTP " + response.statusCode() + ": " + response.body());
            }
            return ContractsJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new DemoException(what.get() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("Interrupted");
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("Interrupted");
        }
    }

    private static String indent(String text) {
        StringBuilder shown = new StringBuilder();
        text.lines().forEach(line -> shown.append("  ").append(line).append('\n'));
        return shown.toString();
    }
}
