package dev.planbridge.emulator.org;

import java.util.List;

/**
 * Describe metadata of one field. {@code required} means "createable, not nillable and not defaulted on create":
 * a create without it fails with REQUIRED_FIELD_MISSING. {@code unique} values are unique per object
 * (case-insensitively), {@code externalId} fields can key an upsert. {@code calculated} fields are computed by the org
 * (never written by clients), {@code compoundFieldName} names the compound (e.g. BillingAddress) a part belongs to.
 */
public record FieldDef(
        String name,
        String label,
        FieldType type,
        int length,
        boolean createable,
        boolean updateable,
        boolean nillable,
        boolean defaultedOnCreate,
        boolean unique,
        boolean externalId,
        boolean idLookup,
        boolean custom,
        List<String> referenceTo,
        String relationshipName,
        List<String> picklistValues,
        boolean restrictedPicklist,
        int precision,
        int scale,
        boolean calculated,
        boolean filterable,
        String compoundFieldName) {

    public FieldDef {
        referenceTo = referenceTo == null ? List.of() : List.copyOf(referenceTo);
        picklistValues = picklistValues == null ? List.of() : List.copyOf(picklistValues);
    }

    public boolean required() {
        return createable && !nillable && !defaultedOnCreate && type != FieldType.BOOLEAN;
    }

    /** True for compound fields (address), which are computed from their parts. */
    public boolean isCompound() {
        return type == FieldType.ADDRESS;
    }

    public boolean isReference() {
        return type == FieldType.REFERENCE;
    }

    /** Fluent builder; defaults: createable, updateable, nillable, not custom. */
    public static Builder builder(String name, FieldType type) {
        return new Builder(name, type);
    }

    public static final class Builder {
        private final String name;
        private final FieldType type;
        private String label;
        private int length;
        private boolean createable = true;
        private boolean updateable = true;
        private boolean nillable = true;
        private boolean defaultedOnCreate;
        private boolean unique;
        private boolean externalId;
        private boolean idLookup;
        private List<String> referenceTo = List.of();
        private String relationshipName;
        private List<String> picklistValues = List.of();
        private boolean restrictedPicklist;
        private int precision;
        private int scale;
        private boolean calculated;
        private Boolean custom;
        private Boolean filterable;
        private String compoundFieldName;

        private Builder(String name, FieldType type) {
            this.name = name;
            this.type = type;
            this.length = switch (type) {
                case ID, REFERENCE -> 18;
                case STRING, EMAIL, URL -> 255;
                case PHONE -> 40;
                case TEXTAREA -> 32000;
                case PICKLIST, MULTIPICKLIST -> 255;
                default -> 0;
            };
            if (type == FieldType.CURRENCY || type == FieldType.DOUBLE || type == FieldType.PERCENT) {
                precision = 18;
                scale = 2;
            }
            if (type == FieldType.INTEGER) {
                precision = 8;
            }
        }

        public Builder label(String value) { this.label = value; return this; }
        public Builder length(int value) { this.length = value; return this; }
        public Builder required() { this.nillable = false; return this; }
        /** Not nillable, but filled in by the org when absent (e.g. OwnerId, booleans). */
        public Builder defaulted() { this.nillable = false; this.defaultedOnCreate = true; return this; }
        public Builder readOnly() { this.createable = false; this.updateable = false; return this; }
        /** Settable on create only (e.g. association ids). */
        public Builder createOnly() { this.updateable = false; return this; }
        public Builder unique() { this.unique = true; return this; }
        public Builder externalId() { this.externalId = true; this.idLookup = true; return this; }
        public Builder idLookup() { this.idLookup = true; return this; }
        public Builder references(String relationship, String... targets) {
            this.referenceTo = List.of(targets);
            this.relationshipName = relationship;
            return this;
        }
        public Builder picklist(String... values) { this.picklistValues = List.of(values); return this; }
        /** A picklist that rejects values outside its list (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST). */
        public Builder restrictedPicklist(String... values) {
            this.picklistValues = List.of(values);
            this.restrictedPicklist = true;
            return this;
        }
        public Builder precision(int precision, int scale) { this.precision = precision; this.scale = scale; return this; }

        public Builder custom(boolean value) { this.custom = value; return this; }
        public Builder nillable(boolean value) { this.nillable = value; return this; }
        public Builder createable(boolean value) { this.createable = value; return this; }
        public Builder updateable(boolean value) { this.updateable = value; return this; }
        public Builder defaultedOnCreate(boolean value) { this.defaultedOnCreate = value; return this; }
        public Builder unique(boolean value) { this.unique = value; return this; }
        public Builder externalId(boolean value) { this.externalId = value; return this; }
        public Builder idLookup(boolean value) { this.idLookup = value; return this; }
        public Builder restricted(boolean value) { this.restrictedPicklist = value; return this; }
        public Builder calculated(boolean value) { this.calculated = value; return this; }
        public Builder filterable(boolean value) { this.filterable = value; return this; }
        public Builder compoundFieldName(String value) { this.compoundFieldName = value; return this; }
        public Builder picklistValues(List<String> values) { this.picklistValues = List.copyOf(values); return this; }
        public Builder referenceTo(List<String> targets, String relationship) {
            this.referenceTo = List.copyOf(targets);
            this.relationshipName = relationship;
            return this;
        }

        public FieldDef build() {
            String effectiveLabel = label != null ? label : defaultLabel(name);
            boolean isCustom = custom != null ? custom : name.endsWith("__c");
            boolean isFilterable = filterable != null ? filterable
                    : type != FieldType.TEXTAREA || length <= 255;
            return new FieldDef(name, effectiveLabel, type, length, createable, updateable, nillable, defaultedOnCreate,
                    unique, externalId, idLookup, isCustom, referenceTo, relationshipName, picklistValues,
                    restrictedPicklist, precision, scale, calculated, isFilterable, compoundFieldName);
        }

        private static String defaultLabel(String name) {
            String base = name.endsWith("__c") ? name.substring(0, name.length() - 3).replace('_', ' ') : name;
            if (base.endsWith("Id") && base.length() > 2) {
                base = base.substring(0, base.length() - 2) + " ID";
            }
            return base.replaceAll("([a-z])([A-Z])", "$1 $2");
        }
    }
}
