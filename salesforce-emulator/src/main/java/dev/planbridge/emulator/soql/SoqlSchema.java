package dev.planbridge.emulator.soql;

/**
 * The org's schema as the SOQL engine sees it; implemented by the emulator core.
 * All lookups are case-insensitive and return canonical names, so queries may use any casing.
 */
public interface SoqlSchema {

    /** Case-insensitive lookup; null when the org has no such object. */
    ObjectInfo object(String name);

    /** One sObject type. */
    interface ObjectInfo {
        /** Canonical name, e.g. "Account". */
        String name();

        /** Case-insensitive; null when no such field. */
        FieldInfo field(String name);

        /** Parent relationship by name, case-insensitive, e.g. "Owner" (OwnerId -> User), "Account", "Parent"; null if none. */
        RelationshipInfo relationship(String relationshipName);
    }

    /** A field with its canonical name and type. */
    record FieldInfo(String name, SoqlType type) {}

    /**
     * A parent (lookup) relationship: {@code name} is the relationship name used in SOQL paths ("Owner"),
     * {@code foreignKeyField} the canonical reference field holding the parent's Id ("OwnerId"),
     * {@code targetObject} the canonical parent object name ("User").
     */
    record RelationshipInfo(String name, String foreignKeyField, String targetObject) {}
}
