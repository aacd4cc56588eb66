package dev.canopy.dialect;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.SQLDialect;
import org.jspecify.annotations.Nullable;

/**
 * One database, as Canopy sees it. Implementations are small, immutable and registered in
 * {@code META-INF/services/dev.canopy.dialect.Dialect}.
 *
 * <p>Rendering is jOOQ's job: a dialect names the {@link SQLDialect} to render with and reports what
 * the planner must emulate. It never sees a model or a query.
 */
public interface Dialect {

    /** The short name used on the command line and in errors: {@code h2}, {@code mysql}, {@code postgres}, {@code sqlite}. */
    String name();

    /** The jOOQ dialect that renders SQL for this database. */
    SQLDialect jooqDialect();

    /** Whether this dialect serves a JDBC URL such as {@code jdbc:h2:mem:demo}. */
    boolean acceptsUrl(String jdbcUrl);

    /** What this database does natively. */
    Set<Capability> capabilities();

    /** Whether this database does {@code capability} natively. */
    default boolean supports(Capability capability) {
        return capabilities().contains(capability);
    }

    /**
     * The most bind parameters one statement may carry: separate includes batch their parents' keys under it, and
     * bulk writes size their statements by it; where the dialect has {@link Capability#ARRAY_BIND}, a long
     * {@code isIn} list is one bind whatever its length.
     */
    int maxBindParameters();

    /** The longest identifier the database keeps without cutting it. */
    int maxIdentifierLength();

    /** What a vendor error means. */
    ErrorKind classify(SQLException e);

    /** Data-source properties the vendor recommends for a pool; a user's own settings win. */
    default Map<String, String> poolProperties() {
        return Map.of();
    }

    /**
     * The dialect to use once connected, when the URL alone could not tell (a MySQL-protocol URL that reaches a
     * MariaDB server, say). Called once when Canopy opens a pool for a URL without an explicit dialect.
     */
    default Dialect forServer(java.sql.DatabaseMetaData metaData) throws SQLException {
        return this;
    }

    /**
     * The column type this database stores a jOOQ type as, when jOOQ's own choice does not fit (MySQL's
     * {@code TIMESTAMP} holds 1970–2038 only, so a Canopy timestamp is a {@code DATETIME} there).
     */
    default org.jooq.DataType<?> columnType(org.jooq.DataType<?> type) {
        return type;
    }

    /**
     * This dialect as reached through the driver that serves {@code jdbcUrl}: one database may have two drivers with
     * their own driver class and settings (MariaDB through MySQL Connector/J on {@code jdbc:mysql:}, or through the
     * MariaDB driver on {@code jdbc:mariadb:}). Called once when Canopy opens a pool; by default this dialect.
     */
    default Dialect forDriverOf(String jdbcUrl) {
        return this;
    }

    /** A bind value as this database's driver wants it (Connector/J takes a UUID as its text, say). */
    default Object toJdbc(Object value) {
        return value;
    }

    /**
     * A value read back from this database's driver as the Java type a column declares: the way back of
     * {@link #toJdbc}. The hydrator asks for timestamps and UUIDs (the types drivers return in more than one form);
     * numbers, strings and booleans it reads with the primitive getters. The default takes what the common drivers
     * return: {@code java.sql.Timestamp}, {@code OffsetDateTime}, ISO text; a UUID, its 16 bytes or its text.
     */
    default @Nullable Object fromJdbc(@Nullable Object value, Class<?> javaType) {
        return commonFromJdbc(value, javaType);
    }

    /** The conversions of {@link #fromJdbc} that every driver needs, for a dialect to fall back on. */
    static @Nullable Object commonFromJdbc(@Nullable Object value, Class<?> javaType) {
        return JdbcValues.convert(value, javaType);
    }

    /** The JDBC driver class, for pools that need it named. */
    String driverClassName();

    /** Every dialect on the class path, in ServiceLoader order. */
    static List<Dialect> available() {
        List<Dialect> all = new ArrayList<>();
        ServiceLoader.load(Dialect.class, Dialect.class.getClassLoader()).forEach(all::add);
        if (all.isEmpty()) {
            ServiceLoader.load(Dialect.class).forEach(all::add);
        }
        return List.copyOf(all);
    }

    /**
     * The dialect that serves a JDBC URL.
     *
     * @throws UnknownDialectException naming the URL and the dialects that are on the class path
     */
    static Dialect forUrl(String jdbcUrl) {
        List<Dialect> all = available();
        for (Dialect d : all) {
            if (d.acceptsUrl(jdbcUrl)) {
                return d;
            }
        }
        throw new UnknownDialectException("No Canopy dialect serves the URL '" + jdbcUrl + "'; dialects on the class path: "
                + names(all) + ". Add the dialect's module (e.g. canopy-mysql) or name one explicitly.");
    }

    /**
     * The dialect with a name, case-insensitively ({@code h2}, {@code mysql}, {@code mariadb}, ...).
     *
     * @throws UnknownDialectException naming the dialects that exist
     */
    static Dialect named(String name) {
        List<Dialect> all = available();
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Dialect d : all) {
            if (d.name().equals(wanted) || d.aliases().contains(wanted)) {
                return d;
            }
        }
        throw new UnknownDialectException("Unknown dialect '" + name + "'; dialects on the class path: " + names(all));
    }

    /** Other names this dialect answers to, such as {@code mariadb} for {@code mysql}. */
    default Set<String> aliases() {
        return Set.of();
    }

    private static String names(List<Dialect> all) {
        return all.isEmpty() ? "(none)" : all.stream().map(Dialect::name).collect(Collectors.joining(", "));
    }
}
