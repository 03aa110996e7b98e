package dev.planbridge.emulator.org;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Record validation driven by the describe: a client's value converted to the field's type (STRING_TOO_LONG unless
 * truncation is allowed, MALFORMED_ID, INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, INVALID_EMAIL_ADDRESS,
 * NUMBER_OUTSIDE_VALID_RANGE from precision and scale, INVALID_TYPE_ON_FIELD_IN_RECORD) and required fields
 * (REQUIRED_FIELD_MISSING). Failures are {@link RecordFailure}s carrying the record's error.
 */
final class FieldValues {

    private FieldValues() {
    }

    static Object convertQuietly(FieldDef field, Object raw) {
        try {
            return convert(field, raw, true);
        } catch (RecordFailure e) {
            return raw;
        }
    }

    /** Converts a SOAP string or a Java value to the stored type of the field. */
    static Object convert(FieldDef field, Object raw, boolean allowTruncation) {
        try {
            Object value = ValueConverter.convert(field, raw);
            if (value instanceof String text) {
                if (text.isEmpty()) {
                    return null;
                }
                if (field.length() > 0 && text.length() > field.length()
                        && field.type() != FieldType.ID && field.type() != FieldType.REFERENCE) {
                    if (!allowTruncation) {
                        throw RecordFailure.of("STRING_TOO_LONG", field.label() + ": data value too large: "
                                + abbreviate(text) + " (max length=" + field.length() + ")", field.name());
                    }
                    text = text.substring(0, field.length());
                }
                if (field.type() == FieldType.ID || field.type() == FieldType.REFERENCE) {
                    String id = SalesforceIds.normalize(text);
                    if (id == null) {
                        throw RecordFailure.of("MALFORMED_ID", field.label() + ": id value of incorrect type: " + text,
                                field.name());
                    }
                    return id;
                }
                if (field.restrictedPicklist() && !field.picklistValues().contains(text)) {
                    throw RecordFailure.of("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", field.label()
                            + ": bad value for restricted picklist field: " + text, field.name());
                }
                if (field.type() == FieldType.EMAIL && !text.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    throw RecordFailure.of("INVALID_EMAIL_ADDRESS", field.label() + ": invalid email address: " + text,
                            field.name());
                }
                return text;
            }
            if (value instanceof BigDecimal number && field.precision() > 0) {
                BigDecimal integral = number.setScale(0, java.math.RoundingMode.DOWN).abs();
                if (integral.precision() > field.precision() - field.scale() && integral.signum() != 0) {
                    throw RecordFailure.of("NUMBER_OUTSIDE_VALID_RANGE", field.label() + ": value outside of valid range on "
                            + "numeric field: " + number.toPlainString(), field.name());
                }
            }
            return value;
        } catch (ValueConverter.BadValueException e) {
            throw RecordFailure.of("INVALID_TYPE_ON_FIELD_IN_RECORD", field.label() + ": value not of required type: "
                    + abbreviate(String.valueOf(raw)), field.name());
        }
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    static void requireRequiredFields(ObjectDef object, Object[] values) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            FieldDef field = object.fieldAt(i);
            if (field.required() && values[i] == null) {
                missing.add(field.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new RecordFailure(new RecordError("REQUIRED_FIELD_MISSING",
                    "Required fields are missing: " + missing, missing));
        }
    }

}
