package dev.planbridge.emulator.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and writes describe documents: the JSON of a {@code describeSObject} result, the shape the Salesforce CLI
 * prints under {@code result} for {@code sf sobject describe --sobject X --json}. Properties the emulator does not
 * model (aggregatable, byteLength, urls, childRelationships, ...) are ignored, so an exported describe loads as is.
 * Field-level rules checked here: a known type, a name, picklist values for picklists, a target for references.
 */
public final class DescribeDocuments {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private DescribeDocuments() {
    }

    /** One parsed object document, before it is merged into a schema. */
    public record ObjectDocument(String source, String name, String label, String labelPlural, String keyPrefix,
                                 boolean createable, boolean updateable, boolean deletable, boolean undeletable,
                                 boolean replicateable, List<FieldDef> fields) {
        public boolean custom() {
            return name.endsWith("__c");
        }
    }

    /** Parses an object's describe document; {@code source} names it in errors (a file name). */
    public static ObjectDocument parseObject(String source, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            throw new SchemaDefinitionException(source, null, "malformed JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new SchemaDefinitionException(source, null, "a describe document is a JSON object");
        }
        if (root.has("result") && root.get("result").isObject()) {
            root = root.get("result"); // the whole `sf sobject describe --json` output
        }
        String name = text(root, "name");
        if (name == null || !API_NAME.matcher(name).matches()) {
            throw new SchemaDefinitionException(source, null, "\"name\" must be an API name, got " + root.get("name"));
        }
        JsonNode fieldsNode = root.get("fields");
        if (fieldsNode != null && !fieldsNode.isArray()) {
            throw new SchemaDefinitionException(source, null, "\"fields\" must be an array");
        }
        List<FieldDef> fields = new ArrayList<>();
        if (fieldsNode != null) {
            for (JsonNode field : fieldsNode) {
                fields.add(parseField(source, field));
            }
        }
        String label = textOr(root, "label", name.endsWith("__c") ? name.substring(0, name.length() - 3)
                .replace('_', ' ') : name);
        return new ObjectDocument(source, name, label, textOr(root, "labelPlural", label + "s"),
                text(root, "keyPrefix"), bool(root, "createable", true), bool(root, "updateable", true),
                bool(root, "deletable", true), bool(root, "undeletable", name.endsWith("__c")),
                bool(root, "replicateable", true), fields);
    }

