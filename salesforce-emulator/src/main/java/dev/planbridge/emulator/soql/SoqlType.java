package dev.planbridge.emulator.soql;

/**
 * Field types the engine distinguishes. Java value types per SoqlRowSource: String for the text-like ones
 * (ID, REFERENCE, STRING, TEXTAREA, PICKLIST, MULTIPICKLIST as "a;b;c", EMAIL, PHONE, URL), Boolean, Integer,
 * BigDecimal (DOUBLE, CURRENCY, PERCENT), LocalDate (DATE), Instant (DATETIME).
 */
public enum SoqlType {
    ID, REFERENCE, STRING, TEXTAREA, PICKLIST, MULTIPICKLIST, EMAIL, PHONE, URL, BOOLEAN,
    INTEGER, DOUBLE, CURRENCY, PERCENT, DATE, DATETIME;

    /** True for the types whose values are Strings. */
    public boolean isText() {
        return switch (this) {
            case ID, REFERENCE, STRING, TEXTAREA, PICKLIST, MULTIPICKLIST, EMAIL, PHONE, URL -> true;
            default -> false;
        };
    }

    /** True for INTEGER, DOUBLE, CURRENCY and PERCENT. */
    public boolean isNumeric() {
        return this == INTEGER || this == DOUBLE || this == CURRENCY || this == PERCENT;
    }

    /** True for ID and REFERENCE, whose values are Salesforce ids compared in 15/18-char-insensitive form. */
    public boolean isId() {
        return this == ID || this == REFERENCE;
    }
}
