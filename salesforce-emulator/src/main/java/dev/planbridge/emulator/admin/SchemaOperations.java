package dev.planbridge.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planbridge.emulator.org.DescribeDocuments;
import dev.planbridge.emulator.org.FieldDef;
import dev.planbridge.emulator.org.ObjectDef;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.emulator.org.SchemaDefinitionException;

import java.util.function.Supplier;

/**
 * {@code /emulator/schema/...}: the org's shape while it runs, as an admin changes it in Setup. A field added or
 * removed here is in the next describe and SOQL at once; a bad definition answers 400 and changes nothing.
 */
final class SchemaOperations {

    private final Supplier<Org> org;

    SchemaOperations(Supplier<Org> org) {
        this.org = org;
    }

    /** GET /emulator/schema/{object}: the object's describe document (the shape `--schema` files have). */
    JsonNode describe(String objectName) {
        ObjectDef object = requireObject(objectName);
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("name", object.name());
        document.put("label", object.label());
        document.put("labelPlural", object.labelPlural());
        document.put("keyPrefix", object.keyPrefix());
        document.put("custom", object.custom());
        document.put("createable", object.createable());
        document.put("updateable", object.updateable());
        document.put("deletable", object.deletable());
        document.put("undeletable", object.undeletable());
        document.put("replicateable", object.replicateable());
        ArrayNode fields = document.putArray("fields");
        object.fields().forEach(field -> fields.add(DescribeDocuments.toJson(field)));
        return document;
    }

    /** POST /emulator/schema/{object}/fields with one describe field entry as the body. */
    JsonNode addField(String objectName, JsonNode body) {
        ObjectDef object = requireObject(objectName);
        String source = "POST /emulator/schema/" + object.name() + "/fields";
        try {
            FieldDef field = DescribeDocuments.parseField(source, body);
            return DescribeDocuments.toJson(org.get().addField(object.name(), field, source));
        } catch (SchemaDefinitionException e) {
            throw Problem.badRequest(e.getMessage());
        }
    }

    /** DELETE /emulator/schema/{object}/fields/{name}. */
    JsonNode removeField(String objectName, String fieldName) {
        ObjectDef object = requireObject(objectName);
        if (object.fieldDef(fieldName) == null) {
            throw Problem.notFound(object.name() + " has no field " + fieldName);
        }
        String source = "DELETE /emulator/schema/" + object.name() + "/fields/" + fieldName;
        try {
            return DescribeDocuments.toJson(org.get().removeField(object.name(), fieldName, source));
        } catch (SchemaDefinitionException e) {
            throw Problem.badRequest(e.getMessage());
        }
    }

    private ObjectDef requireObject(String objectName) {
        ObjectDef object = org.get().schema().objectDef(objectName);
        if (object == null) {
            throw Problem.notFound("the org has no object " + objectName);
        }
        return object;
    }
}
