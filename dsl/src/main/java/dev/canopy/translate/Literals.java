package dev.canopy.translate;

import dev.canopy.model.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.impl.QOM;
import org.jspecify.annotations.Nullable;

/**
 * The values of the SQL: literals read from the parsed statement and converted to the Java type of the column they
 * are compared with, as {@link dev.canopy.query.Operand} expects them ({@code 116} for an INTEGER column is an
 * {@code Integer}, {@code '2024-01-01'} for a DATE a {@code LocalDate}, for a TIMESTAMP midnight of that day).
 */
final class Literals {
    private Literals() {}

    /** Whether {@code f} is a literal value, possibly negated ({@code -5}). */
    static boolean isValue(Field<?> f) {
        if (f instanceof QOM.Neg) {
            return ((QOM.Neg<?>) f).$arg1() instanceof Param;
        }
        return f instanceof Param;
    }

    /** The raw value of a literal, or null for {@code NULL}; a bind parameter ({@code ?}) has none. */
    static @Nullable Object raw(Field<?> f, String context) {
        if (f instanceof QOM.Neg) {
            Object v = raw(((QOM.Neg<?>) f).$arg1(), context);
            if (v instanceof BigDecimal) {
                return ((BigDecimal) v).negate();
            }
            if (v instanceof BigInteger) {
                return ((BigInteger) v).negate();
            }
            if (v instanceof Number) {
                return -((Number) v).longValue();
            }
            throw new TranslationException(context + ": only a number can be negated");
        }
        Param<?> p = (Param<?>) f;
        if (!p.isInline()) {
            throw new TranslationException(context + ": a bind parameter (?) has no value to translate; write the value into the SQL");
        }
        return p.getValue();
    }

    /** {@code raw} as a value of the column {@code b} names, or an error saying why it is not one. */
    static Object convert(Bound b, Object raw, String context) {
        DataType<?> type = b.column().type();
        Object v = convertOrNull(type.kind(), raw);
        if (v == null) {
            throw new TranslationException(context + ": " + b + " is " + type + "; " + show(raw) + " is not a value of that type");
        }
        return v;
    }

    /** {@code raw} as a value of {@code type}, or null when it is not one. */
    static @Nullable Object convert(DataType<?> type, Object raw) {
        return convertOrNull(type.kind(), raw);
    }

    private static @Nullable Object convertOrNull(DataType.Kind kind, Object raw) {
        try {
            switch (kind) {
                case INTEGER: {
                    BigDecimal d = decimal(raw);
                    return d == null ? null : d.intValueExact();
                }
                case BIGINT: {
                    BigDecimal d = decimal(raw);
                    return d == null ? null : d.longValueExact();
                }
                case DECIMAL:
                    return decimal(raw);
                case STRING: case TEXT: case JSON:
                    return raw instanceof CharSequence ? raw.toString() : null;
                case BOOLEAN:
                    if (raw instanceof Boolean) {
                        return raw;
                    }
                    BigDecimal d = decimal(raw);
                    return d == null || d.signum() < 0 || d.compareTo(BigDecimal.ONE) > 0 ? null : d.signum() == 1;
                case DATE:
                    if (raw instanceof java.sql.Date) {
                        return ((java.sql.Date) raw).toLocalDate();
                    }
                    if (raw instanceof LocalDate) {
                        return raw;
                    }
                    return raw instanceof CharSequence ? LocalDate.parse(raw.toString().strip()) : null;
                case TIMESTAMP:
                    return timestamp(raw);
                case UUID:
                    return raw instanceof UUID ? raw : raw instanceof CharSequence ? UUID.fromString(raw.toString().strip()) : null;
                default:
                    return null;
            }
        } catch (ArithmeticException | DateTimeParseException | IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable BigDecimal decimal(Object raw) {
        if (raw instanceof BigDecimal) {
            return (BigDecimal) raw;
        }
        if (raw instanceof Number) {
            return new BigDecimal(raw.toString());
        }
        return null;
    }

    private static @Nullable LocalDateTime timestamp(Object raw) {
        if (raw instanceof java.sql.Timestamp) {
            return ((java.sql.Timestamp) raw).toLocalDateTime();
        }
        if (raw instanceof java.sql.Date) {
            return ((java.sql.Date) raw).toLocalDate().atStartOfDay();
        }
        if (raw instanceof LocalDateTime) {
            return (LocalDateTime) raw;
        }
        if (raw instanceof LocalDate) {
            return ((LocalDate) raw).atStartOfDay();
        }
        if (!(raw instanceof CharSequence)) {
            return null;
        }
        String s = raw.toString().strip();
        if (s.length() == 10) {
            return LocalDate.parse(s).atStartOfDay();
        }
        return LocalDateTime.parse(s.replace(' ', 'T'));
    }

    /** A value as SQL writes it, for messages. */
    static String show(@Nullable Object v) {
        return v instanceof CharSequence ? "'" + v + "'" : String.valueOf(v);
    }
}
