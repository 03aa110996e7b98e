package dev.planbridge.planning.csv;

import dev.planbridge.planning.assignment.OwnerOverlap;
import dev.planbridge.planning.assignment.PlanAssignmentData;
import dev.planbridge.planning.assignment.RuleCriteria;
import dev.planbridge.planning.audit.AuditLog;
import dev.planbridge.planning.common.FieldError;
import dev.planbridge.planning.common.PlanningConfig;
import dev.planbridge.planning.common.Problem;
import dev.planbridge.planning.plan.FiscalCalendar;
import dev.planbridge.planning.plan.FiscalPlan;
import dev.planbridge.planning.plan.PeriodType;
import dev.planbridge.planning.plan.PlanChanged;
import dev.planbridge.planning.plan.PlanGuard;
import dev.planbridge.planning.plan.PlanReferences;
import dev.planbridge.planning.quota.QuotaRequests;
import dev.planbridge.planning.quota.QuotaService;
import dev.planbridge.planning.territory.TerritoryHierarchy;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * All-or-nothing CSV imports of plan elements. Every row is validated first (errors carry file, row, column and
 * reason, up to a cap); only a clean file is written, in the request's single transaction: COPY into a temporary
 * table, then one upsert by natural key, so importing the same file twice leaves the plan unchanged.
 */
@ApplicationScoped
public class CsvImportService {

    private static final Logger LOG = Logger.getLogger(CsvImportService.class);

    public enum Kind {
        TERRITORY_TYPES("territory-types", Set.of("key", "label", "priority"), Set.of()),
        TERRITORIES("territories", Set.of("key", "name", "typeKey"), Set.of("parentKey", "headcountCapacity")),
        RULES("rules", Set.of("name", "position", "territoryKey"), Set.of("countries", "states", "postalCodes",
                "industries", "employeesMin", "employeesMax", "revenueMin", "revenueMax", "segments", "parentAccountIds")),
        OVERRIDES("overrides", Set.of("accountId", "territoryKey", "reason"), Set.of()),
        EXCLUSIONS("exclusions", Set.of("accountId", "territoryKey"), Set.of("reason")),
        USER_ASSIGNMENTS("user-assignments", Set.of("territoryKey", "userId", "role", "startDate"),
                Set.of("endDate", "splitPercent")),
        QUOTAS("quotas", Set.of("periodStart", "periodType"), Set.of("userId", "territoryKey", "amount", "quantity",
                "forecastingType", "rampProfile", "rampStart"));

        public final String path;
        public final Set<String> required;
        public final Set<String> optional;

        Kind(String path, Set<String> required, Set<String> optional) {
            this.path = path;
            this.required = required;
            this.optional = optional;
        }

        public static Kind of(String path) {
            for (Kind kind : values()) {
                if (kind.path.equals(path)) {
                    return kind;
                }
            }
            throw Problem.notFound("Nothing to import as '" + path + "'; use one of "
                    + Arrays.stream(values()).map(k -> k.path).toList());
        }
    }

    public record Result(String kind, String file, int rows, long planVersion) {
    }

    private final PlanGuard guard;
    private final AuditLog audit;
    private final PlanReferences references;
    private final AgroalDataSource dataSource;
    private final PlanningConfig config;

