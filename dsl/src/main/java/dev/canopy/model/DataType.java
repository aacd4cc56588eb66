package dev.canopy.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The type of a column: a Java type and what the database stores. Values, comparable by value.
 *
 * @param <T> the Java type a value of this column has in Canopy
 */
public final class DataType<T> {
    /** The kinds Canopy knows; each dialect maps them to its own column types. */
    public enum Kind { INTEGER, BIGINT, DECIMAL, STRING, TEXT, BOOLEAN, DATE, TIMESTAMP, UUID, JSON }

    public static final DataType<Integer> INTEGER = new DataType<>(Kind.INTEGER, Integer.class, 0, 0);
    public static final DataType<Long> BIGINT = new DataType<>(Kind.BIGINT, Long.class, 0, 0);
    /** {@code DECIMAL(10,2)}; see {@link #decimal(int, int)} for another precision. */
    public static final DataType<BigDecimal> DECIMAL = new DataType<>(Kind.DECIMAL, BigDecimal.class, 10, 2);
    /** {@code VARCHAR(255)}, Sequelize's {@code STRING}; see {@link #string(int)}. */
    public static final DataType<String> STRING = new DataType<>(Kind.STRING, String.class, 255, 0);
    public static final DataType<String> TEXT = new DataType<>(Kind.TEXT, String.class, 0, 0);
    public static final DataType<Boolean> BOOLEAN = new DataType<>(Kind.BOOLEAN, Boolean.class, 0, 0);
    public static final DataType<LocalDate> DATE = new DataType<>(Kind.DATE, LocalDate.class, 0, 0);
    public static final DataType<LocalDateTime> TIMESTAMP = new DataType<>(Kind.TIMESTAMP, LocalDateTime.class, 0, 0);
    public static final DataType<UUID> UUID_TYPE = new DataType<>(Kind.UUID, UUID.class, 0, 0);
    /** JSON text; Canopy hands it over as a {@code String}. */
    public static final DataType<String> JSON = new DataType<>(Kind.JSON, String.class, 0, 0);

    private final Kind kind;
    private final Class<T> javaType;
    private final int length;
    private final int scale;

    private DataType(Kind kind, Class<T> javaType, int length, int scale) {
        this.kind = kind;
        this.javaType = javaType;
        this.length = length;
        this.scale = scale;
    }

    /** {@code VARCHAR(length)}. */
    public static DataType<String> string(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("string length must be positive, was " + length);
        }
        return new DataType<>(Kind.STRING, String.class, length, 0);
    }

    /** {@code DECIMAL(precision, scale)}. */
    public static DataType<BigDecimal> decimal(int precision, int scale) {
        if (precision <= 0 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("decimal(" + precision + ", " + scale + ") is not a valid precision and scale");
        }
        return new DataType<>(Kind.DECIMAL, BigDecimal.class, precision, scale);
    }

    /**
     * The type named as in a models file: {@code integer}, {@code bigint}, {@code decimal}, {@code string},
     * {@code text}, {@code boolean}, {@code date}, {@code timestamp} (also {@code datetime}), {@code uuid}, {@code json}.
     *
     * @return the type, or null when the name is unknown
     */
    public static @Nullable DataType<?> named(String name, @Nullable Integer length, @Nullable Integer scale) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "integer": case "int": return INTEGER;
            case "bigint": case "long": return BIGINT;
            case "decimal": case "numeric": return length == null ? DECIMAL : decimal(length, scale == null ? 0 : scale);
            case "string": case "varchar": return length == null ? STRING : string(length);
            case "text": return TEXT;
            case "boolean": case "bool": return BOOLEAN;
            case "date": case "dateonly": return DATE;
            case "timestamp": case "datetime": return TIMESTAMP;
            case "uuid": return UUID_TYPE;
            case "json": return JSON;
            default: return null;
        }
    }

    /** The names {@link #named} accepts, for error messages. */
    public static String knownNames() {
        return "integer, bigint, decimal, string, text, boolean, date, timestamp, uuid, json";
    }

    public Kind kind() { return kind; }
    public Class<T> javaType() { return javaType; }
    /** Length of a string, precision of a decimal, 0 otherwise. */
    public int length() { return length; }
    /** Scale of a decimal, 0 otherwise. */
    public int scale() { return scale; }

    /** Whether a value may be stored in a column of this type without conversion. */
    public boolean accepts(Object value) {
        if (javaType.isInstance(value)) {
            return true;
        }
        switch (kind) {
            case INTEGER: case BIGINT: case DECIMAL: return value instanceof Number;
            case STRING: case TEXT: case JSON: return value instanceof CharSequence || value instanceof Enum;
            case TIMESTAMP: return value instanceof java.time.temporal.Temporal;
            default: return false;
        }
    }

    @Override public boolean equals(@Nullable Object o) {
        return o instanceof DataType && ((DataType<?>) o).kind == kind && ((DataType<?>) o).length == length
                && ((DataType<?>) o).scale == scale;
    }

    @Override public int hashCode() { return (kind.hashCode() * 31 + length) * 31 + scale; }

    @Override public String toString() {
        switch (kind) {
            case STRING: return "STRING(" + length + ")";
            case DECIMAL: return "DECIMAL(" + length + "," + scale + ")";
            default: return kind.name();
        }
    }

    /**
     * The Canopy type closest to a JDBC column type, as a driver's metadata describes it (type code, type name, size
     * and decimal digits), or null when Canopy has none (binary, time of day, arrays). Introspection and
     * {@code sync(alter)} read live columns through it.
     */
    public static @Nullable DataType<?> ofJdbc(int sqlType, String typeName, int size, int digits) {
        String type = typeName.toUpperCase(java.util.Locale.ROOT);
        if (type.equals("UUID")) {
            return UUID_TYPE;
        }
        if (type.equals("JSON") || type.equals("JSONB")) {
            return JSON;
        }
        if (type.equals("TIMESTAMP") || type.equals("DATETIME")) {
            return TIMESTAMP;   // SQLite reports the declared type by name only, with a text JDBC type
        }
        switch (sqlType) {
            case java.sql.Types.TINYINT: case java.sql.Types.SMALLINT: case java.sql.Types.INTEGER:
                return INTEGER;
            case java.sql.Types.BIGINT:
                return BIGINT;
            case java.sql.Types.DECIMAL: case java.sql.Types.NUMERIC:
                return size > 0 && digits >= 0 && digits <= size ? decimal(size, digits) : DECIMAL;
            case java.sql.Types.REAL: case java.sql.Types.FLOAT: case java.sql.Types.DOUBLE:
                return DECIMAL;
            case java.sql.Types.CHAR: case java.sql.Types.VARCHAR: case java.sql.Types.NCHAR: case java.sql.Types.NVARCHAR:
                return size > 0 && size <= 65_535 ? string(size) : TEXT;
            case java.sql.Types.LONGVARCHAR: case java.sql.Types.LONGNVARCHAR: case java.sql.Types.CLOB: case java.sql.Types.NCLOB:
                return TEXT;
            case java.sql.Types.BOOLEAN:
                return BOOLEAN;
            case java.sql.Types.BIT:
                return size <= 1 ? BOOLEAN : null;
            case java.sql.Types.DATE:
                return DATE;
            case java.sql.Types.TIMESTAMP: case java.sql.Types.TIMESTAMP_WITH_TIMEZONE:
                return TIMESTAMP;
            default:
                return null;
        }
    }
}
