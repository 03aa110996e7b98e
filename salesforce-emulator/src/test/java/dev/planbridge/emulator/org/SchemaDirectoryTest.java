package dev.planbridge.emulator.org;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaDirectoryTest {

    static final Path SAMPLE = Path.of("..", "samples", "schema");

    @TempDir
    Path folder;

    @Test
    void shouldAddTheSamplesCustomFieldsAndCustomObject() {
        OrgSchema schema = SchemaDirectory.load(SAMPLE);

        ObjectDef account = schema.objectDef("Account");
        FieldDef tier = account.fieldDef("Tier__c");
        assertEquals(FieldType.PICKLIST, tier.type());
        assertEquals(3, tier.picklistValues().size());
        assertEquals(FieldType.CURRENCY, account.fieldDef("Bookings_Potential__c").type());
        assertEquals(16, account.fieldDef("Bookings_Potential__c").precision());
        assertNotNull(account.fieldDef("Phone"), "the standard fields stay");
        ObjectDef region = schema.objectDef("Region__c");
        assertTrue(region.custom());
        assertEquals("a00", region.keyPrefix());
        assertTrue(region.hasField("Id") && region.hasField("OwnerId") && region.hasField("SystemModstamp"));
        assertTrue(region.fieldDef("Code__c").externalId());
        assertEquals(java.util.List.of("Region__c"), account.fieldDef("Sales_Region__c").referenceTo());
        assertFalse(OrgSchema.standard().objectDef("Account").hasField("Tier__c"), "the standard schema is unchanged");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON|Account.json|{\"name\": \"Account\", \"fields\": [|malformed JSON",
            "missing __c|Account.json|{\"name\":\"Account\",\"fields\":[{\"name\":\"Tier\",\"type\":\"string\"}]}"
                    + "|field Tier: a custom field name must end with __c",
            "unknown type|Account.json|{\"name\":\"Account\",\"fields\":[{\"name\":\"X__c\",\"type\":\"money\"}]}"
                    + "|field X__c: unknown type 'money'",
            "picklist without values|Account.json|{\"name\":\"Account\",\"fields\":[{\"name\":\"T__c\",\"type\":"
                    + "\"picklist\",\"picklistValues\":[]}]}|field T__c: a picklist needs at least one active value",
            "unknown reference|Account.json|{\"name\":\"Account\",\"fields\":[{\"name\":\"R__c\",\"type\":"
                    + "\"reference\",\"referenceTo\":[\"Nope__c\"]}]}|field R__c: reference to unknown object 'Nope__c'",
            "system field redefined|Account.json|{\"name\":\"Account\",\"fields\":[{\"name\":\"CreatedDate\","
                    + "\"type\":\"string\",\"custom\":false}]}|field CreatedDate: redefines system field "
                    + "Account.CreatedDate (type datetime) as string",
            "custom object without __c|Region.json|{\"name\":\"Region\",\"fields\":[]}"
                    + "|a custom object's name must end with __c",
            "file named after another object|Region__c.json|{\"name\":\"Area__c\"}"
                    + "|so the file must be named Area__c.json"})
    void shouldRejectABadFileNamingTheFileTheFieldAndTheRule(String rule, String file, String content,
                                                             String expected) throws IOException {
        Files.writeString(folder.resolve(file), content);

        SchemaDefinitionException error = assertThrows(SchemaDefinitionException.class,
                () -> SchemaDirectory.load(folder));

        assertTrue(error.getMessage().startsWith(folder.resolve(file).toString() + ": "), error.getMessage());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        assertFalse(error.getMessage().contains("\n"), "one line");
    }

    @Test
    void shouldAcceptAnExportedDescribeWithItsStandardFieldsAndExtraProperties() throws IOException {
        // The shape `sf sobject describe --sobject Account --json` prints: standard fields marked custom:false,
        // properties the emulator does not model, the whole output under "result".
        Files.writeString(folder.resolve("Account.json"), """
                {"status": 0, "result": {"name": "Account", "urls": {}, "childRelationships": [],
                  "fields": [
                    {"name": "Id", "type": "id", "custom": false, "aggregatable": true, "byteLength": 18},
                    {"name": "Phone", "type": "phone", "length": 40, "custom": false},
                    {"name": "ActivityMetricId", "type": "reference", "referenceTo": ["ActivityMetric"],
                     "relationshipName": "ActivityMetric", "custom": false, "createable": false},
                    {"name": "Score__c", "type": "double", "precision": 5, "scale": 1, "custom": true}
                  ]}}
                """);

        ObjectDef account = SchemaDirectory.load(folder).objectDef("Account");

        assertEquals(FieldType.DOUBLE, account.fieldDef("Score__c").type());
        assertNotNull(account.fieldDef("ActivityMetricId"), "a standard field the emulator lacks is taken over");
        assertEquals(OrgSchema.standard().objectDef("Account").fieldCount() + 2, account.fieldCount());
    }
}