    public CsvImportService(PlanGuard guard, AuditLog audit, PlanReferences references, AgroalDataSource dataSource,
                            PlanningConfig config) {
        this.guard = guard;
        this.audit = audit;
        this.references = references;
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Collects row errors up to the configured cap; past the cap validation stops and the import is refused. */
    final class Errors {
        final String file;
        final List<FieldError> list = new ArrayList<>();
        long total;

        Errors(String file) {
            this.file = file;
        }

        void add(long row, String column, String reason) {
            total++;
            if (list.size() < config.imports().maxErrors()) {
                list.add(new FieldError(file, row, column, reason));
            }
        }

        /** Errors beyond the cap that a query counted but did not return. */
        void addUnlisted(long count) {
            total += count;
        }

        boolean full() {
            return list.size() >= config.imports().maxErrors();
        }

        /** Cell checks and reference checks report separately; the planner reads them in row order. */
        void sortByRow() {
            list.sort(java.util.Comparator.comparing(e -> e.row() == null ? 0L : e.row()));
        }

        void throwIfAny() {
            if (!list.isEmpty()) {
                String more = total > list.size() ? " (showing the first " + list.size() + " of " + total + ")" : "";
                throw Problem.badRequest(file + " has " + total + " invalid cell(s); nothing was imported" + more, list);
            }
        }
    }

    @Transactional
    public Result importCsv(UUID planId, String ifMatch, Kind kind, String fileName, byte[] data, String actor) {
        PhaseClock clock = new PhaseClock();
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        String file = fileName == null || fileName.isBlank() ? kind.path + ".csv" : fileName;
        Errors errors = new Errors(file);
        Panache.getEntityManager().flush();
        clock.mark("lock");
        Imported imported;
        try (Connection c = dataSource.getConnection()) {
            if (kind == Kind.OVERRIDES) {
                imported = overrides(c, planId, file, data, errors, clock);
            } else if (kind == Kind.EXCLUSIONS) {
                imported = exclusions(c, planId, file, data, errors, clock);
            } else {
                List<CsvUpload.Row> rows = CsvUpload.parse(file, data, kind.required, kind.optional);
                clock.mark("parse");
                switch (kind) {
                    case TERRITORY_TYPES -> territoryTypes(c, planId, rows, errors);
                    case TERRITORIES -> territories(c, planId, rows, errors);
                    case RULES -> rules(c, planId, rows, errors);
                    case USER_ASSIGNMENTS -> userAssignments(c, plan, rows, errors);
                    case QUOTAS -> quotas(c, plan, rows, errors);
                    default -> throw new IllegalStateException("unhandled import kind " + kind);
                }
                clock.mark("validate+write");
                imported = new Imported(rows.size(), new PlanChanged.Bulk());
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Import of " + file + " failed", e);
        }
        guard.changed(plan, imported.change());
        audit.record(planId, actor, "import", kind.path, file, null, Map.of("file", file, "rows", imported.rows()));
        clock.mark("audit");
        LOG.infof("Import of %s into plan %s: %d %s rows validated and written in %d ms (%s); commit follows",
                file, planId, imported.rows(), kind.path, clock.totalMillis(), clock);
        return new Result(kind.path, file, (int) imported.rows(), plan.version);
    }

    /** How many rows an import wrote, and what the in-memory caches must do about it after commit. */
    private record Imported(long rows, PlanChanged.Change change) {
    }

    // ---- per kind: validate everything, then stage and upsert

    private void territoryTypes(Connection c, UUID planId, List<CsvUpload.Row> rows, Errors errors)
            throws SQLException, IOException {
        Map<String, Integer> priorities = new HashMap<>();
        List<Object[]> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CsvUpload.Row row : rows) {
            String key = required(row, "key", errors);
            String label = required(row, "label", errors);
            Integer priority = integer(row, "priority", errors, true);
            if (key != null && !seen.add(key)) {
                errors.add(row.number(), "key", "duplicate key '" + key + "' in this file");
            }
            if (priority != null) {
                if (priority < 1 || priority > 999) {
                    errors.add(row.number(), "priority", "must be between 1 and 999");
                } else if (priorities.putIfAbsent(String.valueOf(priority), priority) != null) {
                    errors.add(row.number(), "priority", "priority " + priority + " appears twice; it is unique per plan");
                }
            }
            out.add(new Object[] {planId, key, label, priority});
        }
        errors.throwIfAny();
        copyAndUpsert(c, "territory_type", "key text, label text, priority int",
                "INSERT INTO territory_type (plan_id, key, label, priority) SELECT ?, key, label, priority FROM stage "
                        + "ON CONFLICT (plan_id, key) DO UPDATE SET label = EXCLUDED.label, priority = EXCLUDED.priority",
                planId, out, 1);
    }

    private void territories(Connection c, UUID planId, List<CsvUpload.Row> rows, Errors errors)
            throws SQLException, IOException {
        Map<String, TerritoryHierarchy.Node> nodes = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT key, parent_key, type_key FROM territory WHERE plan_id = ?")) {
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    nodes.put(rs.getString(1), new TerritoryHierarchy.Node(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        Set<String> types = strings(c, "SELECT key FROM territory_type WHERE plan_id = ?", planId);
        Map<String, Long> rowOfKey = new HashMap<>();
        List<Object[]> out = new ArrayList<>();
        for (CsvUpload.Row row : rows) {
            String key = required(row, "key", errors);
            String name = required(row, "name", errors);
            String type = required(row, "typeKey", errors);
            String parent = row.get("parentKey");
            Integer capacity = integer(row, "headcountCapacity", errors, false);
            if (capacity != null && capacity < 0) {
                errors.add(row.number(), "headcountCapacity", "must not be negative");
            }
            if (type != null && !types.contains(type)) {
                errors.add(row.number(), "typeKey", "unknown territory type '" + type + "'");
            }
            if (key == null) {
                continue;
            }
            if (rowOfKey.putIfAbsent(key, row.number()) != null) {
                errors.add(row.number(), "key", "duplicate territory key '" + key + "' (also on row " + rowOfKey.get(key) + ")");
                continue;
            }
            nodes.put(key, new TerritoryHierarchy.Node(key, parent, type));
            out.add(new Object[] {planId, key, name, type, parent, capacity});
        }
        errors.throwIfAny();
        TerritoryHierarchy.Result tree = TerritoryHierarchy.build(new ArrayList<>(nodes.values()), types);
        for (FieldError e : tree.errors()) {
            String key = e.reason().replaceAll("^territory '([^']+)'.*", "$1");
            errors.add(rowOfKey.getOrDefault(key, 0L), e.field(), e.reason());
        }
        errors.throwIfAny();
        copyAndUpsert(c, "territory", "key text, name text, type_key text, parent_key text, headcount_capacity int",
                "INSERT INTO territory (plan_id, key, name, type_key, parent_key, headcount_capacity) "
                        + "SELECT ?, key, name, type_key, parent_key, headcount_capacity FROM stage "
                        + "ON CONFLICT (plan_id, key) DO UPDATE SET name = EXCLUDED.name, type_key = EXCLUDED.type_key, "
                        + "parent_key = EXCLUDED.parent_key, headcount_capacity = EXCLUDED.headcount_capacity",
                planId, out, 1);
    }

    private void rules(Connection c, UUID planId, List<CsvUpload.Row> rows, Errors errors) throws SQLException, IOException {
        Set<String> territories = references.territoryKeys(planId);
        Set<String> names = new HashSet<>();
        List<Object[]> out = new ArrayList<>();
        for (CsvUpload.Row row : rows) {
            String name = required(row, "name", errors);
            Integer position = integer(row, "position", errors, true);
            String territory = required(row, "territoryKey", errors);
            if (name != null && !names.add(name)) {
                errors.add(row.number(), "name", "duplicate rule name '" + name + "' in this file");
            }
            if (position != null && position < 0) {
                errors.add(row.number(), "position", "must not be negative");
            }
            if (territory != null && !territories.contains(territory)) {
                errors.add(row.number(), "territoryKey", "unknown territory '" + territory + "'");
            }
            List<RuleCriteria.PostalRange> postal = null;
            if (row.get("postalCodes") != null) {
                postal = new ArrayList<>();
                for (String part : list(row.get("postalCodes"))) {
                    int dash = part.indexOf('-', 1);
                    postal.add(dash < 0 ? new RuleCriteria.PostalRange(part, null)
                            : new RuleCriteria.PostalRange(part.substring(0, dash).trim(), part.substring(dash + 1).trim()));
                }
            }
            RuleCriteria criteria = new RuleCriteria(list(row.get("countries")), list(row.get("states")), postal,
                    list(row.get("industries")), band(row, "employeesMin", "employeesMax", errors),
                    band(row, "revenueMin", "revenueMax", errors), list(row.get("segments")),
                    list(row.get("parentAccountIds")));
            for (FieldError e : criteria.neverMatchReasons()) {
                errors.add(row.number(), e.field(), e.reason());
            }
            out.add(new Object[] {planId, name, position, territory, PlanAssignmentData.writeCriteria(criteria)});
        }
        errors.throwIfAny();
        copyAndUpsert(c, "assignment_rule", "name text, position int, territory_key text, criteria text",
                "INSERT INTO assignment_rule (plan_id, name, position, territory_key, criteria) "
                        + "SELECT ?, name, position, territory_key, criteria FROM stage "
                        + "ON CONFLICT (plan_id, name) DO UPDATE SET position = EXCLUDED.position, "
                        + "territory_key = EXCLUDED.territory_key, criteria = EXCLUDED.criteria",
                planId, out, 1);
    }

    /*
     * Overrides and exclusions come 100k rows at a time, so they are streamed and checked set-based. A plan's first
     * file of a kind goes straight into its table (see loadStraight). Otherwise, or when that first file has a
     * problem, each row is written into a COPY to a temporary table (row number first) as soon as it is parsed, so
     * PostgreSQL loads while the parser reads on; cell errors are collected on the way. Every reference (account in
     * the baseline, territory, repeats in the file, exclusion/override clash) is then checked with one query whose
     * answer names row, column and reason, and the merge is one statement: UPDATE of the rows that differ, INSERT of
     * the new ones. The plan's row lock (PlanGuard) keeps other writers out of the plan meanwhile, so no ON CONFLICT
     * speculation is needed.
     */

    private Imported overrides(Connection c, UUID planId, String file, byte[] data, Errors errors, PhaseClock clock)
            throws SQLException, IOException {
        // ~30 bytes per row: sized so the map does not rehash on the way to 100k rows
        int expectedRows = Math.max(16, data.length / 15);
        if (!planHasRows(c, "account_override", planId)) {
            Map<String, PlanChanged.Placement> placements = new HashMap<>(expectedRows);
            long rows = loadStraight(c, planId, file, data, Kind.OVERRIDES, "account_override", OVERRIDE_CLASHES,
                    clock, row -> {
                        String account = row.get("accountId");
                        String territory = row.get("territoryKey");
                        String reason = row.get("reason");
                        boolean clean = account != null && territory != null && reason != null
                                && placements.putIfAbsent(account, new PlanChanged.Placement(territory, reason)) == null;
                        return clean ? new String[] {account, territory, reason} : null;
                    });
            if (rows >= 0) {
                return new Imported(rows, new PlanChanged.Overrides(placements));
            }
        }
        Map<String, PlanChanged.Placement> placements = new HashMap<>(expectedRows);
        boolean[] duplicates = {false};
        createStage(c, "account_id text, territory_key text, reason text");
        long rows;
        long waited;
        try (CopyRows stage = new CopyRows(c, "COPY stage FROM STDIN")) {
            rows = CsvUpload.stream(file, data, Kind.OVERRIDES.required, Kind.OVERRIDES.optional, row -> {
                String account = required(row, "accountId", errors);
                String territory = required(row, "territoryKey", errors);
                String reason = required(row, "reason", errors);
                if (account != null && placements.put(account, new PlanChanged.Placement(territory, reason)) != null) {
                    duplicates[0] = true;
                }
                stage.row(row.number(), account, territory, reason);
            });
            stage.finish();
            waited = stage.waitMillis();
        }
        analyzeStage(c);
        clock.mark("parse+stage");
        clock.note("of it waiting on the COPY", waited);
        if (errors.full()) {
            errors.throwIfAny();
        }
        // the Java pass only notices that an account repeats; the query names each repeat and its first row
        referenceErrors(c, planId, errors, STAGED_ACCOUNT_AND_TERRITORY_CHECKS + (!duplicates[0] ? "" : """
                SELECT row_no, 'accountId', 'account ' || account_id || ' already overridden on row ' || first_row
                  FROM (SELECT row_no, account_id, min(row_no) OVER (PARTITION BY account_id) AS first_row
                          FROM stage WHERE account_id IS NOT NULL) d
                 WHERE row_no <> first_row
                UNION ALL
                """) + OVERRIDE_CLASHES);
        errors.throwIfAny();
        clock.mark("checks");
        merge(c, planId, rows, OVERRIDES_UPDATE, OVERRIDES_INSERT, clock);
        return new Imported(rows, new PlanChanged.Overrides(placements));
    }

    private static final String OVERRIDE_CLASHES = """
                SELECT s.row_no, 'territoryKey', 'account ' || s.account_id || ' is excluded from ' || s.territory_key
                  FROM stage s JOIN account_exclusion e
                    ON e.plan_id = :plan AND e.account_id = s.account_id AND e.territory_key = s.territory_key""";

    private static final String EXCLUSION_CLASHES = """
                SELECT s.row_no, 'territoryKey', 'account ' || s.account_id || ' is overridden into ' || s.territory_key
                  FROM stage s JOIN account_override o
                    ON o.plan_id = :plan AND o.account_id = s.account_id AND o.territory_key = s.territory_key""";

    private Imported exclusions(Connection c, UUID planId, String file, byte[] data, Errors errors, PhaseClock clock)
            throws SQLException, IOException {
        if (!planHasRows(c, "account_exclusion", planId)) {
            Set<String> pairs = new HashSet<>(Math.max(16, data.length / 15));
            long rows = loadStraight(c, planId, file, data, Kind.EXCLUSIONS, "account_exclusion", EXCLUSION_CLASHES,
                    clock, row -> {
                        String account = row.get("accountId");
                        String territory = row.get("territoryKey");
                        boolean clean = account != null && territory != null && pairs.add(account + '\t' + territory);
                        return clean ? new String[] {account, territory, row.get("reason")} : null;
                    });
            if (rows >= 0) {
                return new Imported(rows, new PlanChanged.Bulk());
            }
        }
        createStage(c, "account_id text, territory_key text, reason text");
        long rows;
        long waited;
        try (CopyRows stage = new CopyRows(c, "COPY stage FROM STDIN")) {
            rows = CsvUpload.stream(file, data, Kind.EXCLUSIONS.required, Kind.EXCLUSIONS.optional, row -> {
                String account = required(row, "accountId", errors);
                String territory = required(row, "territoryKey", errors);
                stage.row(row.number(), account, territory, row.get("reason"));
            });
            stage.finish();
            waited = stage.waitMillis();
        }
        analyzeStage(c);
        clock.mark("parse+stage");
        clock.note("of it waiting on the COPY", waited);
        if (errors.full()) {
            errors.throwIfAny();
        }
        referenceErrors(c, planId, errors, STAGED_ACCOUNT_AND_TERRITORY_CHECKS + """
                SELECT row_no, 'territoryKey', 'duplicate exclusion in this file (also on row ' || first_row || ')'
                  FROM (SELECT row_no, min(row_no) OVER (PARTITION BY account_id, territory_key) AS first_row
                          FROM stage WHERE account_id IS NOT NULL AND territory_key IS NOT NULL) d
                 WHERE row_no <> first_row
                UNION ALL
                """ + EXCLUSION_CLASHES);
        errors.throwIfAny();
        clock.mark("checks");
        merge(c, planId, rows, """
                UPDATE account_exclusion e SET reason = s.reason FROM stage s
                 WHERE e.plan_id = :plan AND e.account_id = s.account_id AND e.territory_key = s.territory_key
                   AND e.reason IS DISTINCT FROM s.reason""", """
                INSERT INTO account_exclusion (plan_id, account_id, territory_key, reason)
                SELECT :plan, account_id, territory_key, reason FROM stage s
                 WHERE NOT EXISTS (SELECT 1 FROM account_exclusion e WHERE e.plan_id = :plan
                                      AND e.account_id = s.account_id AND e.territory_key = s.territory_key)""", clock);
        return new Imported(rows, new PlanChanged.Bulk());
    }

    /** The cells (account, territory, reason) of a row that may go straight into its table, or null. */
    @FunctionalInterface
    private interface StraightRow {
        String[] cells(CsvUpload.Row row);
    }

    /**
     * A plan's first overrides or exclusions file goes straight into its table: one COPY while the file is parsed,
     * no stage and no second write, then the staged path's reference checks run over the loaded rows. That is
     * the bulk of a new plan's data (100k rows), and it is now written once, as psql's \copy would. Anything the
     * checks would name — an empty cell, a repeat ({@code cells} answers null), an unknown account or territory,
     * a clash — rolls back to a savepoint taken before the COPY and answers -1: the caller then runs the staged
     * path, which names every bad row, so a bad file costs a second parse and nothing else.
     *
     * @return the rows loaded, or -1 when nothing was kept and the staged path must run
     */
    private long loadStraight(Connection c, UUID planId, String file, byte[] data, Kind kind, String table,
                              String clashes, PhaseClock clock, StraightRow straight) throws SQLException {
        String plan = planId.toString();
        boolean[] clean = {true};
        // SQL savepoints: the pool refuses JDBC's rollback(Savepoint) on a connection enlisted in the JTA transaction
        try (Statement s = c.createStatement()) {
            s.execute("SAVEPOINT before_straight_load");
        }
        long rows;
        try (CopyRows load = new CopyRows(c, "COPY " + table + " (plan_id, account_id, territory_key, reason) FROM STDIN")) {
            rows = CsvUpload.stream(file, data, kind.required, kind.optional, row -> {
                String[] cells = clean[0] ? straight.cells(row) : null;
                if (cells == null) {
                    clean[0] = false;
                    return;
                }
                load.cells(plan, cells[0], cells[1], cells[2]);
            });
            if (clean[0]) {
                load.finish();
            }
            clock.mark("parse+load");
            clock.note("of it waiting on the COPY", load.waitMillis());
        }
        if (clean[0]) {
            String loaded = "WITH stage AS NOT MATERIALIZED (SELECT 0 AS row_no, account_id, territory_key, reason FROM "
                    + table + " WHERE plan_id = :plan) SELECT EXISTS (" + STAGED_ACCOUNT_AND_TERRITORY_CHECKS + clashes + ")";
            boolean hashJoinsOnly = hashJoinsOnly(rows);
            try (Statement settings = c.createStatement();
                 PreparedStatement check = c.prepareStatement(loaded.replace(":plan", "?"))) {
                if (hashJoinsOnly) {
                    // the table's statistics predate the load: a nested loop would probe the baseline once per row
                    settings.execute(HASH_JOINS_ONLY + "; " + JOIN_MEMORY);
                }
                bindPlan(check, planId, loaded);
                try (ResultSet rs = check.executeQuery()) {
                    rs.next();
                    clean[0] = !rs.getBoolean(1);
                }
                if (hashJoinsOnly) {
                    settings.execute(JOINS_AS_CONFIGURED);
                }
            }
            clock.mark("checks");
        }
        try (Statement s = c.createStatement()) {
            s.execute(clean[0] ? "RELEASE SAVEPOINT before_straight_load" : "ROLLBACK TO SAVEPOINT before_straight_load");
        }
        if (!clean[0]) {
            clock.mark("straight load undone");
            return -1;
        }
        return rows;
    }

    /**
     * A fresh temporary table {@code stage} (row number first) for this transaction: temporary tables write no
     * WAL, and ON COMMIT DROP removes it whatever happens. work_mem is raised for this transaction only, so the
     * hash joins of 100k staged rows against 100k baseline accounts stay in memory (the default 4 MB spilled them
     * to disk in two batches).
     */
    private static void createStage(Connection c, String columns) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(JOIN_MEMORY + "; DROP TABLE IF EXISTS stage; "
                    + "CREATE TEMP TABLE stage (row_no bigint, " + columns + ") ON COMMIT DROP");
        }
    }

    /**
     * Gives the planner the stage's real size and spread instead of a guess from its page count. A small sample
     * (statistics target 10) is enough and takes ~10 ms instead of ~150 ms for the default target.
     */
    private static void analyzeStage(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL default_statistics_target = 10; ANALYZE stage");
        }
    }