    /** Parses one entry of {@code fields[]} (also the body of the admin API's field add). */
    public static FieldDef parseField(String source, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new SchemaDefinitionException(source, null, "a field definition is a JSON object");
        }
        String name = text(node, "name");
        if (name == null || !API_NAME.matcher(name).matches() || name.contains("__") && !name.endsWith("__c")) {
            throw new SchemaDefinitionException(source, String.valueOf(node.get("name")),
                    "\"name\" must be an API name (letters, digits, _; custom names end with __c)");
        }
        String typeName = text(node, "type");
        FieldType type = FieldType.fromDescribeName(typeName);
        if (type == null) {
            throw new SchemaDefinitionException(source, name, "unknown type '" + typeName + "' (known: "
                    + knownTypes() + ")");
        }
        FieldDef.Builder builder = FieldDef.builder(name, type);
        if (node.hasNonNull("label")) {
            builder.label(node.get("label").asText());
        }
        if (node.has("length") && node.get("length").asInt() > 0) {
            builder.length(node.get("length").asInt());
        }
        if (type.isNumeric() && node.has("precision")) {
            int precision = node.get("precision").asInt();
            int scale = node.path("scale").asInt(0);
            if (precision > 0) {
                if (scale < 0 || scale > precision) {
                    throw new SchemaDefinitionException(source, name, "scale must be between 0 and precision");
                }
                builder.precision(precision, scale);
            }
        }
        if (type == FieldType.INTEGER && node.path("digits").asInt(0) > 0 && !node.has("precision")) {
            builder.precision(node.get("digits").asInt(), 0);
        }
        boolean calculated = bool(node, "calculated", false);
        builder.nillable(bool(node, "nillable", true))
                .createable(bool(node, "createable", !calculated) && !calculated)
                .updateable(bool(node, "updateable", !calculated) && !calculated)
                .defaultedOnCreate(bool(node, "defaultedOnCreate", false))
                .unique(bool(node, "unique", false))
                .externalId(bool(node, "externalId", false))
                .idLookup(bool(node, "idLookup", false) || bool(node, "externalId", false))
                .restricted(bool(node, "restrictedPicklist", false))
                .calculated(calculated)
                .compoundFieldName(text(node, "compoundFieldName"));
        if (node.has("filterable")) {
            builder.filterable(node.get("filterable").asBoolean());
        }
        // A hand-written definition without "custom" is a custom field (so a missing __c is reported); exported
        // describes always say whether a field is custom.
        builder.custom(!node.has("custom") || node.get("custom").asBoolean());
        if (type == FieldType.PICKLIST || type == FieldType.MULTIPICKLIST) {
            List<String> values = new ArrayList<>();
            for (JsonNode entry : node.path("picklistValues")) {
                String value = entry.isTextual() ? entry.asText() : text(entry, "value");
                if (value != null && (!entry.isObject() || entry.path("active").asBoolean(true))) {
                    values.add(value);
                }
            }
            if (values.isEmpty()) {
                throw new SchemaDefinitionException(source, name, "a picklist needs at least one active value in "
                        + "picklistValues");
            }
            builder.picklistValues(values);
        }
        if (type == FieldType.REFERENCE) {
            List<String> targets = new ArrayList<>();
            node.path("referenceTo").forEach(target -> targets.add(target.asText()));
            if (targets.isEmpty()) {
                throw new SchemaDefinitionException(source, name, "a reference needs referenceTo (the parent object)");
            }
            String relationship = text(node, "relationshipName");
            if (relationship == null && name.endsWith("__c")) {
                relationship = name.substring(0, name.length() - 3) + "__r";
            }
            builder.referenceTo(targets, relationship);
        }
        return builder.build();
    }

    /** The field as a describe document entry (what the admin API echoes and `--schema` files contain). */
    public static ObjectNode toJson(FieldDef field) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", field.name());
        node.put("label", field.label());
        node.put("type", field.type().describeName());
        node.put("soapType", field.type().soapType());
        node.put("length", field.type().isText() ? field.length() : 0);
        node.put("precision", field.type().isNumeric() ? field.precision() : 0);
        node.put("scale", field.type().isNumeric() ? field.scale() : 0);
        node.put("nillable", field.nillable());
        node.put("createable", field.createable());
        node.put("updateable", field.updateable());
        node.put("filterable", field.filterable());
        node.put("unique", field.unique());
        node.put("externalId", field.externalId());
        node.put("idLookup", field.idLookup());
        node.put("defaultedOnCreate", field.defaultedOnCreate());
        node.put("calculated", field.calculated());
        node.put("custom", field.custom());
        node.put("restrictedPicklist", field.restrictedPicklist());
        ArrayNode picklist = node.putArray("picklistValues");
        for (String value : field.picklistValues()) {
            picklist.addObject().put("active", true).put("defaultValue", false).put("label", value).put("value", value);
        }
        ArrayNode references = node.putArray("referenceTo");
        field.referenceTo().forEach(references::add);
        node.put("relationshipName", field.relationshipName());
        node.put("compoundFieldName", field.compoundFieldName());
        return node;
    }

    private static String knownTypes() {
        StringBuilder out = new StringBuilder();
        for (FieldType type : FieldType.values()) {
            out.append(out.isEmpty() ? "" : ", ").append(type.describeName());
        }
        return out.toString();
    }

    private static String text(JsonNode node, String property) {
        JsonNode value = node.get(property);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String textOr(JsonNode node, String property, String fallback) {
        String value = text(node, property);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static boolean bool(JsonNode node, String property, boolean fallback) {
        JsonNode value = node.get(property);
        return value == null || value.isNull() ? fallback : value.asBoolean(fallback);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
