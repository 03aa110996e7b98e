package dev.planbridge.changefeed.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.ChangeSource;
import dev.planbridge.contracts.feed.Operation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One named factory per kind of change, over the fixed envelope (Debezium's Envelope read/create/update/delete). */
class ChangeEventFactoryTest {

    private static final Instant STAMP = Instant.parse("2026-11-29T06:00:00.123Z");
    private static final Instant NOTICED = Instant.parse("2026-11-29T07:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);

    private final ChangeEventFactory factory = new ChangeEventFactory("00D000000000001", "005SYNC",
            id -> id.equals("005ADMIN") ? "Ada Admin" : null, CLOCK);

    private static Map<String, Object> image(Object... pairs) {
        Map<String, Object> image = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            image.put((String) pairs[i], pairs[i + 1]);
        }
        return image;
    }

    @Test
    void shouldMakeAReadFromASnapshotWithEveryFieldChanged() {
        ChangeSeen seen = ChangeSeen.polled("Account", "001A", STAMP, "005ADMIN").inSnapshot(true);

        ChangeEvent read = factory.read(seen, image("Name", "Acme", "OwnerId", "005X"));

        assertEquals(Operation.READ, read.op());
        assertNull(read.before());
        assertEquals(List.of("Name", "OwnerId"), read.changedFields());
        assertTrue(read.source().snapshot());
        assertEquals("Ada Admin", read.source().lastModifiedByName());
        assertEquals(CLOCK.millis(), read.tsMs());
        assertEquals(ChangeEvent.eventIdOf("Account", "001A", STAMP.toEpochMilli(), Operation.READ), read.eventId());
    }

    @Test
    void shouldRefuseAReadThatNoSnapshotFound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> factory.read(ChangeSeen.polled("Account", "001A", STAMP, null), image("Name", "Acme")));
        assertTrue(e.getMessage().contains("001A"), e.getMessage());
    }

    @Test
    void shouldMakeACreateWithOnlyAnAfterImage() {
        ChangeEvent created = factory.create(ChangeSeen.polled("Account", "001A", STAMP, "005ADMIN"),
                image("Name", "Acme"));

        assertEquals(Operation.CREATE, created.op());
        assertEquals("001A", created.id());
        assertEquals("Account", created.object());
        assertNull(created.before());
        assertEquals(image("Name", "Acme"), created.after());
        assertEquals(ChangeSource.ORIGIN_CRM, created.source().origin());
        assertEquals(STAMP, created.source().systemModstamp());
        assertEquals("00D000000000001", created.source().orgId());
    }

    @Test
    void shouldListOnlyTheFieldsAnUpdateChangedAndMarkTheIntegrationUsersWrites() {
        ChangeEvent updated = factory.update(ChangeSeen.polled("Account", "001A", STAMP, "005SYNC"),
                image("Name", "Acme", "OwnerId", "005X"), image("Name", "Acme", "OwnerId", "005Y"));

        assertEquals(Operation.UPDATE, updated.op());
        assertEquals(List.of("OwnerId"), updated.changedFields());
        assertEquals(ChangeSource.ORIGIN_SYNC, updated.source().origin());
    }

    @Test
    void shouldMakeADeleteThatKeepsTheLastImageAndReportsWhenItWasNoticed() {
        ChangeSeen seen = ChangeSeen.polled("Account", "001A", STAMP, null).reportedAt(NOTICED);

        ChangeEvent deleted = factory.delete(seen, image("Name", "Acme"));

        assertEquals(Operation.DELETE, deleted.op());
        assertEquals(image("Name", "Acme"), deleted.before());
        assertNull(deleted.after());
        assertEquals(List.of(), deleted.changedFields());
        assertEquals(NOTICED, deleted.source().systemModstamp());
        // identified by the stamp it was seen with, so a re-run of the same scan makes the same id
        assertEquals(ChangeEvent.eventIdOf("Account", "001A", STAMP.toEpochMilli(), Operation.DELETE), deleted.eventId());
    }

    @Test
    void shouldMakeAnUndeleteWithEveryFieldChanged() {
        ChangeEvent back = factory.undelete(ChangeSeen.polled("Account", "001A", STAMP, "005ADMIN"),
                image("Name", "Acme"));

        assertEquals(Operation.UNDELETE, back.op());
        assertEquals(List.of("Name"), back.changedFields());
    }

    @Test
    void shouldRefuseAChangeWithoutTheImageItsKindNeeds() {
        ChangeSeen seen = ChangeSeen.polled("Account", "001A", STAMP, null);

        IllegalArgumentException update = assertThrows(IllegalArgumentException.class,
                () -> factory.update(seen, null, image("Name", "B")));
        assertTrue(update.getMessage().contains("update of Account 001A needs its before-image"), update.getMessage());
        assertThrows(IllegalArgumentException.class, () -> factory.update(seen, image("Name", "A"), null));
        assertThrows(IllegalArgumentException.class, () -> factory.create(seen, null));
        assertThrows(IllegalArgumentException.class, () -> factory.delete(seen, null));
        assertThrows(IllegalArgumentException.class, () -> factory.undelete(seen, null));
        assertThrows(NullPointerException.class, () -> ChangeSeen.polled("Account", null, STAMP, null));
    }

    @Test
    void shouldIdentifyAChangeWithoutAStampByStampZero() {
        ChangeEvent created = factory.create(ChangeSeen.polled("Account", "001A", null, null), image("Name", "A"));
        assertEquals(ChangeEvent.eventIdOf("Account", "001A", 0L, Operation.CREATE), created.eventId());
    }
}
