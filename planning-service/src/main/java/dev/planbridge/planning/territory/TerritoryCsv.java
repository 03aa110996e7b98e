package dev.planbridge.planning.territory;

import dev.planbridge.planning.common.FieldError;
import dev.planbridge.planning.csv.Cells;
import dev.planbridge.planning.csv.CsvImport;
import dev.planbridge.planning.csv.CsvKind;
import dev.planbridge.planning.csv.CsvUpload;
import dev.planbridge.planning.csv.RowErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code territories} CSV: {@code key,name,typeKey[,parentKey,headcountCapacity]}, upserted by key. The file is
 * checked together with the plan's other territories, so the merged tree has no cycle or dangling parent.
 */
@ApplicationScoped
public class TerritoryCsv implements CsvKind {

    @Override
    public String path() {
        return "territories";
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("key", "name", "typeKey");
    }

    @Override
    public Set<String> optionalColumns() {
        return Set.of("parentKey", "headcountCapacity");
    }

    @Override
    public Imported importFile(CsvImport file) throws SQLException, IOException {
        List<CsvUpload.Row> rows = file.rows();
        List<Object[]> territories = check(rows, existing(file), file.strings("SELECT key FROM territory_type "
                + "WHERE plan_id = ?"), file.errors());
        file.upsert("key text, name text, type_key text, parent_key text, headcount_capacity int",
                "INSERT INTO territory (plan_id, key, name, type_key, parent_key, headcount_capacity) "
                        + "SELECT ?, key, name, type_key, parent_key, headcount_capacity FROM stage "
                        + "ON CONFLICT (plan_id, key) DO UPDATE SET name = EXCLUDED.name, type_key = EXCLUDED.type_key, "
                        + "parent_key = EXCLUDED.parent_key, headcount_capacity = EXCLUDED.headcount_capacity",
                territories);
        return Imported.rebuild(rows.size());
    }

    @Override
    public String exportQuery() {
        return "SELECT key, name, type_key AS \"typeKey\", parent_key AS \"parentKey\", "
                + "headcount_capacity AS \"headcountCapacity\" FROM territory WHERE plan_id = ? ORDER BY key";
    }

    private static Map<String, TerritoryHierarchy.Node> existing(CsvImport file) throws SQLException {
        Map<String, TerritoryHierarchy.Node> nodes = new LinkedHashMap<>();
        try (PreparedStatement s = file.connection().prepareStatement(
                "SELECT key, parent_key, type_key FROM territory WHERE plan_id = ?")) {
            s.setObject(1, file.planId());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    nodes.put(rs.getString(1), new TerritoryHierarchy.Node(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return nodes;
    }

    /**
     * Checks the rows cell by cell, then — when every cell is good — the plan's tree as it would be after the
     * import ({@link TerritoryHierarchy}); a tree error is reported on the row of the territory it names. Throws
     * the file's problem at the first stage that finds anything.
     *
     * @param existing the plan's territories before the import, by key
     * @param types    the plan's territory type keys
     * @return key, name, type, parent and capacity of each row
     */
    static List<Object[]> check(List<CsvUpload.Row> rows, Map<String, TerritoryHierarchy.Node> existing,
                                Set<String> types, RowErrors errors) {
        Map<String, TerritoryHierarchy.Node> nodes = new LinkedHashMap<>(existing);
        Map<String, Long> rowOfKey = new HashMap<>();
        List<Object[]> territories = new ArrayList<>(rows.size());
        for (CsvUpload.Row row : rows) {
            String key = Cells.required(row, "key", errors);
            String name = Cells.required(row, "name", errors);
            String type = Cells.required(row, "typeKey", errors);
            String parent = row.get("parentKey");
            Integer capacity = Cells.integer(row, "headcountCapacity", errors, false);
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
            territories.add(new Object[] {key, name, type, parent, capacity});
        }
        errors.throwIfAny();
        TerritoryHierarchy.Result tree = TerritoryHierarchy.build(new ArrayList<>(nodes.values()), types);
        for (FieldError e : tree.errors()) {
            String key = e.reason().replaceAll("^territory '([^']+)'.*", "$1");
            errors.add(rowOfKey.getOrDefault(key, 0L), e.field(), e.reason());
        }
        errors.throwIfAny();
        return territories;
    }
}
