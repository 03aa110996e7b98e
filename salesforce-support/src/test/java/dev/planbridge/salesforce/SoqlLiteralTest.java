package dev.planbridge.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SoqlLiteralTest {

    @Test
    void shouldQuoteAndEscapeEverySoqlEscapeSequence() {
        assertEquals("'O\\'Brien \\\\ \\\"x\\\" \\n\\r\\t\\b\\f'", SoqlLiteral.quote("O'Brien \\ \"x\" \n\r\t\b\f"));
    }

    @Test
    void shouldNeutraliseInjectionAttempts() {
        assertEquals("'x\\' OR Name != \\''", SoqlLiteral.quote("x' OR Name != '"));
    }

    @Test
    void shouldRenderNullAsTheNullKeyword() {
        assertEquals("null", SoqlLiteral.quote(null));
    }
}
