package dev.canopy.dialect.h2;

import dev.canopy.dialect.Capability;
import dev.canopy.dialect.Dialect;
import dev.canopy.dialect.ErrorKind;
import dev.canopy.dialect.SqlStates;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;
import org.jooq.SQLDialect;

/**
 * H2, the embedded default: in memory ({@code jdbc:h2:mem:name}) or in a file. Needs nothing installed.
 */
public final class H2Dialect implements Dialect {
    private static final Set<Capability> CAPABILITIES = java.util.Collections.unmodifiableSet(EnumSet.of(
            Capability.RIGHT_JOIN, Capability.WINDOW_FUNCTIONS, Capability.ARRAY_BIND, Capability.READ_ONLY_TRANSACTIONS,
            Capability.QUERY_TIMEOUT));

    @Override public String name() { return "h2"; }
    @Override public SQLDialect jooqDialect() { return SQLDialect.H2; }
    @Override public boolean acceptsUrl(String jdbcUrl) { return jdbcUrl.startsWith("jdbc:h2:"); }
    @Override public Set<Capability> capabilities() { return CAPABILITIES; }
    @Override public int maxBindParameters() { return 100_000; }
    @Override public int maxIdentifierLength() { return 256; }
    @Override public String driverClassName() { return "org.h2.Driver"; }

    @Override
    public ErrorKind classify(SQLException e) {
        switch (e.getErrorCode()) {
            case 23505: return ErrorKind.UNIQUE_VIOLATION;
            case 23506: case 23503: return ErrorKind.FOREIGN_KEY_VIOLATION;
            case 23502: return ErrorKind.NOT_NULL_VIOLATION;
            case 23513: case 23514: return ErrorKind.CHECK_VIOLATION;
            case 40001: return ErrorKind.DEADLOCK_OR_SERIALIZATION;
            case 57014: return ErrorKind.TIMEOUT;
            case 42102: case 42122: return ErrorKind.UNKNOWN_OBJECT;
            default: return SqlStates.classify(e);
        }
    }

    @Override public String toString() { return "H2Dialect"; }
    @Override public boolean equals(@org.jspecify.annotations.Nullable Object o) { return o instanceof H2Dialect; }
    @Override public int hashCode() { return H2Dialect.class.hashCode(); }
}
