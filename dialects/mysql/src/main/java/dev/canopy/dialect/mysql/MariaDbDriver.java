package dev.canopy.dialect.mysql;

import java.util.Map;

/**
 * The MariaDB driver ({@code org.mariadb.jdbc:mariadb-java-client}), which serves {@code jdbc:mariadb:} URLs. Its
 * error numbers are the server's, as through Connector/J, so {@link ConnectorJ#classify} reads them too.
 */
final class MariaDbDriver {
    private MariaDbDriver() {}

    static final String DRIVER = "org.mariadb.jdbc.Driver";
    static final String URL_PREFIX = "jdbc:mariadb:";

    /**
     * Server-side prepared statements, cached per connection (the driver caches them by default once they are on).
     * Connector/J's other settings have no meaning here; the MariaDB driver streams a result set by fetch size alone.
     */
    static final Map<String, String> POOL_PROPERTIES = Map.of("useServerPrepStmts", "true");
}