    /** Staged rows whose account is not in the plan's baseline or whose territory is unknown (then UNION ALL more). */
    private static final String STAGED_ACCOUNT_AND_TERRITORY_CHECKS = """
                SELECT row_no, 'accountId', 'account ' || account_id || ' is not in the plan''s baseline' FROM stage s
                 WHERE account_id IS NOT NULL AND NOT EXISTS
                       (SELECT 1 FROM plan_account a WHERE a.plan_id = :plan AND a.account_id = s.account_id)
                UNION ALL
                SELECT row_no, 'territoryKey', 'unknown territory ''' || territory_key || '''' FROM stage s
                 WHERE territory_key IS NOT NULL AND NOT EXISTS
                       (SELECT 1 FROM territory t WHERE t.plan_id = :plan AND t.key = s.territory_key)
                UNION ALL
                """;

    /** Runs a query answering (row, column, reason) for every bad reference; {@code :plan} stands for the plan id. */
    private void referenceErrors(Connection c, UUID planId, Errors errors, String query) throws SQLException {
        int cap = config.imports().maxErrors();
        String sql = "SELECT row_no, col, reason, count(*) OVER () FROM (" + query.replace(":plan", "?")
                + ") AS bad (row_no, col, reason) ORDER BY row_no, col LIMIT " + cap;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bindPlan(s, planId, query);
            try (ResultSet rs = s.executeQuery()) {
                long total = 0;
                while (rs.next()) {
                    total = rs.getLong(4);
                    errors.add(rs.getLong(1), rs.getString(2), rs.getString(3));
                }
                errors.addUnlisted(total - Math.min(total, cap));
            }
        }
        errors.sortByRow();
    }

    static final String OVERRIDES_UPDATE = """
            UPDATE account_override o SET territory_key = s.territory_key, reason = s.reason FROM stage s
             WHERE o.plan_id = :plan AND o.account_id = s.account_id
               AND (o.territory_key, o.reason) IS DISTINCT FROM (s.territory_key, s.reason)""";
    static final String OVERRIDES_INSERT = """
            INSERT INTO account_override (plan_id, account_id, territory_key, reason)
            SELECT :plan, account_id, territory_key, reason FROM stage s
             WHERE NOT EXISTS (SELECT 1 FROM account_override o WHERE o.plan_id = :plan AND o.account_id = s.account_id)""";

    /** For this transaction: 100k × 100k hash joins stay in memory (the default 4 MB spilled them in two batches). */
    static final String JOIN_MEMORY = "SET LOCAL work_mem = '64MB'";

    /** From this many staged rows on, the merge joins by hashing only (see {@link #merge}). */
    static final long HASH_JOINS_FROM_ROWS = 1_000;
    static final String HASH_JOINS_ONLY = "SET LOCAL enable_nestloop = off";
    static final String JOINS_AS_CONFIGURED = "SET LOCAL enable_nestloop = DEFAULT";

    static boolean hashJoinsOnly(long stagedRows) {
        return stagedRows >= HASH_JOINS_FROM_ROWS;
    }

    /**
     * Writes the staged rows into {@code table}, which holds some of the plan's rows already (a plan's first file
     * went in straight, see {@link #loadStraight}): an UPDATE of the rows that differ and an INSERT of the new ones.
     * That INSERT reads the table it writes: when the statistics call that table (nearly) empty — a new database, or
     * a table analysed before its first big import — PostgreSQL picks a nested loop whose inner scan rereads every
     * row the statement has inserted so far, which is quadratic:
     * 100k overrides took about 3 minutes instead of 0.5 s (docs/benchmarks/planning.md), holding the plan's lock all
     * along. Large merges therefore use hash joins whatever the statistics say; small ones keep their index lookups.
     * Measured: two statements beat one data-modifying CTE (which re-probed the just-updated index) and beat
     * deleting the existing rows from the stage before a plain INSERT (a 100k-row DELETE of its own).
     */
    private static void merge(Connection c, UUID planId, long stagedRows, String update, String insert,
                              PhaseClock clock) throws SQLException {
        boolean hashJoinsOnly = hashJoinsOnly(stagedRows);
        try (Statement settings = c.createStatement()) {
            if (hashJoinsOnly) {
                settings.execute(HASH_JOINS_ONLY);
            }
            executeForPlan(c, planId, update);
            clock.mark("update");
            executeForPlan(c, planId, insert);
            clock.mark("insert");
            if (hashJoinsOnly) {
                settings.execute(JOINS_AS_CONFIGURED);
            }
        }
    }

    /** Runs one data-changing statement in which {@code :plan} stands for the plan id. */
    private static void executeForPlan(Connection c, UUID planId, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql.replace(":plan", "?"))) {
            bindPlan(s, planId, sql);
            s.executeUpdate();
        }
    }

    /** {@code table} is one of the two constant table names above, never user input. */
    private static boolean planHasRows(Connection c, String table, UUID planId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE plan_id = ?)")) {
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void bindPlan(PreparedStatement s, UUID planId, String sql) throws SQLException {
        int parameters = sql.split(":plan", -1).length - 1;
        for (int i = 1; i <= parameters; i++) {
            s.setObject(i, planId);
        }
    }

    private void userAssignments(Connection c, FiscalPlan plan, List<CsvUpload.Row> rows, Errors errors)
            throws SQLException, IOException {
        UUID planId = plan.id;
        Set<String> territories = references.territoryKeys(planId);
        Set<String> users = references.userIds();
        Map<String, OwnerOverlap.Period> periods = new LinkedHashMap<>();
        PlanAssignmentData.people(c, planId).values().forEach(list -> list.forEach(p ->
                periods.put(p.territoryKey() + "/" + p.userId() + "/" + p.role() + "/" + p.start(), p)));
        Map<String, Long> rowOf = new HashMap<>();
        List<Object[]> out = new ArrayList<>(rows.size());
        for (CsvUpload.Row row : rows) {
            String territory = required(row, "territoryKey", errors);
            String user = required(row, "userId", errors);
            String role = required(row, "role", errors);
            LocalDate start = date(row, "startDate", errors, true);
            LocalDate end = date(row, "endDate", errors, false);
            BigDecimal split = decimal(row, "splitPercent", errors);
            if (territory != null && !territories.contains(territory)) {
                errors.add(row.number(), "territoryKey", "unknown territory '" + territory + "'");
            }
            if (user != null && !users.contains(user)) {
                errors.add(row.number(), "userId", "user " + user + " is not an active record of the CRM mirror");
            }
            if (role != null && !Set.of("Owner", "Overlay", "Manager").contains(role)) {
                errors.add(row.number(), "role", "must be Owner, Overlay or Manager, not '" + role + "'");
            }
            if (split != null && (split.signum() <= 0 || split.compareTo(BigDecimal.valueOf(100)) > 0)) {
                errors.add(row.number(), "splitPercent", "must be above 0 and at most 100");
            }
            if (start != null && end != null && end.isBefore(start)) {
                errors.add(row.number(), "endDate", "ends before it starts");
            }
            if (end != null && end.isBefore(plan.fiscalYearStart)) {
                errors.add(row.number(), "endDate", "the assignment ends before the fiscal year starts");
            }
            if (territory != null && user != null && role != null && start != null) {
                String key = territory + "/" + user + "/" + role + "/" + start;
                if (rowOf.putIfAbsent(key, row.number()) != null) {
                    errors.add(row.number(), "userId", "duplicate of row " + rowOf.get(key));
                }
                periods.put(key, new OwnerOverlap.Period(territory, user, role, start, end));
            }
            out.add(new Object[] {planId, territory, user, role, start, end, split});
        }
        errors.throwIfAny();
        List<FieldError> overlap = OwnerOverlap.check(new ArrayList<>(periods.values()));
        for (FieldError e : overlap) {
            errors.add(0, e.field(), e.reason());
        }
        errors.throwIfAny();
        copyAndUpsert(c, "user_assignment", "territory_key text, user_id text, role text, start_date date, end_date date, "
                        + "split_percent numeric",
                "INSERT INTO user_assignment (plan_id, territory_key, user_id, role, start_date, end_date, split_percent) "
                        + "SELECT ?, territory_key, user_id, role, start_date, end_date, split_percent FROM stage "
                        + "ON CONFLICT (plan_id, territory_key, user_id, role, start_date) DO UPDATE SET "
                        + "end_date = EXCLUDED.end_date, split_percent = EXCLUDED.split_percent",
                planId, out, 1);
    }

    private void quotas(Connection c, FiscalPlan plan, List<CsvUpload.Row> rows, Errors errors)
            throws SQLException, IOException {
        UUID planId = plan.id;
        FiscalCalendar calendar = plan.calendar();
        Set<String> territories = references.territoryKeys(planId);
        Set<String> users = references.userIds();
        Map<String, Long> rowOf = new HashMap<>();
        List<Object[]> out = new ArrayList<>(rows.size());
        for (CsvUpload.Row row : rows) {
            LocalDate start = date(row, "periodStart", errors, true);
            BigDecimal amount = decimal(row, "amount", errors);
            BigDecimal quantity = decimal(row, "quantity", errors);
            LocalDate rampStart = date(row, "rampStart", errors, false);
            String forecastingType = row.get("forecastingType") == null ? "OpportunityRevenue" : row.get("forecastingType");
            QuotaRequests.Quota quota = new QuotaRequests.Quota(row.get("userId"), row.get("territoryKey"), start,
                    row.get("periodType"), amount, quantity, forecastingType, row.get("rampProfile"), rampStart);
            if (start != null) {
                for (FieldError e : QuotaService.problems(quota, calendar, territories::contains, users::contains)) {
                    errors.add(row.number(), e.field(), e.reason());
                }
            }
            String type = null;
            try {
                type = PeriodType.parse(row.get("periodType")).name();
            } catch (IllegalArgumentException ignored) {
                // reported by QuotaService.problems
            }
            String key = quota.userId() + "/" + quota.territoryKey() + "/" + start + "/" + type + "/" + forecastingType;
            if (rowOf.putIfAbsent(key, row.number()) != null) {
                errors.add(row.number(), "periodStart", "duplicate of row " + rowOf.get(key));
            }
            out.add(new Object[] {planId, quota.userId(), quota.territoryKey(), start, type, amount, quantity,
                    forecastingType, quota.rampProfile(), rampStart});
        }
        errors.throwIfAny();
        copyAndUpsert(c, "quota", "user_id text, territory_key text, period_start date, period_type text, amount numeric, "
                        + "quantity numeric, forecasting_type text, ramp_profile text, ramp_start date",
                "INSERT INTO quota (plan_id, user_id, territory_key, period_start, period_type, amount, quantity, "
                        + "forecasting_type, ramp_profile, ramp_start) SELECT ?, user_id, territory_key, period_start, "
                        + "period_type, amount, quantity, forecasting_type, ramp_profile, ramp_start FROM stage "
                        + "ON CONFLICT (plan_id, COALESCE(user_id, ''), COALESCE(territory_key, ''), period_start, "
                        + "period_type, forecasting_type) DO UPDATE SET amount = EXCLUDED.amount, "
                        + "quantity = EXCLUDED.quantity, ramp_profile = EXCLUDED.ramp_profile, ramp_start = EXCLUDED.ramp_start",
                planId, out, 1);
    }

    // ---- staging

    /**
     * COPYs the rows (without their first {@code skip} values, the plan id) into a temporary table and runs the
     * upsert from it. COPY is PostgreSQL's bulk path: 100k rows in well under a second.
     */
    private static void copyAndUpsert(Connection c, String target, String stageColumns, String upsert, UUID planId,
                                      List<Object[]> rows, int skip) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS stage");
            s.execute("CREATE TEMP TABLE stage (" + stageColumns + ") ON COMMIT DROP");
        }
        StringWriter buffer = new StringWriter(rows.size() * 64);
        try (CSVPrinter printer = new CSVPrinter(buffer, CSVFormat.POSTGRESQL_CSV)) {
            for (Object[] row : rows) {
                printer.printRecord(Arrays.asList(row).subList(skip, row.length));
            }
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        pg.getCopyAPI().copyIn("COPY stage FROM STDIN WITH (FORMAT csv)", new StringReader(buffer.toString()));
        try (PreparedStatement s = c.prepareStatement(upsert)) {
            s.setObject(1, planId);
            s.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE stage");
        }
    }

    // ---- cell parsing

    private static String required(CsvUpload.Row row, String column, Errors errors) {
        String value = row.get(column);
        if (value == null) {
            errors.add(row.number(), column, "is required");
        }
        return value;
    }

    private static Integer integer(CsvUpload.Row row, String column, Errors errors, boolean required) {
        String value = required ? required(row, column, errors) : row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            errors.add(row.number(), column, "'" + value + "' is not a whole number");
            return null;
        }
    }

    private static BigDecimal decimal(CsvUpload.Row row, String column, Errors errors) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            errors.add(row.number(), column, "'" + value + "' is not a number");
            return null;
        }
    }

    private static LocalDate date(CsvUpload.Row row, String column, Errors errors, boolean required) {
        String value = required ? required(row, column, errors) : row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(row.number(), column, "'" + value + "' is not a date (YYYY-MM-DD)");
            return null;
        }
    }

    private static RuleCriteria.Band band(CsvUpload.Row row, String minColumn, String maxColumn, Errors errors) {
        BigDecimal min = decimal(row, minColumn, errors);
        BigDecimal max = decimal(row, maxColumn, errors);
        return min == null && max == null ? null : new RuleCriteria.Band(min, max);
    }

    /** A ';'-separated list cell; null when empty. */
    private static List<String> list(String cell) {
        if (cell == null) {
            return null;
        }
        return Arrays.stream(cell.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Set<String> strings(Connection c, String sql, UUID planId) throws SQLException {
        Set<String> values = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
