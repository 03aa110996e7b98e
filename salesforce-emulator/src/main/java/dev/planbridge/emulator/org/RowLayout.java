package dev.planbridge.emulator.org;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stored rows are arrays in describe order, so a schema change (a field added or removed) re-lays every row of the
 * changed objects out by field name: values of kept fields move to their new position, new fields start empty.
 */
final class RowLayout {

    private RowLayout() {
    }

    /** True when the object's rows need a new layout between the two schemas. */
    static boolean changed(ObjectDef from, ObjectDef to) {
        if (from == null || to == null || from.fieldCount() != to.fieldCount()) {
            return true;
        }
        for (int i = 0; i < from.fieldCount(); i++) {
            if (!from.fieldAt(i).name().equals(to.fieldAt(i).name())) {
                return true;
            }
        }
        return false;
    }

    /** The rows of every object re-laid out from one schema to the other (tables of dropped objects are dropped). */
    static void remap(Map<String, LinkedHashMap<String, Org.Row>> rows, OrgSchema from, OrgSchema to) {
        for (ObjectDef target : to.objects()) {
            ObjectDef source = from.objectDef(target.name());
            LinkedHashMap<String, Org.Row> table = rows.get(target.name());
            if (table == null || !changed(source, target)) {
                continue;
            }
            int[] sourceIndex = new int[target.fieldCount()];
            for (int i = 0; i < target.fieldCount(); i++) {
                sourceIndex[i] = source == null ? -1 : source.indexOf(target.fieldAt(i).name());
            }
            for (Map.Entry<String, Org.Row> entry : table.entrySet()) {
                Org.Row row = entry.getValue();
                Object[] values = new Object[target.fieldCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = sourceIndex[i] < 0 ? null : row.values()[sourceIndex[i]];
                }
                entry.setValue(new Org.Row(values, row.deletedAt(), row.deletedWith(), row.parentClearedBy()));
            }
        }
        rows.keySet().removeIf(name -> to.objectDef(name) == null);
    }
}
