package dev.canopy.bench.data;

import dev.canopy.dialect.Capability;
import dev.canopy.dialect.Dialect;
import dev.canopy.dialect.ErrorKind;
import dev.canopy.dialect.SqlStates;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;
import org.jooq.SQLDialect;

/**
 * Stand-in Canopy dialects for MariaDB and PostgreSQL, used only while their dialect modules are not in this build:
 * {@link #forUrl} prefers a real dialect found through {@code ServiceLoader}. They are deliberately not registered
 * in {@code META-INF/services}, so they never shadow a real dialect. Benchmarks read; these dialects only need to
 * say how jOOQ renders and what the server can do.
 */
public final class BenchDialects {
    private BenchDialects() {}

    /** The registered dialect that serves {@code url}, or the stand-in for MariaDB and PostgreSQL URLs. */
    public static Dialect forUrl(String url) {
        for (Dialect d : Dialect.available()) {
            if (d.acceptsUrl(url)) {
                return d;
            }
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new StandIn("postgres", SQLDialect.POSTGRES, "org.postgresql.Driver", 32_767, 63,
                    EnumSet.of(Capability.RETURNING, Capability.RIGHT_JOIN, Capability.NULLS_ORDERING, Capability.ILIKE,
                            Capability.WINDOW_FUNCTIONS, Capability.NESTED_JOINS, Capability.TRANSACTIONAL_DDL, Capability.JSON), url);
        }
        if (url.startsWith("jdbc:mariadb:")) {
            return new StandIn("mariadb", SQLDialect.MARIADB, "org.mariadb.jdbc.Driver", 65_535, 64,
                    EnumSet.of(Capability.RIGHT_JOIN, Capability.WINDOW_FUNCTIONS, Capability.NESTED_JOINS, Capability.JSON), url);
        }
        return Dialect.forUrl(url);
    }

    private record StandIn(String name, SQLDialect jooqDialect, String driverClassName, int maxBindParameters,
                           int maxIdentifierLength, Set<Capability> capabilities, String prefix) implements Dialect {
        @Override public boolean acceptsUrl(String jdbcUrl) {
            return jdbcUrl.startsWith(prefix.substring(0, prefix.indexOf(':', 5) + 1));
        }

        @Override public ErrorKind classify(SQLException e) {
            return SqlStates.classify(e);
        }

        @Override public String toString() {
            return name + " (benchmarks' stand-in dialect)";
        }
    }
}
