package dev.planbridge.contracts.feed;

import java.util.List;

/**
 * One field as the org's {@code describeSObject} reports it (the part a consumer needs to read its values), carried by
 * {@link SchemaChanged}.
 *
 * @param type        Salesforce's field type, e.g. {@code string}, {@code picklist}, {@code currency}, {@code reference}
 * @param soapType    how values travel, e.g. {@code xsd:string}, {@code xsd:double}, {@code tns:ID}
 * @param length      text length (0 for non-text fields)
 * @param referenceTo the objects a reference field points to (empty otherwise)
 */
public record FieldDescribe(
        String name,
        String label,
        String type,
        String soapType,
        int length,
        int precision,
        int scale,
        boolean nillable,
        boolean custom,
        List<String> referenceTo) {

    public FieldDescribe {
        referenceTo = referenceTo == null ? List.of() : List.copyOf(referenceTo);
    }
}
