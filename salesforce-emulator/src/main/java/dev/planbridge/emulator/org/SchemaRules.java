package dev.planbridge.emulator.org;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules a customization of the org must follow, shared by {@code --schema DIR} and the admin schema API, and the
 * merge of a customization into a schema. Custom names end with {@code __c}; system fields (Id, OwnerId, audit
 * fields, ...) keep the emulator's definition; references point to objects the org has.
 */
public final class SchemaRules {

    /** Fields every object has and the org maintains (the Object Reference's "System Fields"). */
    static final Set<String> SYSTEM_FIELDS = Set.of("Id", "OwnerId", "IsDeleted", "CreatedDate", "CreatedById",
            "LastModifiedDate", "LastModifiedById", "SystemModstamp", "LastViewedDate", "LastReferencedDate",
            "LastActivityDate");

    private SchemaRules() {
    }

    /**
     * Merges a standard object's document: {@code __c} fields are added (or replace a custom field of the same name),
     * standard fields the emulator already models must keep their type, and a standard field the emulator does not
     * model is added only when the document marks it {@code "custom": false} (as an exported describe does).
     */
    static ObjectDef mergeIntoStandard(ObjectDef base, DescribeDocuments.ObjectDocument document) {
        Map<String, FieldDef> fields = new LinkedHashMap<>();
        base.fields().forEach(field -> fields.put(field.name().toLowerCase(Locale.ROOT), field));
        for (FieldDef field : document.fields()) {
            String key = field.name().toLowerCase(Locale.ROOT);
            FieldDef existing = fields.get(key);
            if (existing != null && !existing.custom()) {
                if (existing.type() != field.type()) {
                    throw new SchemaDefinitionException(document.source(), field.name(), "redefines "
                            + (SYSTEM_FIELDS.contains(existing.name()) ? "system" : "standard") + " field "
                            + base.name() + "." + existing.name() + " (type " + existing.type().describeName()
                            + ") as " + field.type().describeName());
                }
                continue; // the emulator's definition of a standard field stands
            }
            if (!field.name().endsWith("__c") && field.custom()) {
                throw new SchemaDefinitionException(document.source(), field.name(),
                        "a custom field name must end with __c");
            }
            fields.put(key, field);
        }
        return base.withFields(new ArrayList<>(fields.values()));
    }

    /** A custom object's document with the system fields the org adds to every custom object. */
    static ObjectDef customObject(DescribeDocuments.ObjectDocument document, String keyPrefix) {
        if (!document.custom()) {
            throw new SchemaDefinitionException(document.source(), null, "object " + document.name()
                    + " is not a standard object of the emulator, and a custom object's name must end with __c");
        }
        Map<String, FieldDef> provided = new LinkedHashMap<>();
        for (FieldDef field : document.fields()) {
            provided.put(field.name(), field);
        }
        List<FieldDef> fields = new ArrayList<>();
        fields.add(system(document, provided, FieldDef.builder("Id", FieldType.ID).readOnly().defaulted().idLookup()
                .label(document.label() + " ID").build()));
        fields.add(system(document, provided, FieldDef.builder("OwnerId", FieldType.REFERENCE).defaulted()
                .references("Owner", OrgSchema.USER).label("Owner ID").build()));
        FieldDef name = provided.remove("Name");
        if (name != null && !name.type().isText()) {
            throw new SchemaDefinitionException(document.source(), "Name", "the Name field of a custom object is text");
        }
        fields.add(name != null ? name : FieldDef.builder("Name", FieldType.STRING).length(80).required()
                .label(document.label() + " Name").idLookup().custom(false).build());
        for (FieldDef field : document.fields()) {
            if (!provided.containsKey(field.name()) || SYSTEM_FIELDS.contains(field.name())) {
                continue;
            }
            if (!field.name().endsWith("__c")) {
                throw new SchemaDefinitionException(document.source(), field.name(),
                        "a custom field name must end with __c");
            }
            fields.add(field);
        }
        fields.add(system(document, provided, FieldDef.builder("IsDeleted", FieldType.BOOLEAN).readOnly().defaulted()
                .label("Deleted").build()));
        fields.add(system(document, provided, FieldDef.builder("CreatedDate", FieldType.DATETIME).readOnly()
                .defaulted().build()));
        fields.add(system(document, provided, FieldDef.builder("CreatedById", FieldType.REFERENCE).readOnly()
                .defaulted().references("CreatedBy", OrgSchema.USER).build()));
        fields.add(system(document, provided, FieldDef.builder("LastModifiedDate", FieldType.DATETIME).readOnly()
                .defaulted().build()));
        fields.add(system(document, provided, FieldDef.builder("LastModifiedById", FieldType.REFERENCE).readOnly()
                .defaulted().references("LastModifiedBy", OrgSchema.USER).build()));
        fields.add(system(document, provided, FieldDef.builder("SystemModstamp", FieldType.DATETIME).readOnly()
                .defaulted().build()));
        return new ObjectDef(document.name(), document.label(), document.labelPlural(), keyPrefix,
                document.createable(), document.updateable(), document.deletable(), document.undeletable(),
                document.replicateable(), fields, List.of());
    }

    /** The emulator's system field, after checking the document does not redefine it. */
    private static FieldDef system(DescribeDocuments.ObjectDocument document, Map<String, FieldDef> provided,
                                   FieldDef canonical) {
        FieldDef given = provided.get(canonical.name());
        if (given != null && given.type() != canonical.type()) {
            throw new SchemaDefinitionException(document.source(), canonical.name(), "redefines system field "
                    + canonical.name() + " (type " + canonical.type().describeName() + ") as "
                    + given.type().describeName());
        }
        return canonical;
    }

    /** Every custom reference must point to an object of the schema. */
    static void checkReferences(OrgSchema schema, String source, ObjectDef object) {
        for (FieldDef field : object.fields()) {
            if (field.isReference() && field.custom()) {
                checkReference(schema, source, field);
            }
        }
    }

    static void checkReference(OrgSchema schema, String source, FieldDef field) {
        for (String target : field.referenceTo()) {
            if (schema.objectDef(target) == null) {
                throw new SchemaDefinitionException(source, field.name(), "reference to unknown object '" + target
                        + "'");
            }
        }
    }

    /** A field added while the org runs (admin API): custom, new, nillable, pointing to known objects. */
    static void checkRuntimeField(OrgSchema schema, ObjectDef object, FieldDef field, String source) {
        if (!field.name().endsWith("__c")) {
            throw new SchemaDefinitionException(source, field.name(), "a custom field name must end with __c");
        }
        if (object.fieldDef(field.name()) != null) {
            throw new SchemaDefinitionException(source, field.name(), object.name() + " already has a field "
                    + object.fieldDef(field.name()).name());
        }
        if (!field.nillable() && !field.defaultedOnCreate() && field.type() != FieldType.BOOLEAN) {
            throw new SchemaDefinitionException(source, field.name(), "a field added to a running org must be "
                    + "nillable (existing records have no value for it)");
        }
        if (!field.custom()) {
            throw new SchemaDefinitionException(source, field.name(), "only custom fields can be added (\"custom\" "
                    + "is false)");
        }
        if (field.isReference()) {
            checkReference(schema, source, field);
        }
    }
}
