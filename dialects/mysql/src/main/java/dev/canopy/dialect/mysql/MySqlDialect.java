package dev.canopy.dialect.mysql;

import dev.canopy.dialect.Capability;
import dev.canopy.dialect.Dialect;
import dev.canopy.dialect.ErrorKind;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jooq.SQLDialect;
import org.jspecify.annotations.Nullable;

/**
 * MySQL 8, through MySQL Connector/J ({@code jdbc:mysql://host:3306/db}).
 *
 * <p>A {@code jdbc:mysql:} URL may reach a MariaDB server: once connected, {@link #forServer} reads the server's
 * version and hands over to {@link MariaDbDialect}, which renders with jOOQ's MariaDB dialect. What MySQL lacks,
 * jOOQ emulates: {@code NULLS FIRST/LAST} becomes a {@code CASE} sort key, {@code ILIKE} becomes
 * {@code lower(a) LIKE lower(b)}. It has no {@code INSERT ... RETURNING} and commits DDL on its own.
 */
public final class MySqlDialect implements Dialect {
    private static final ServerVersion DEFAULT_VERSION = new ServerVersion(8, 0);

    private final ServerVersion version;
    private final Set<Capability> capabilities;

    /** MySQL 8.0 or later, as assumed before connecting (ServiceLoader uses this constructor). */
    public MySqlDialect() {
        this(DEFAULT_VERSION);
    }

    private MySqlDialect(ServerVersion version) {
        this.version = version;
        EnumSet<Capability> caps = EnumSet.of(Capability.RIGHT_JOIN, Capability.READ_ONLY_TRANSACTIONS, Capability.QUERY_TIMEOUT);
        if (version.atLeast(8, 0)) {
            caps.add(Capability.WINDOW_FUNCTIONS);
        }
        this.capabilities = Collections.unmodifiableSet(caps);
    }

    @Override public String name() { return "mysql"; }
    @Override public SQLDialect jooqDialect() { return SQLDialect.MYSQL; }
    @Override public boolean acceptsUrl(String jdbcUrl) { return jdbcUrl.startsWith("jdbc:mysql:"); }
    @Override public Set<Capability> capabilities() { return capabilities; }
    /** The server's limit for one prepared statement (ER_PS_MANY_PARAM beyond it). */
    @Override public int maxBindParameters() { return 65_535; }
    @Override public int maxIdentifierLength() { return 64; }
    @Override public String driverClassName() { return ConnectorJ.DRIVER; }
    @Override public Map<String, String> poolProperties() { return ConnectorJ.POOL_PROPERTIES; }
    @Override public org.jooq.DataType<?> columnType(org.jooq.DataType<?> type) { return ConnectorJ.columnType(type); }
    @Override public Object toJdbc(Object value) { return ConnectorJ.toJdbc(value); }
    @Override public ErrorKind classify(SQLException e) { return ConnectorJ.classify(e); }

    /** The MariaDB dialect when the server is MariaDB, else MySQL with the capabilities of the server's version. */
    @Override
    public Dialect forServer(DatabaseMetaData metaData) throws SQLException {
        String announced = metaData.getDatabaseProductVersion();
        ServerVersion mariaDb = ServerVersion.mariaDb(announced);
        if (mariaDb != null) {
            return new MariaDbDialect(mariaDb, false);
        }
        ServerVersion v = ServerVersion.parse(announced);
        return v.equals(version) ? this : new MySqlDialect(v);
    }

    @Override public boolean equals(@Nullable Object o) {
        return o instanceof MySqlDialect && ((MySqlDialect) o).version.equals(version);
    }

    @Override public int hashCode() { return version.hashCode(); }

    @Override public String toString() { return "MySqlDialect[" + version + "]"; }
}
