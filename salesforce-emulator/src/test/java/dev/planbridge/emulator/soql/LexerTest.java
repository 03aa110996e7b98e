package dev.planbridge.emulator.soql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class LexerTest {

    private static String describe(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            sb.append(t.kind()).append('(').append(t.text()).append(")@").append(t.line()).append(':')
                    .append(t.column()).append(' ');
        }
        return sb.toString().trim();
    }

    @Test
    void shouldTokenizeWithLinesAndColumns() {
        assertEquals("IDENT(SELECT)@1:1 IDENT(Id)@1:8 COMMA(,)@1:10 IDENT(Owner)@1:12 DOT(.)@1:17 IDENT(Name)@1:18"
                        + " IDENT(FROM)@2:1 IDENT(Account)@2:6 IDENT(WHERE)@3:2 IDENT(Amount__c)@3:8 OPERATOR(>=)@3:18"
                        + " NUMBER(-1.5)@3:21 EOF(<EOF>)@3:25",
                describe(Lexer.tokenize("SELECT Id, Owner.Name\nFROM Account\n\tWHERE Amount__c >= -1.5")));
    }

    @Test
    void shouldTokenizeOperatorsAndDateForms() {
        assertEquals("OPERATOR(=) OPERATOR(!=) OPERATOR(!=) OPERATOR(<) OPERATOR(<=) OPERATOR(>) OPERATOR(>=)"
                        + " DATE(2026-11-29) DATETIME(2026-11-29T10:00:00Z) DATETIME(2026-11-29T10:00:00.000+01:00)"
                        + " DATETIME(2026-11-29T10:00:00-08:00) IDENT(LAST_N_DAYS) COLON(:) NUMBER(7) EOF(<EOF>)",
                describe(Lexer.tokenize("= != <> < <= > >= 2026-11-29 2026-11-29T10:00:00Z"
                        + " 2026-11-29T10:00:00.000+01:00 2026-11-29T10:00:00-08:00 LAST_N_DAYS:7"))
                        .replaceAll("@\\d+:\\d+", ""));
    }

    @Test
    void shouldDecodeStringEscapesAndKeepLikeEscapes() {
        Token t = Lexer.tokenize("'a\\'b\\\"c\\\\d\\ne\\rf\\tg\\bh\\fi\\u00e9j\\%k\\_l'").get(0);
        assertEquals(Token.Kind.STRING, t.kind());
        assertEquals("a'b\"c\\d\ne\rf\tg\bh\fi\u00e9j%k_l", t.text());
        assertEquals("a'b\"c\\\\d\ne\rf\tg\bh\fi\u00e9j\\%k\\_l", t.likeText());
    }

    @Test
    void shouldKeepPositionsAcrossMultiLineStrings() {
        List<Token> tokens = Lexer.tokenize("'line1\nline2' X");
        assertEquals("X@2:8", tokens.get(1).text() + "@" + tokens.get(1).line() + ":" + tokens.get(1).column());
    }
}
