package dev.planbridge.emulator.soql;

/**
 * Salesforce record ids in queries: a 15-character id is case-sensitive, the 18-character form adds a 3-character
 * suffix that encodes the case of the first 15, so Salesforce accepts either (and an 18-character id typed in the
 * wrong case). The engine compares ids by their case-correct 15-character key.
 */
final class SoqlIds {

    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private SoqlIds() {
    }

    /** The case-correct 15-character key of a 15- or 18-character id, or null when the text is not a valid id. */
    static String key(String id) {
        if (id == null || (id.length() != 15 && id.length() != 18)) {
            return null;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return null;
            }
        }
        if (id.length() == 15) {
            return id;
        }
        char[] key = id.substring(0, 15).toCharArray();
        for (int block = 0; block < 3; block++) {
            int bits = SUFFIX_ALPHABET.indexOf(Character.toUpperCase(id.charAt(15 + block)));
            if (bits < 0) {
                return null;
            }
            for (int bit = 0; bit < 5; bit++) {
                int i = block * 5 + bit;
                boolean upper = (bits & (1 << bit)) != 0;
                char c = key[i];
                if (Character.isLetter(c)) {
                    key[i] = upper ? Character.toUpperCase(c) : Character.toLowerCase(c);
                } else if (upper) {
                    return null; // the suffix claims an upper-case letter where there is a digit
                }
            }
        }
        return new String(key);
    }

    /** The 18-character form of a 15-character id (for tests and callers holding 15-character ids). */
    static String to18(String id15) {
        StringBuilder sb = new StringBuilder(id15);
        for (int block = 0; block < 3; block++) {
            int bits = 0;
            for (int bit = 0; bit < 5; bit++) {
                char c = id15.charAt(block * 5 + bit);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << bit;
                }
            }
            sb.append(SUFFIX_ALPHABET.charAt(bits));
        }
        return sb.toString();
    }

    /** True when a stored id (15 or 18 characters, as the org holds it) has the given 15-character key. */
    static boolean matches(String stored, String key15) {
        int len = stored.length();
        return (len == 18 || len == 15) && stored.regionMatches(0, key15, 0, 15);
    }

    /** The key of a stored id without validation (stored ids are trusted to be in canonical case). */
    static String storedKey(String stored) {
        return stored.length() > 15 ? stored.substring(0, 15) : stored;
    }

    /**
     * Whether a stored id is in a set of canonical 18-character ids. Stored 18-character ids are canonical, so the
     * common case is a plain lookup without allocation; a stored 15-character id is extended first.
     */
    static boolean containsStored(java.util.Set<String> canonical18, String stored) {
        if (stored.length() == 18) {
            return canonical18.contains(stored);
        }
        return stored.length() == 15 && canonical18.contains(to18(stored));
    }
}
