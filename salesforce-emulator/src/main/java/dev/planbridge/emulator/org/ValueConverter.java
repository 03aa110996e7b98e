package dev.planbridge.emulator.org;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Calendar;
import java.util.Date;
import java.util.Locale;

/**
 * Converts SOAP text ("42", "true", "2026-11-29T10:00:00.000Z") and Java values to the stored value of a field type:
 * String, Boolean, Integer, BigDecimal, LocalDate or Instant. Also formats stored values for the wire.
 */
public final class ValueConverter {

    /** The value cannot be read as the field's type. */
    public static final class BadValueException extends RuntimeException {
        BadValueException(String message) {
            super(message, null, false, false);
        }
    }

    private ValueConverter() {
    }

    public static Object convert(FieldDef field, Object raw) {
        if (raw == null) {
            return null;
        }
        return switch (field.type()) {
            case BOOLEAN -> toBoolean(raw);
            case INTEGER -> toInteger(raw);
            case DOUBLE, CURRENCY, PERCENT -> toDecimal(raw);
            case DATE -> toDate(raw);
            case DATETIME -> toInstant(raw);
            default -> {
                if (raw instanceof String s) {
                    yield s;
                }
                if (raw instanceof Number || raw instanceof Boolean || raw instanceof Character) {
                    yield String.valueOf(raw);
                }
                throw new BadValueException(String.valueOf(raw));
            }
        };
    }

    /** Like {@link #convert} but null instead of an exception. */
    public static Object convertOrNull(FieldDef field, Object raw) {
        try {
            return convert(field, raw);
        } catch (BadValueException e) {
            return null;
        }
    }

    private static Boolean toBoolean(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        String text = raw.toString().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw new BadValueException(text);
        };
    }

    private static Integer toInteger(Object raw) {
        if (raw instanceof Integer i) {
            return i;
        }
        try {
            BigDecimal decimal = raw instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(raw.toString().trim());
            return decimal.intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadValueException(String.valueOf(raw));
        }
    }

    private static BigDecimal toDecimal(Object raw) {
        if (raw instanceof BigDecimal d) {
            return d;
        }
        try {
            String text = raw instanceof Double || raw instanceof Float ? String.valueOf(((Number) raw).doubleValue())
                    : raw.toString().trim();
            BigDecimal value = new BigDecimal(text);
            return value.scale() < 0 ? value.setScale(0) : value;
        } catch (NumberFormatException e) {
            throw new BadValueException(String.valueOf(raw));
        }
    }

    private static LocalDate toDate(Object raw) {
        if (raw instanceof LocalDate d) {
            return d;
        }
        if (raw instanceof Calendar c) {
            return c.toInstant().atZone(c.getTimeZone().toZoneId()).toLocalDate();
        }
        if (raw instanceof Date d) {
            return d.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
        }
        String text = raw.toString().trim();
        try {
            if (text.length() > 10) {
                // xsd:date may carry a zone ("2026-11-29Z"); a dateTime is accepted for its date part.
                String head = text.substring(0, 10);
                LocalDate date = LocalDate.parse(head);
                String rest = text.substring(10);
                if (!(rest.equals("Z") || rest.matches("[+-]\\d\\d:\\d\\d") || rest.startsWith("T"))) {
                    throw new BadValueException(text);
                }
                return date;
            }
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadValueException(text);
        }
    }

    private static Instant toInstant(Object raw) {
        if (raw instanceof Instant i) {
            return i.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        }
        if (raw instanceof Calendar c) {
            return c.toInstant();
        }
        if (raw instanceof Date d) {
            return d.toInstant();
        }
        if (raw instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (raw instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        String text = raw.toString().trim();
        try {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new BadValueException(text);
            }
        }
    }

    /** Wire text of a stored value: booleans "true"/"false", decimals plain, dates ISO, datetimes with millis and Z. */
    public static String format(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Instant i) {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(ZoneOffset.UTC).format(i);
        }
        return value.toString();
    }
}
