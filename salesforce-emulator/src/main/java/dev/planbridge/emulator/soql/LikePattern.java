package dev.planbridge.emulator.soql;

import java.util.regex.Pattern;

/**
 * A SOQL LIKE pattern: '%' matches any run of characters, '_' exactly one, "\%" and "\_" the literal characters;
 * matching ignores case, as in Salesforce. Prefix patterns ('Acme%'), the common case, avoid the regex engine.
 */
final class LikePattern {

    private final String prefix;      // non-null when the pattern is "literal%" or a plain literal
    private final boolean exact;      // plain literal without wildcards
    private final Pattern regex;

    private LikePattern(String prefix, boolean exact, Pattern regex) {
        this.prefix = prefix;
        this.exact = exact;
        this.regex = regex;
    }

    /** Compiles the LIKE form of a string literal (escapes kept as backslash sequences). */
    static LikePattern compile(String likeText) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        boolean onlyLiteralSoFar = true;
        boolean trailingPercentOnly = false;
        for (int i = 0; i < likeText.length(); i++) {
            char c = likeText.charAt(i);
            if (trailingPercentOnly) {
                onlyLiteralSoFar = false; // something after the first '%'
            }
            if (c == '\\' && i + 1 < likeText.length()) {
                char escaped = likeText.charAt(++i);
                regex.append(Pattern.quote(String.valueOf(escaped)));
                literal.append(escaped);
            } else if (c == '%') {
                regex.append(".*");
                if (onlyLiteralSoFar && !trailingPercentOnly) {
                    trailingPercentOnly = true;
                } else {
                    onlyLiteralSoFar = false;
                }
            } else if (c == '_') {
                regex.append('.');
                onlyLiteralSoFar = false;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                literal.append(c);
            }
        }
        Pattern compiled = Pattern.compile(regex.toString(),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
        if (onlyLiteralSoFar) {
            return new LikePattern(literal.toString(), !trailingPercentOnly, compiled);
        }
        return new LikePattern(null, false, compiled);
    }

    boolean matches(String value) {
        if (prefix != null) {
            if (exact) {
                return value.equalsIgnoreCase(prefix);
            }
            return value.regionMatches(true, 0, prefix, 0, prefix.length());
        }
        return regex.matcher(value).matches();
    }
}
