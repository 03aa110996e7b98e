package dev.planbridge.emulator.soql;

import java.util.List;

/** A parsed and schema-validated query; immutable, thread-safe, safe to cache by query text. */
public interface CompiledQuery {

    /** Canonical FROM object. */
    String objectName();

    /** True for SELECT COUNT(). */
    boolean isCount();

    /** Selected items in SELECT order, e.g. ["Id", "Name", "Owner.Name"] with canonical casing. */
    List<String> selectedPaths();

    /**
     * Every field the query touches anywhere (SELECT, WHERE, ORDER BY, semi-joins, relationship foreign keys), as
     * "Object.Field" with canonical names; lets the caller refuse fields its client's API version does not have.
     */
    default List<String> referencedFields() {
        return List.of();
    }
}
