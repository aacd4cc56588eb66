package dev.canopy.dialect.postgres;

import dev.canopy.dialect.Capability;
import dev.canopy.dialect.Dialect;
import dev.canopy.dialect.ErrorKind;
import dev.canopy.dialect.SqlStates;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jooq.SQLDialect;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL, through the PostgreSQL JDBC driver ({@code jdbc:postgresql://host:5432/db}). It does natively
 * everything Canopy asks of a database, DDL inside transactions included.
 */
public final class PostgresDialect implements Dialect {
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.allOf(Capability.class));

    @Override public String name() { return "postgres"; }
    @Override public Set<String> aliases() { return Set.of("postgresql"); }
    @Override public SQLDialect jooqDialect() { return SQLDialect.POSTGRES; }
    @Override public boolean acceptsUrl(String jdbcUrl) { return jdbcUrl.startsWith("jdbc:postgresql:"); }
    @Override public Set<Capability> capabilities() { return CAPABILITIES; }
    /** The wire protocol counts parameters in an unsigned 16-bit integer; the driver checks it since 42.4.0. */
    @Override public int maxBindParameters() { return 65_535; }
    /** NAMEDATALEN - 1: longer names are cut (with a notice only), which is how generated aliases collide. */
    @Override public int maxIdentifierLength() { return 63; }
    @Override public String driverClassName() { return "org.postgresql.Driver"; }

    /** The element types of the arrays PgJDBC binds as they are (numbers, booleans, text). */
    private static final Set<Class<?>> DRIVER_ARRAYS = Set.of(Integer.class, Long.class, Short.class, Double.class, Float.class,
            Boolean.class, String.class, java.math.BigDecimal.class);

    /**
     * An array of dates, timestamps or UUIDs (an {@code isIn} list bound as one array) as the array of their text: PgJDBC
     * encodes arrays of numbers, booleans and text only, and refuses the others. The statement casts the array to its
     * column's array type ({@code x = any(cast(? as date[]))}), and PostgreSQL reads each element's ISO text.
     */
    @Override
    public Object toJdbc(Object value) {
        if (value instanceof Object[] && !DRIVER_ARRAYS.contains(value.getClass().getComponentType())) {
            Object[] array = (Object[]) value;
            String[] text = new String[array.length];
            for (int i = 0; i < array.length; i++) {
                text[i] = array[i] == null ? null : array[i].toString();
            }
            return text;
        }
        return value;
    }

    /** The driver's own advice for bulk work: batched INSERTs rewritten to multi-row INSERTs. */
    @Override
    public Map<String, String> poolProperties() {
        return Map.of("reWriteBatchedInserts", "true");
    }

    /** PostgreSQL reports everything through SQLStates; the driver leaves the vendor code at 0. */
    @Override
    public ErrorKind classify(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            switch (state) {
                case "42P01": // undefined_table
                case "42703": // undefined_column
                case "42883": // undefined_function
                case "42704": // undefined_object
                case "3D000": // invalid_catalog_name: no such database
                case "3F000": // invalid_schema_name
                    return ErrorKind.UNKNOWN_OBJECT;
                case "55P03": // lock_not_available: lock_timeout or NOWAIT
                    return ErrorKind.TIMEOUT;
                case "57P01": case "57P02": case "57P03": // admin_shutdown, crash_shutdown, cannot_connect_now
                case "53300": // too_many_connections
                    return ErrorKind.CONNECTION;
                default:
                    break;
            }
        }
        return SqlStates.classify(e);
    }

    @Override public boolean equals(@Nullable Object o) { return o instanceof PostgresDialect; }
    @Override public int hashCode() { return PostgresDialect.class.hashCode(); }
    @Override public String toString() { return "PostgresDialect"; }
}
