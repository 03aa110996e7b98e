package dev.planbridge.changefeed.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class WscValueNormalisationTest {

    @Test
    void shouldTurnSoapValuesIntoJsonValuesThatSurviveTheStateTopic() {
        assertEquals(true, WscCrmSource.normalise("true", "xsd:boolean"));
        assertEquals(42L, WscCrmSource.normalise("42", "xsd:int"));
        assertEquals(1250.5, WscCrmSource.normalise("1250.5", "xsd:double"));
        assertEquals("2026-11-29T06:00:00Z", WscCrmSource.normalise("2026-11-29T06:00:00.000Z", "xsd:dateTime"));
        assertEquals("Acme", WscCrmSource.normalise("Acme", "xsd:string"));
        assertEquals("not-a-number", WscCrmSource.normalise("not-a-number", "xsd:double"));
        Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(0);
        assertEquals("1970-01-01T00:00:00Z", WscCrmSource.normalise(calendar, "xsd:dateTime"));
        assertEquals("1970-01-01", WscCrmSource.normalise(calendar, "xsd:date"));
    }
}
