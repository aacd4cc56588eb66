package dev.canopy.write;

import dev.canopy.error.InvalidValuesException;
import dev.canopy.model.Column;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A Java value as the Java type of its column, or an error naming the attribute and both types (never the value:
 * values may be secret). Widening that cannot change the meaning is done (an {@code int} for a BIGINT, an
 * {@link Instant} for a TIMESTAMP, taken in UTC); anything else is refused.
 */
final class Coercion {
    private Coercion() {}

    static @Nullable Object coerce(Column<?> column, @Nullable Object value) {
        if (value == null) {
            return null;
        }
        Object v = convert(column, value);
        if (v == null) {
            throw new InvalidValuesException(column + " is " + column.type() + " (" + column.type().javaType().getSimpleName()
                    + "); the value given is " + describe(value));
        }
        return v;
    }

    /** A value the database gave back (a generated key), as its column's Java type when it is a number. */
    static @Nullable Object fromDatabase(Column<?> column, @Nullable Object value) {
        if (value == null) {
            return null;
        }
        Object v = convert(column, value);
        return v == null ? value : v;
    }

    private static @Nullable Object convert(Column<?> column, Object value) {
        if (column.type().javaType().isInstance(value)) {
            return value;
        }
        switch (column.type().kind()) {
            case INTEGER: {
                BigDecimal d = whole(value);
                return d != null && d.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
                        && d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0 ? (Object) d.intValue() : null;
            }
            case BIGINT: {
                BigDecimal d = whole(value);
                return d != null && d.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
                        && d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 ? (Object) d.longValue() : null;
            }
            case DECIMAL:
                return value instanceof Number ? new BigDecimal(value.toString()) : null;
            case STRING: case TEXT: case JSON:
                if (value instanceof CharSequence) {
                    return value.toString();
                }
                return value instanceof Enum ? ((Enum<?>) value).name() : null;
            case TIMESTAMP:
                if (value instanceof Instant) {
                    return LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC);
                }
                if (value instanceof OffsetDateTime) {
                    return ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                }
                if (value instanceof ZonedDateTime) {
                    return ((ZonedDateTime) value).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
                }
                if (value instanceof java.sql.Timestamp) {
                    return ((java.sql.Timestamp) value).toLocalDateTime();
                }
                return value instanceof LocalDate ? ((LocalDate) value).atStartOfDay() : null;
            case DATE:
                return value instanceof java.sql.Date ? ((java.sql.Date) value).toLocalDate() : null;
            case UUID:
                if (value instanceof String) {
                    try {
                        return UUID.fromString((String) value);
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                }
                return null;
            case BOOLEAN:
                if (value instanceof Number && (((Number) value).intValue() == 0 || ((Number) value).intValue() == 1)) {
                    return ((Number) value).intValue() == 1;
                }
                return null;
            default:
                return null;
        }
    }

    private static @Nullable BigDecimal whole(Object value) {
        BigDecimal d;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            d = BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger) {
            d = new BigDecimal((BigInteger) value);
        } else if (value instanceof BigDecimal) {
            d = (BigDecimal) value;
        } else if (value instanceof Double || value instanceof Float) {
            double x = ((Number) value).doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                return null;
            }
            d = BigDecimal.valueOf(x);
        } else {
            return null;
        }
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0 ? d : null;
    }

    private static String describe(Object value) {
        if (value instanceof Number) {
            return "a " + value.getClass().getSimpleName() + (whole(value) == null ? " with a fraction or out of range" : " out of range");
        }
        return "a " + value.getClass().getSimpleName();
    }
}
