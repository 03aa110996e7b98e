package dev.planbridge.planning.assignment;

import dev.planbridge.planning.common.FieldError;
import dev.planbridge.planning.csv.Cells;
import dev.planbridge.planning.csv.CsvImport;
import dev.planbridge.planning.csv.CsvKind;
import dev.planbridge.planning.csv.CsvUpload;
import dev.planbridge.planning.csv.RowErrors;
import dev.planbridge.planning.plan.PlanReferences;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code user-assignments} CSV: {@code territoryKey,userId,role,startDate[,endDate,splitPercent]}, upserted by
 * territory, user, role and start. The file is checked together with the plan's other assignments, so no territory
 * ends up with two Owners at once.
 */
@ApplicationScoped
public class UserAssignmentCsv implements CsvKind {

    private static final Set<String> ROLES = Set.of("Owner", "Overlay", "Manager");

    private final PlanReferences references;

    public UserAssignmentCsv(PlanReferences references) {
        this.references = references;
    }

    @Override
    public String path() {
        return "user-assignments";
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("territoryKey", "userId", "role", "startDate");
    }

    @Override
    public Set<String> optionalColumns() {
        return Set.of("endDate", "splitPercent");
    }

    @Override
    public Imported importFile(CsvImport file) throws SQLException, IOException {
        List<CsvUpload.Row> rows = file.rows();
        List<OwnerOverlap.Period> existing = new ArrayList<>();
        PlanAssignmentData.people(file.connection(), file.planId()).values().forEach(existing::addAll);
        List<Object[]> assignments = check(rows, file.plan().fiscalYearStart, references.territoryKeys(file.planId()),
                references.userIds(), existing, file.errors());
        file.upsert("territory_key text, user_id text, role text, start_date date, end_date date, split_percent numeric",
                "INSERT INTO user_assignment (plan_id, territory_key, user_id, role, start_date, end_date, split_percent) "
                        + "SELECT ?, territory_key, user_id, role, start_date, end_date, split_percent FROM stage "
                        + "ON CONFLICT (plan_id, territory_key, user_id, role, start_date) DO UPDATE SET "
                        + "end_date = EXCLUDED.end_date, split_percent = EXCLUDED.split_percent",
                assignments);
        return Imported.rebuild(rows.size());
    }

    @Override
    public String exportQuery() {
        return "SELECT territory_key AS \"territoryKey\", user_id AS \"userId\", role, start_date AS \"startDate\", "
                + "end_date AS \"endDate\", split_percent AS \"splitPercent\" FROM user_assignment WHERE plan_id = ? "
                + "ORDER BY territory_key, start_date, user_id";
    }

    /**
     * Checks the rows cell by cell, then — when every cell is good — the Owner periods of every territory as they
     * would be after the import ({@link OwnerOverlap}; a row replaces the existing period of the same territory,
     * user, role and start). Throws the file's problem at the first stage that finds anything.
     *
     * @param yearStart   the plan's fiscal year start: an assignment that ends before it is pointless
     * @param territories the plan's territory keys
     * @param users       the active users of the CRM mirror
     * @param existing    the plan's assignments before the import
     * @return territory, user, role, start, end and split of each row
     */
    static List<Object[]> check(List<CsvUpload.Row> rows, LocalDate yearStart, Set<String> territories,
                                Set<String> users, Collection<OwnerOverlap.Period> existing, RowErrors errors) {
        Map<String, OwnerOverlap.Period> periods = new LinkedHashMap<>();
        existing.forEach(p -> periods.put(key(p.territoryKey(), p.userId(), p.role(), p.start()), p));
        Map<String, Long> rowOf = new HashMap<>();
        List<Object[]> assignments = new ArrayList<>(rows.size());
        for (CsvUpload.Row row : rows) {
            String territory = Cells.required(row, "territoryKey", errors);
            String user = Cells.required(row, "userId", errors);
            String role = Cells.required(row, "role", errors);
            LocalDate start = Cells.date(row, "startDate", errors, true);
            LocalDate end = Cells.date(row, "endDate", errors, false);
            BigDecimal split = Cells.decimal(row, "splitPercent", errors);
            if (territory != null && !territories.contains(territory)) {
                errors.add(row.number(), "territoryKey", "unknown territory '" + territory + "'");
            }
            if (user != null && !users.contains(user)) {
                errors.add(row.number(), "userId", "user " + user + " is not an active record of the CRM mirror");
            }
            if (role != null && !ROLES.contains(role)) {
                errors.add(row.number(), "role", "must be Owner, Overlay or Manager, not '" + role + "'");
            }
            if (split != null && (split.signum() <= 0 || split.compareTo(BigDecimal.valueOf(100)) > 0)) {
                errors.add(row.number(), "splitPercent", "must be above 0 and at most 100");
            }
            if (start != null && end != null && end.isBefore(start)) {
                errors.add(row.number(), "endDate", "ends before it starts");
            }
            if (end != null && end.isBefore(yearStart)) {
                errors.add(row.number(), "endDate", "the assignment ends before the fiscal year starts");
            }
            if (territory != null && user != null && role != null && start != null) {
                String key = key(territory, user, role, start);
                if (rowOf.putIfAbsent(key, row.number()) != null) {
                    errors.add(row.number(), "userId", "duplicate of row " + rowOf.get(key));
                }
                periods.put(key, new OwnerOverlap.Period(territory, user, role, start, end));
            }
            assignments.add(new Object[] {territory, user, role, start, end, split});
        }
        errors.throwIfAny();
        for (FieldError e : OwnerOverlap.check(new ArrayList<>(periods.values()))) {
            errors.add(0, e.field(), e.reason());
        }
        errors.throwIfAny();
        return assignments;
    }

    private static String key(String territory, String user, String role, LocalDate start) {
        return territory + "/" + user + "/" + role + "/" + start;
    }
}
