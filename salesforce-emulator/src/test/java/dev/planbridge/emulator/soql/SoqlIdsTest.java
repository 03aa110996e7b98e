package dev.planbridge.emulator.soql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class SoqlIdsTest {

    @Test
    void shouldComputeTheCaseSafeSuffix() {
        // Salesforce's documented example: 00300000003T2PG is 00300000003T2PGAA0.
        assertEquals("00300000003T2PGAA0", SoqlIds.to18("00300000003T2PG"));
        // Per 5-character block, bit i is set when character i is an upper-case letter; 0..31 maps to A..Z0..5.
        assertEquals("001aBCDEfghij00QHA", SoqlIds.to18("001aBCDEfghij00"));
        assertEquals("00100ABCDE00000A5A", SoqlIds.to18("00100ABCDE00000"));
        assertEquals("001000000000000AAA", SoqlIds.to18("001000000000000"));
    }

    @Test
    void shouldRestoreCaseFromTheSuffixOfAn18CharacterId() {
        String id15 = "005Ab00000XyZ12";
        String id18 = SoqlIds.to18(id15);
        assertEquals(id15, SoqlIds.key(id15));
        assertEquals(id15, SoqlIds.key(id18));
        assertEquals(id15, SoqlIds.key(id18.toLowerCase()));
        assertEquals(id15, SoqlIds.key(id18.toUpperCase().substring(0, 15) + id18.substring(15).toLowerCase()));
    }

    @Test
    void shouldRejectTextThatIsNotAnId() {
        assertNull(SoqlIds.key("abc"));
        assertNull(SoqlIds.key("001000000000000AA"));
        assertNull(SoqlIds.key("00100000000000!"));
        assertNull(SoqlIds.key("001000000000000A9A"), "'9' is not a suffix character");
        assertNull(SoqlIds.key("001000000000000BAA"), "the suffix claims an upper-case letter where there is a digit");
        assertNull(SoqlIds.key(null));
    }

    @Test
    void shouldMatchStoredIdsOfEitherLength() {
        String id18 = SoqlIds.to18("005Ab00000XyZ12");
        assertTrue(SoqlIds.matches(id18, "005Ab00000XyZ12"));
        assertTrue(SoqlIds.matches("005Ab00000XyZ12", "005Ab00000XyZ12"));
        assertFalse(SoqlIds.matches(id18, "005ab00000XyZ12"));
        assertTrue(SoqlIds.containsStored(Set.of(id18), id18));
        assertTrue(SoqlIds.containsStored(Set.of(id18), "005Ab00000XyZ12"));
        assertFalse(SoqlIds.containsStored(Set.of(id18), "005Ab00000XyZ1"));
    }
}
