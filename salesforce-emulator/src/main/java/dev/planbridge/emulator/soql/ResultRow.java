package dev.planbridge.emulator.soql;

import java.util.LinkedHashMap;

/**
 * One projected row. {@code values} holds, in SELECT order, the selected direct fields by canonical name, and for each
 * selected parent relationship one entry keyed by the relationship name (e.g. "Owner") whose value is a nested
 * ResultRow of the parent (type = target object, id = its Id, values = the selected parent fields in order) or null
 * when the reference is empty. The SOAP layer writes records as sf:type, sf:Id, then the values in order.
 */
public record ResultRow(String type, String id, LinkedHashMap<String, Object> values) {}
