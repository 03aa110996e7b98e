package dev.planbridge.emulator.org;

/**
 * A describe document the emulator cannot accept. The message is one line naming the source (file or API call), the
 * field (when the problem is in one) and the rule broken, e.g.
 * {@code schema/Account.json: field Tier: a custom field name must end with __c}.
 */
public final class SchemaDefinitionException extends IllegalArgumentException {

    private final String source;
    private final String field;
    private final String rule;

    public SchemaDefinitionException(String source, String field, String rule) {
        super(source + ": " + (field == null ? "" : "field " + field + ": ") + rule);
        this.source = source;
        this.field = field;
        this.rule = rule;
    }

    public String source() {
        return source;
    }

    /** The field the rule concerns, null for object-level problems. */
    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
