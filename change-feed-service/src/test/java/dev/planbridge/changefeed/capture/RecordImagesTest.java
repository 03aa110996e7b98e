package dev.planbridge.changefeed.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.ChangeSource;
import dev.planbridge.contracts.feed.Operation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordImagesTest {

    private static Map<String, Object> image(Object... keyValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void shouldListOnlyBusinessFieldsThatReallyDiffer() {
        Map<String, Object> before = image("Id", "001A", "SystemModstamp", "2026-01-01T00:00:00Z",
                "Name", "Acme", "OwnerId", "005A", "AnnualRevenue", 1000, "Industry", null);
        Map<String, Object> after = image("Id", "001A", "SystemModstamp", "2026-01-02T00:00:00Z",
                "Name", "Acme", "OwnerId", "005B", "AnnualRevenue", 1000.0, "Industry", "Energy");

        assertEquals(List.of("OwnerId", "Industry"), RecordImages.changedFields(before, after));
    }

    @Test
    void shouldTreatNumbersByValueSoThatAJsonRoundTripIsNoChange() {
        Map<String, Object> original = image("Amount", 12.50, "Count", 3L);
        @SuppressWarnings("unchecked")
        Map<String, Object> roundTripped = ContractsJson.read(ContractsJson.write(original), Map.class);
        assertTrue(RecordImages.sameBusinessValues(original, roundTripped));
        assertFalse(RecordImages.sameBusinessValues(original, image("Amount", 12.51, "Count", 3)));
    }

    @Test
    void shouldListEveryValuedFieldForACreate() {
        assertEquals(List.of("Name"), RecordImages.changedFields(null, image("Id", "1", "Name", "A", "Phone", null)));
    }

    // Issue 17: a field added in the org is missing from the before-image; only a value makes it a change.
    @Test
    void shouldListAFieldNewToTheImagesOnlyWhenItHoldsAValue() {
        Map<String, Object> before = image("Id", "1", "Name", "A");
        assertEquals(List.of(), RecordImages.changedFields(before, image("Id", "1", "Name", "A", "Tier__c", null)));
        assertEquals(List.of(), RecordImages.changedFields(before, image("Id", "1", "Name", "A", "Tier__c", "")));
        assertEquals(List.of(), RecordImages.changedFields(before, image("Id", "1", "Name", "A", "Vip__c", false)));
        assertEquals(List.of("Tier__c"),
                RecordImages.changedFields(before, image("Id", "1", "Name", "A", "Tier__c", "Gold")));
        assertTrue(RecordImages.sameBusinessValues(before, image("Id", "1", "Name", "A", "Tier__c", null)));
    }

    // Issue 17: a field removed from the org is still in the stored before-image; its absence is no change.
    @Test
    void shouldNotListAFieldTheImagesNoLongerCarry() {
        Map<String, Object> before = image("Id", "1", "Name", "A", "Tier__c", "Gold");
        assertEquals(List.of(), RecordImages.changedFields(before, image("Id", "1", "Name", "A")));
        assertEquals(List.of("Name"), RecordImages.changedFields(before, image("Id", "1", "Name", "B")));
    }

    @Test
    void shouldCompareVersionsByModstampAndFallBackToValues() {
        Map<String, Object> older = image("SystemModstamp", "2026-01-01T00:00:00Z", "Name", "A");
        Map<String, Object> newer = image("SystemModstamp", "2026-01-01T00:00:00.001Z", "Name", "A");
        assertTrue(RecordImages.isNewer(newer, older));
        assertFalse(RecordImages.isNewer(older, newer));
        assertFalse(RecordImages.isNewer(older, older));
        assertTrue(RecordImages.isNewer(image("Name", "B"), image("Name", "A")));
        assertFalse(RecordImages.isNewer(image("Name", "A"), image("Name", "A")));
    }

    @Test
    void shouldRejectAModstampThatIsNotAnInstant() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RecordImages.stamp(image("SystemModstamp", "yesterday")));
        assertTrue(error.getMessage().contains("yesterday"));
    }

    @Test
    void shouldGiveTheSameChangeTheSameEventIdAndDifferentChangesDifferentIds() {
        ChangeEventFactory factory = new ChangeEventFactory("00D", "005SYNC", id -> null,
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        Instant stamp = Instant.parse("2026-11-29T06:00:00.123Z");
        ChangeEvent first = factory.update(ChangeSeen.polled("Account", "001A", stamp, "005SYNC"), image("Name", "A"),
                image("Name", "B"));
        ChangeEvent again = factory.update(ChangeSeen.polled("Account", "001A", stamp, "005SYNC"), image("Name", "A"),
                image("Name", "B"));
        ChangeEvent later = factory.update(ChangeSeen.polled("Account", "001A", stamp.plusMillis(1), "005OTHER"),
                image("Name", "B"), image("Name", "C"));
        ChangeEvent deleted = factory.delete(ChangeSeen.polled("Account", "001A", stamp, "005OTHER"),
                image("Name", "B"));

        assertEquals(first.eventId(), again.eventId());
        assertEquals(ChangeEvent.eventIdOf("Account", "001A", stamp.toEpochMilli(), Operation.UPDATE), first.eventId());
        assertEquals(4 - 1, new java.util.HashSet<>(List.of(first.eventId(), later.eventId(), deleted.eventId())).size());
        assertEquals(ChangeSource.ORIGIN_SYNC, first.source().origin());
        assertEquals(ChangeSource.ORIGIN_CRM, later.source().origin());
        assertEquals(List.of(), deleted.changedFields());
        assertEquals(new HashMap<>(Map.of("Name", "B")), new HashMap<>(deleted.before()));
    }
}
