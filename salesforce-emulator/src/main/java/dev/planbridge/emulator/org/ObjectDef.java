package dev.planbridge.emulator.org;

import dev.planbridge.emulator.soql.SoqlSchema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Describe metadata of one sObject type: its fields (in describe order), key prefix and the calls it supports.
 * {@code replicateable} = getUpdated/getDeleted allowed; {@code updateable} false for create/delete-only objects.
 */
public final class ObjectDef implements SoqlSchema.ObjectInfo {

    private final String name;
    private final String label;
    private final String labelPlural;
    private final String keyPrefix;
    private final boolean createable;
    private final boolean updateable;
    private final boolean deletable;
    private final boolean undeletable;
    private final boolean replicateable;
    private final Map<String, FieldDef> fieldsByLowerName;
    private final Map<String, FieldDef> relationshipsByLowerName;
    private final List<List<String>> uniqueKeys;
    private final FieldDef[] fieldArray;
    private final List<FieldDef> externalIdFields;
    private final Map<String, Integer> indexByName;

    ObjectDef(String name, String label, String labelPlural, String keyPrefix, boolean createable, boolean updateable,
              boolean deletable, boolean undeletable, boolean replicateable, Collection<FieldDef> fields,
              List<List<String>> uniqueKeys) {
        this.name = name;
        this.label = label;
        this.labelPlural = labelPlural;
        this.keyPrefix = keyPrefix;
        this.createable = createable;
        this.updateable = updateable;
        this.deletable = deletable;
        this.undeletable = undeletable;
        this.replicateable = replicateable;
        Map<String, FieldDef> byName = new LinkedHashMap<>();
        Map<String, FieldDef> byRelationship = new LinkedHashMap<>();
        for (FieldDef field : fields) {
            byName.put(field.name().toLowerCase(Locale.ROOT), field);
            if (field.relationshipName() != null) {
                byRelationship.put(field.relationshipName().toLowerCase(Locale.ROOT), field);
            }
        }
        this.fieldsByLowerName = Collections.unmodifiableMap(byName);
        this.fieldArray = byName.values().toArray(new FieldDef[0]);
        Map<String, Integer> positions = new java.util.HashMap<>();
        for (int i = 0; i < fieldArray.length; i++) {
            positions.put(fieldArray[i].name(), i);
        }
        this.indexByName = positions;
        this.relationshipsByLowerName = Collections.unmodifiableMap(byRelationship);
        List<List<String>> keys = new ArrayList<>();
        for (FieldDef field : fields) {
            if (field.unique()) {
                keys.add(List.of(field.name()));
            }
        }
        uniqueKeys.forEach(key -> keys.add(List.copyOf(key)));
        this.uniqueKeys = List.copyOf(keys);
        this.externalIdFields = fields.stream().filter(FieldDef::externalId).toList();
    }

    /**
     * Field tuples whose values are unique among live records (case-insensitive): every unique field on its own,
     * plus composite keys such as (UserId, Territory2Id). A clash fails the write with DUPLICATE_VALUE.
     */
    public List<List<String>> uniqueKeys() {
        return uniqueKeys;
    }

    /** External-id fields (upsert keys; not necessarily unique: several matches give DUPLICATE_EXTERNAL_ID). */
    public List<FieldDef> externalIdFields() {
        return externalIdFields;
    }

    @Override
    public String name() { return name; }
    public String label() { return label; }
    public String labelPlural() { return labelPlural; }
    public String keyPrefix() { return keyPrefix; }
    public boolean createable() { return createable; }
    public boolean updateable() { return updateable; }
    public boolean deletable() { return deletable; }
    public boolean undeletable() { return undeletable; }
    public boolean replicateable() { return replicateable; }
    public boolean custom() { return name.endsWith("__c"); }

    /** Number of fields; a stored row is an array of this size in describe order. */
    public int fieldCount() {
        return fieldArray.length;
    }

    /** The field at a row position. */
    public FieldDef fieldAt(int index) {
        return fieldArray[index];
    }

    /** Row position of a canonical field name (exact case), -1 when absent. */
    public int indexOf(String canonicalName) {
        Integer index = indexByName.get(canonicalName);
        return index == null ? -1 : index;
    }

    /** Fields in describe order. */
    public Collection<FieldDef> fields() {
        return fieldsByLowerName.values();
    }

    /** Case-insensitive field lookup, null when absent. */
    public FieldDef fieldDef(String fieldName) {
        return fieldName == null ? null : fieldsByLowerName.get(fieldName.toLowerCase(Locale.ROOT));
    }

    public boolean hasField(String fieldName) {
        return fieldDef(fieldName) != null;
    }

    /** The reference field whose relationship name is given (e.g. "Owner" → OwnerId), null when absent. */
    public FieldDef relationshipField(String relationshipName) {
        return relationshipName == null ? null : relationshipsByLowerName.get(relationshipName.toLowerCase(Locale.ROOT));
    }

    @Override
    public SoqlSchema.FieldInfo field(String fieldName) {
        FieldDef def = fieldDef(fieldName);
        return def == null || def.isCompound() ? null : new SoqlSchema.FieldInfo(def.name(), def.type().soqlType());
    }

    @Override
    public SoqlSchema.RelationshipInfo relationship(String relationshipName) {
        FieldDef def = relationshipField(relationshipName);
        if (def == null || def.referenceTo().size() != 1) {
            return null;
        }
        return new SoqlSchema.RelationshipInfo(def.relationshipName(), def.name(), def.referenceTo().get(0));
    }

    /** The same object with another field list (a schema change); composite keys are kept. */
    public ObjectDef withFields(Collection<FieldDef> newFields) {
        List<List<String>> composite = new ArrayList<>();
        for (List<String> key : uniqueKeys) {
            if (key.size() > 1) {
                composite.add(key);
            }
        }
        return new ObjectDef(name, label, labelPlural, keyPrefix, createable, updateable, deletable, undeletable,
                replicateable, newFields, composite);
    }

    @Override
    public String toString() {
        return name;
    }
}
