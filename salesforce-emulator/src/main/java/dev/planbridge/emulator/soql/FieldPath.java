package dev.planbridge.emulator.soql;

import java.util.List;
import java.util.Map;

/**
 * A field reference resolved against the schema: zero or more parent relationship hops, then a field.
 * {@code canonical} is the path with canonical casing, e.g. "Account.Owner.Name".
 */
record FieldPath(String canonical, List<SoqlSchema.RelationshipInfo> hops, SoqlSchema.FieldInfo field) {

    SoqlType type() {
        return field.type();
    }

    boolean isDirect() {
        return hops.isEmpty();
    }

    /** The value for a row, following parent references through the row source; null when any hop is empty. */
    Object get(Map<String, Object> row, SoqlRowSource source) {
        if (hops.isEmpty()) {
            return row.get(field.name());
        }
        Map<String, Object> current = row;
        for (SoqlSchema.RelationshipInfo hop : hops) {
            Object parentId = current.get(hop.foreignKeyField());
            if (parentId == null) {
                return null;
            }
            current = source.byId(hop.targetObject(), parentId.toString());
            if (current == null) {
                return null;
            }
        }
        return current.get(field.name());
    }
}
