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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code rules} CSV: {@code name,position,territoryKey} and the criteria columns (lists separated by {@code ;},
 * postal ranges as {@code 94000-94999}), upserted by name. A rule that could never match is refused.
 */
@ApplicationScoped
public class RuleCsv implements CsvKind {

    private final PlanReferences references;

    public RuleCsv(PlanReferences references) {
        this.references = references;
    }

    @Override
    public String path() {
        return "rules";
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("name", "position", "territoryKey");
    }

    @Override
    public Set<String> optionalColumns() {
        return Set.of("countries", "states", "postalCodes", "industries", "employeesMin", "employeesMax", "revenueMin",
                "revenueMax", "segments", "parentAccountIds");
    }

    @Override
    public Imported importFile(CsvImport file) throws SQLException, IOException {
        List<CsvUpload.Row> rows = file.rows();
        List<Object[]> rules = check(rows, references.territoryKeys(file.planId()), file.errors());
        file.errors().throwIfAny();
        file.upsert("name text, position int, territory_key text, criteria text",
                "INSERT INTO assignment_rule (plan_id, name, position, territory_key, criteria) "
                        + "SELECT ?, name, position, territory_key, criteria FROM stage "
                        + "ON CONFLICT (plan_id, name) DO UPDATE SET position = EXCLUDED.position, "
                        + "territory_key = EXCLUDED.territory_key, criteria = EXCLUDED.criteria",
                rules);
        return Imported.rebuild(rows.size());
    }

    @Override
    public String exportQuery() {
        return "SELECT id, name, position, territory_key AS \"territoryKey\", criteria FROM assignment_rule "
                + "WHERE plan_id = ? ORDER BY position, id";
    }

    /**
     * Every row's cells, and in {@code errors} what is wrong: names unique in the file, positions not negative, the
     * territory known, criteria that can match some account.
     *
     * @param territories the plan's territory keys
     * @return name, position, territory and the criteria as stored (JSON) of each row
     */
    static List<Object[]> check(List<CsvUpload.Row> rows, Set<String> territories, RowErrors errors) {
        Set<String> names = new HashSet<>();
        List<Object[]> rules = new ArrayList<>(rows.size());
        for (CsvUpload.Row row : rows) {
            String name = Cells.required(row, "name", errors);
            Integer position = Cells.integer(row, "position", errors, true);
            String territory = Cells.required(row, "territoryKey", errors);
            if (name != null && !names.add(name)) {
                errors.add(row.number(), "name", "duplicate rule name '" + name + "' in this file");
            }
            if (position != null && position < 0) {
                errors.add(row.number(), "position", "must not be negative");
            }
            if (territory != null && !territories.contains(territory)) {
                errors.add(row.number(), "territoryKey", "unknown territory '" + territory + "'");
            }
            RuleCriteria criteria = new RuleCriteria(Cells.list(row, "countries"), Cells.list(row, "states"),
                    postalRanges(row), Cells.list(row, "industries"), band(row, "employeesMin", "employeesMax", errors),
                    band(row, "revenueMin", "revenueMax", errors), Cells.list(row, "segments"),
                    Cells.list(row, "parentAccountIds"));
            for (FieldError e : criteria.neverMatchReasons()) {
                errors.add(row.number(), e.field(), e.reason());
            }
            rules.add(new Object[] {name, position, territory, PlanAssignmentData.writeCriteria(criteria)});
        }
        return rules;
    }

    /** {@code 94000-94999} is a range, {@code SW1} a prefix; the dash of a range is not the first character. */
    private static List<RuleCriteria.PostalRange> postalRanges(CsvUpload.Row row) {
        List<String> parts = Cells.list(row, "postalCodes");
        if (parts == null) {
            return null;
        }
        List<RuleCriteria.PostalRange> ranges = new ArrayList<>(parts.size());
        for (String part : parts) {
            int dash = part.indexOf('-', 1);
            ranges.add(dash < 0 ? new RuleCriteria.PostalRange(part, null)
                    : new RuleCriteria.PostalRange(part.substring(0, dash).trim(), part.substring(dash + 1).trim()));
        }
        return ranges;
    }

    private static RuleCriteria.Band band(CsvUpload.Row row, String minColumn, String maxColumn, RowErrors errors) {
        BigDecimal min = Cells.decimal(row, minColumn, errors);
        BigDecimal max = Cells.decimal(row, maxColumn, errors);
        return min == null && max == null ? null : new RuleCriteria.Band(min, max);
    }
}
