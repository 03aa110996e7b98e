package dev.planbridge.planning.territory;

import dev.planbridge.planning.csv.Cells;
import dev.planbridge.planning.csv.CsvImport;
import dev.planbridge.planning.csv.CsvKind;
import dev.planbridge.planning.csv.CsvUpload;
import dev.planbridge.planning.csv.RowErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code territory-types} CSV: {@code key,label,priority}, upserted by key. */
@ApplicationScoped
public class TerritoryTypeCsv implements CsvKind {

    @Override
    public String path() {
        return "territory-types";
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("key", "label", "priority");
    }

    @Override
    public Set<String> optionalColumns() {
        return Set.of();
    }

    @Override
    public Imported importFile(CsvImport file) throws SQLException, IOException {
        List<CsvUpload.Row> rows = file.rows();
        List<Object[]> types = check(rows, file.errors());
        file.errors().throwIfAny();
        file.upsert("key text, label text, priority int",
                "INSERT INTO territory_type (plan_id, key, label, priority) SELECT ?, key, label, priority FROM stage "
                        + "ON CONFLICT (plan_id, key) DO UPDATE SET label = EXCLUDED.label, priority = EXCLUDED.priority",
                types);
        return Imported.rebuild(rows.size());
    }

    @Override
    public String exportQuery() {
        return "SELECT key, label, priority FROM territory_type WHERE plan_id = ? ORDER BY priority";
    }

    /**
     * Every row's cells, and in {@code errors} what is wrong with them: keys are unique in the file, priorities
     * are 1–999 and unique in the plan (the types of a plan are ranked by them).
     *
     * @return key, label and priority of each row
     */
    static List<Object[]> check(List<CsvUpload.Row> rows, RowErrors errors) {
        Set<Integer> priorities = new HashSet<>();
        Set<String> keys = new HashSet<>();
        List<Object[]> types = new ArrayList<>(rows.size());
        for (CsvUpload.Row row : rows) {
            String key = Cells.required(row, "key", errors);
            String label = Cells.required(row, "label", errors);
            Integer priority = Cells.integer(row, "priority", errors, true);
            if (key != null && !keys.add(key)) {
                errors.add(row.number(), "key", "duplicate key '" + key + "' in this file");
            }
            if (priority != null) {
                if (priority < 1 || priority > 999) {
                    errors.add(row.number(), "priority", "must be between 1 and 999");
                } else if (!priorities.add(priority)) {
                    errors.add(row.number(), "priority", "priority " + priority + " appears twice; it is unique per plan");
                }
            }
            types.add(new Object[] {key, label, priority});
        }
        return types;
    }
}
