package dev.planbridge.emulator.org;

/**
 * Salesforce record ids: 3-char key prefix + 12 chars (15-char case-sensitive form) + 3-char case-safe suffix.
 * The suffix is computed the real way: for each 5-char chunk, a 5-bit mask of which characters are upper-case
 * letters, mapped onto "A..Z0..5".
 */
public final class SalesforceIds {

    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private SalesforceIds() {
    }

    /** The 18-char id for a 15-char one. */
    public static String to18(String id15) {
        if (id15 == null || id15.length() != 15) {
            throw new IllegalArgumentException("not a 15-character id: " + id15);
        }
        StringBuilder out = new StringBuilder(18).append(id15);
        for (int chunk = 0; chunk < 3; chunk++) {
            int mask = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    mask |= 1 << i;
                }
            }
            out.append(SUFFIX_ALPHABET.charAt(mask));
        }
        return out.toString();
    }

    /**
     * Normalises a 15- or 18-char id to its 18-char form; null when the text is not a syntactically valid id
     * (wrong length, characters outside [0-9A-Za-z], or an 18-char id whose suffix does not match).
     */
    public static String normalize(String id) {
        if (id == null) {
            return null;
        }
        String text = id.trim();
        if (text.length() != 15 && text.length() != 18) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (BASE62.indexOf(text.charAt(i)) < 0) {
                return null;
            }
        }
        if (text.length() == 15) {
            return to18(text);
        }
        String expected = to18(text.substring(0, 15));
        // The suffix is case-insensitive by design, but the first 15 characters are case-sensitive.
        return expected.equalsIgnoreCase(text) && expected.startsWith(text.substring(0, 15)) ? expected : null;
    }

    /** The id with the given prefix, a 2-char instance code and a sequence number, e.g. 001Pb000000012dIAA. */
    public static String of(String keyPrefix, long sequence) {
        if (keyPrefix.length() != 3) {
            throw new IllegalArgumentException("key prefix must have 3 characters: " + keyPrefix);
        }
        StringBuilder body = new StringBuilder();
        long n = sequence;
        do {
            body.insert(0, BASE62.charAt((int) (n % 62)));
            n /= 62;
        } while (n > 0);
        if (body.length() > 10) {
            throw new IllegalArgumentException("sequence too large: " + sequence);
        }
        while (body.length() < 10) {
            body.insert(0, '0');
        }
        return to18(keyPrefix + "Pb" + body);
    }

    /** The sequence number of an id made by {@link #of} (instance code "Pb"), or -1 for any other id. */
    public static long sequenceOf(String id) {
        if (id == null || id.length() < 15 || !id.startsWith("Pb", 3)) {
            return -1;
        }
        long sequence = 0;
        for (int i = 5; i < 15; i++) {
            int digit = BASE62.indexOf(id.charAt(i));
            if (digit < 0) {
                return -1;
            }
            sequence = sequence * 62 + digit;
        }
        return sequence;
    }

    /** The key prefix of an id (first three characters). */
    public static String prefix(String id) {
        return id == null || id.length() < 3 ? null : id.substring(0, 3);
    }
}
