package dev.planbridge.emulator.soql;

import java.util.Map;

/**
 * Rows the engine queries; implemented by the emulator core. Field values are Java values keyed by canonical field
 * name: String (ID, REFERENCE, STRING, PICKLIST, ...; MULTIPICKLIST as "a;b;c"), Boolean, Integer,
 * java.math.BigDecimal (DOUBLE, CURRENCY, PERCENT), java.time.LocalDate (DATE), java.time.Instant (DATETIME), or null.
 * Every row has "Id" and "IsDeleted" (Boolean). The engine never mutates the maps it is given.
 */
public interface SoqlRowSource {

    /** All rows of an object (live ones, plus soft-deleted ones when includeDeleted), in any order. */
    Iterable<Map<String, Object>> rows(String objectName, boolean includeDeleted);

    /** One live-or-deleted row by Id (for parent relationships), null when absent. */
    Map<String, Object> byId(String objectName, String id);
}
