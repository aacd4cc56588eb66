package dev.canopy.typed;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a value as Canopy reads it into a component's type. One conversion is chosen per component when a mapping
 * is compiled ({@link #between}); a pair without one is a mapping error, never a guess at run time.
 *
 * <table>
 *   <caption>Conversions</caption>
 *   <tr><th>Canopy reads</th><th>component types</th></tr>
 *   <tr><td>Integer</td><td>int, long, short*, double, float, BigInteger, BigDecimal (and boxes)</td></tr>
 *   <tr><td>Long</td><td>long, int*, short*, double, float, BigInteger, BigDecimal</td></tr>
 *   <tr><td>BigDecimal</td><td>BigDecimal, double, float, BigInteger*, long*, int*, short*</td></tr>
 *   <tr><td>String</td><td>String, an enum (by constant name*)</td></tr>
 *   <tr><td>Boolean</td><td>boolean</td></tr>
 *   <tr><td>LocalDate</td><td>LocalDate</td></tr>
 *   <tr><td>LocalDateTime</td><td>LocalDateTime, OffsetDateTime and Instant (the value read as UTC)</td></tr>
 *   <tr><td>UUID</td><td>UUID</td></tr>
 *   <tr><td>any</td><td>Object, or any supertype of the value's class</td></tr>
 * </table>
 * (*) exact: a value that does not fit (a fraction into an integer, 70000 into a short, a name that is no
 * constant) fails when its row is mapped, with an {@link ArithmeticException} or {@link IllegalArgumentException}.
 * {@code double} and {@code float} round as {@link Number#doubleValue()} does.
 */
@FunctionalInterface
interface Conversion {
    Conversion IDENTITY = v -> v;

    /** Converts a value that is not null. */
    Object apply(Object value);

    /** The conversion from {@code source} (what Canopy reads) to {@code target}, or null when there is none. */
    static @Nullable Conversion between(Class<?> source, Class<?> target) {
        Class<?> t = Types.box(target);
        if (t.isAssignableFrom(source)) {
            return IDENTITY;
        }
        if (source == Integer.class || source == Long.class || source == BigDecimal.class) {
            return numeric(source, t);
        }
        if (source == LocalDateTime.class && t == java.time.OffsetDateTime.class) {
            return v -> ((LocalDateTime) v).atOffset(ZoneOffset.UTC);
        }
        if (source == LocalDateTime.class && t == java.time.Instant.class) {
            return v -> ((LocalDateTime) v).toInstant(ZoneOffset.UTC);
        }
        if (source == String.class && t.isEnum()) {
            return byName(t);
        }
        return null;
    }

    private static @Nullable Conversion numeric(Class<?> source, Class<?> t) {
        boolean decimal = source == BigDecimal.class;
        if (t == Long.class) {
            return decimal ? v -> ((BigDecimal) v).longValueExact() : v -> ((Number) v).longValue();
        }
        if (t == Integer.class) {
            return decimal ? v -> ((BigDecimal) v).intValueExact() : v -> Math.toIntExact(((Number) v).longValue());
        }
        if (t == Short.class) {
            return decimal ? v -> ((BigDecimal) v).shortValueExact() : Conversion::toShortExact;
        }
        if (t == Double.class) {
            return v -> ((Number) v).doubleValue();
        }
        if (t == Float.class) {
            return v -> ((Number) v).floatValue();
        }
        if (t == BigInteger.class) {
            return decimal ? v -> ((BigDecimal) v).toBigIntegerExact() : v -> BigInteger.valueOf(((Number) v).longValue());
        }
        if (t == BigDecimal.class) {
            return v -> BigDecimal.valueOf(((Number) v).longValue());
        }
        return null;
    }

    private static Object toShortExact(Object v) {
        long l = ((Number) v).longValue();
        if ((short) l != l) {
            throw new ArithmeticException("short overflow");
        }
        return (short) l;
    }

    private static Conversion byName(Class<?> enumType) {
        Map<String, Object> constants = new LinkedHashMap<>();
        for (Object c : enumType.getEnumConstants()) {
            constants.put(((Enum<?>) c).name(), c);
        }
        return v -> {
            Object c = constants.get(v);
            if (c == null) {
                throw new IllegalArgumentException("no constant of " + enumType.getSimpleName() + " is named '" + v + "'; it has "
                        + String.join(", ", constants.keySet()));
            }
            return c;
        };
    }
}
