package dev.planbridge.emulator.org;

import dev.planbridge.emulator.soql.SoqlType;

/** Describe field types the emulator models, with their describe {@code type}, {@code soapType} and SOQL type. */
public enum FieldType {
    ID("id", "tns:ID", SoqlType.ID),
    REFERENCE("reference", "tns:ID", SoqlType.REFERENCE),
    STRING("string", "xsd:string", SoqlType.STRING),
    TEXTAREA("textarea", "xsd:string", SoqlType.TEXTAREA),
    PICKLIST("picklist", "xsd:string", SoqlType.PICKLIST),
    MULTIPICKLIST("multipicklist", "xsd:string", SoqlType.MULTIPICKLIST),
    EMAIL("email", "xsd:string", SoqlType.EMAIL),
    PHONE("phone", "xsd:string", SoqlType.PHONE),
    URL("url", "xsd:string", SoqlType.URL),
    BOOLEAN("boolean", "xsd:boolean", SoqlType.BOOLEAN),
    INTEGER("int", "xsd:int", SoqlType.INTEGER),
    DOUBLE("double", "xsd:double", SoqlType.DOUBLE),
    CURRENCY("currency", "xsd:double", SoqlType.CURRENCY),
    PERCENT("percent", "xsd:double", SoqlType.PERCENT),
    DATE("date", "xsd:date", SoqlType.DATE),
    DATETIME("datetime", "xsd:dateTime", SoqlType.DATETIME),
    /** A compound address (e.g. BillingAddress): read-only, computed from its parts, not selectable in SOQL here. */
    ADDRESS("address", "urn:address", null);

    private final String describeName;
    private final String soapType;
    private final SoqlType soqlType;

    FieldType(String describeName, String soapType, SoqlType soqlType) {
        this.describeName = describeName;
        this.soapType = soapType;
        this.soqlType = soqlType;
    }

    /** The describe {@code type} value, e.g. "reference". */
    public String describeName() {
        return describeName;
    }

    /** The describe {@code soapType} value, e.g. "tns:ID". */
    public String soapType() {
        return soapType;
    }

    /** The SOQL type; null for compound types, which SOQL here does not select. */
    public SoqlType soqlType() {
        return soqlType;
    }

    public boolean isText() {
        return soqlType != null && soqlType.isText();
    }

    public boolean isNumeric() {
        return soqlType != null && soqlType.isNumeric();
    }

    /** The type with this describe {@code type} value, null when the emulator does not model it. */
    public static FieldType fromDescribeName(String describeName) {
        for (FieldType type : values()) {
            if (type.describeName.equals(describeName)) {
                return type;
            }
        }
        return null;
    }
}
