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
 * MariaDB 10.5 or later, through the MariaDB driver ({@code jdbc:mariadb://host:3306/db}) or MySQL Connector/J. Chosen
 * by a {@code jdbc:mariadb:} URL, by name ({@code Dialect.named("mariadb")}), or by {@link MySqlDialect#forServer} when
 * a {@code jdbc:mysql:} URL turns out to reach a MariaDB server. The SQL is the same through either driver; the
 * driver class and its settings follow the URL ({@link #forDriverOf}).
 *
 * <p>Against MySQL it adds {@code INSERT ... RETURNING} (10.5+); like MySQL it has no {@code NULLS FIRST/LAST} and no
 * {@code ILIKE} (jOOQ emulates both) and commits DDL on its own.
 */
public final class MariaDbDialect implements Dialect {
    private static final ServerVersion DEFAULT_VERSION = new ServerVersion(10, 5);

    private final ServerVersion version;
    /** Whether the connections come from the MariaDB driver rather than Connector/J. */
    private final boolean mariaDbDriver;
    private final Set<Capability> capabilities;

    /** MariaDB 10.5 or later, as assumed before connecting (ServiceLoader uses this constructor). */
    public MariaDbDialect() {
        this(DEFAULT_VERSION, false);
    }

    MariaDbDialect(ServerVersion version, boolean mariaDbDriver) {
        this.version = version;
        this.mariaDbDriver = mariaDbDriver;
        EnumSet<Capability> caps = EnumSet.of(Capability.RIGHT_JOIN, Capability.READ_ONLY_TRANSACTIONS,
                Capability.WINDOW_FUNCTIONS, Capability.QUERY_TIMEOUT);
        if (version.atLeast(10, 5)) {
            caps.add(Capability.RETURNING);
        }
        this.capabilities = Collections.unmodifiableSet(caps);
    }

    @Override public String name() { return "mariadb"; }
    @Override public SQLDialect jooqDialect() { return SQLDialect.MARIADB; }
    @Override public boolean acceptsUrl(String jdbcUrl) { return jdbcUrl.startsWith(MariaDbDriver.URL_PREFIX); }
    @Override public Set<Capability> capabilities() { return capabilities; }
    @Override public int maxBindParameters() { return 65_535; }
    @Override public int maxIdentifierLength() { return 64; }
    @Override public String driverClassName() { return mariaDbDriver ? MariaDbDriver.DRIVER : ConnectorJ.DRIVER; }
    @Override public Map<String, String> poolProperties() { return mariaDbDriver ? MariaDbDriver.POOL_PROPERTIES : ConnectorJ.POOL_PROPERTIES; }

    /** Through the MariaDB driver for a {@code jdbc:mariadb:} URL, else through Connector/J. */
    @Override
    public Dialect forDriverOf(String jdbcUrl) {
        boolean mariaDb = jdbcUrl.startsWith(MariaDbDriver.URL_PREFIX);
        return mariaDb == mariaDbDriver ? this : new MariaDbDialect(version, mariaDb);
    }
    @Override public org.jooq.DataType<?> columnType(org.jooq.DataType<?> type) { return ConnectorJ.columnType(type); }
    @Override public Object toJdbc(Object value) { return ConnectorJ.toJdbc(value); }
    @Override public ErrorKind classify(SQLException e) { return ConnectorJ.classify(e); }

    /** This dialect with the capabilities of the connected server's version. */
    @Override
    public Dialect forServer(DatabaseMetaData metaData) throws SQLException {
        ServerVersion v = ServerVersion.mariaDb(metaData.getDatabaseProductVersion());
        return v == null || v.equals(version) ? this : new MariaDbDialect(v, mariaDbDriver);
    }

    @Override public boolean equals(@Nullable Object o) {
        return o instanceof MariaDbDialect m && m.version.equals(version) && m.mariaDbDriver == mariaDbDriver;
    }

    @Override public int hashCode() { return 31 * (31 + version.hashCode()) + Boolean.hashCode(mariaDbDriver); }

    @Override public String toString() { return "MariaDbDialect[" + version + (mariaDbDriver ? ", MariaDB driver" : "") + "]"; }
}
