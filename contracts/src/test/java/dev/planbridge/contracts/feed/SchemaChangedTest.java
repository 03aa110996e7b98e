package dev.planbridge.contracts.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.Topics;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SchemaChangedTest {

    @Test
    void shouldGiveTheSameTransitionTheSameIdWhateverTheFieldOrder() {
        String id = SchemaChanged.eventIdOf("Account", List.of("Id", "Name"), List.of("Id", "Name", "Tier__c"));
        assertEquals(id, SchemaChanged.eventIdOf("Account", List.of("Name", "Id"), List.of("Tier__c", "Id", "Name")));
        assertNotEquals(id, SchemaChanged.eventIdOf("Account", List.of("Id", "Name", "Tier__c"), List.of("Id", "Name")),
                "the removal back is another change");
        assertNotEquals(id, SchemaChanged.eventIdOf("Contact", List.of("Id", "Name"), List.of("Id", "Name", "Tier__c")));
    }

    @Test
    void shouldRoundTripThroughJson() {
        FieldDescribe tier = new FieldDescribe("Tier__c", "Tier", "picklist", "xsd:string", 255, 0, 0, true, true, null);
        SchemaChanged change = new SchemaChanged(SchemaChanged.SCHEMA_VERSION, "id-1", "Account", "00D000000000001AAA",
                List.of("Id", "Tier__c"), List.of(tier), List.of(), Instant.parse("2026-12-07T21:00:00Z"));
        assertEquals(change, ContractsJson.read(ContractsJson.write(change), SchemaChanged.class));
        assertEquals(List.of(), tier.referenceTo());
    }

    // The schema topic looks like an object change topic: a pattern subscriber must not read it as ChangeEvents.
    @Test
    void shouldKeepTheSchemaTopicOutOfTheObjectChangeTopicPattern() {
        Pattern objectChanges = Pattern.compile(Topics.OBJECT_CHANGES_REGEX);
        assertTrue(objectChanges.matcher(Topics.changes("Account")).matches());
        assertTrue(objectChanges.matcher(Topics.changes("Region__c")).matches());
        assertFalse(objectChanges.matcher(Topics.SCHEMA_CHANGES).matches());
        assertFalse(objectChanges.matcher(Topics.state("Account")).matches());
    }
}
