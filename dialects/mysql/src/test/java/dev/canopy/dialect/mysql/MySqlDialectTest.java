package dev.canopy.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.dialect.Capability;
import dev.canopy.dialect.Dialect;
import dev.canopy.dialect.ErrorKind;
import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The MySQL family without a server: version strings, the MariaDB hand-over, and error numbers. */
class MySqlDialectTest {

    /** Metadata that announces a server version, as Connector/J reports it. */
    private static DatabaseMetaData announcing(String version) {
        return (DatabaseMetaData) Proxy.newProxyInstance(MySqlDialectTest.class.getClassLoader(), new Class<?>[] {DatabaseMetaData.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getDatabaseProductVersion": return version;
                        case "getDatabaseProductName": return "MySQL";
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @Test
    @DisplayName("a MariaDB server behind a jdbc:mysql URL hands over to the MariaDB dialect, with its version's capabilities")
    void mariaDbHandOver() throws SQLException {
        Dialect d = new MySqlDialect().forServer(announcing("5.5.5-10.11.19-MariaDB-0+deb12u1"));
        assertThat(d).isEqualTo(new MariaDbDialect(new ServerVersion(10, 11), false));
        assertThat(d.name()).isEqualTo("mariadb");
        assertThat(d.jooqDialect()).isEqualTo(SQLDialect.MARIADB);
        assertThat(d.supports(Capability.RETURNING)).isTrue();

        Dialect old = new MySqlDialect().forServer(announcing("5.5.5-10.4.32-MariaDB"));
        assertThat(old.supports(Capability.RETURNING)).isFalse();
        assertThat(new MySqlDialect().forServer(announcing("11.4.2-MariaDB-log")).toString()).isEqualTo("MariaDbDialect[11.4]");
    }

    @Test
    @DisplayName("a MySQL server stays MySQL; before 8.0 it has no window functions")
    void mySqlStays() throws SQLException {
        MySqlDialect mysql = new MySqlDialect();
        assertThat(mysql.forServer(announcing("8.0.36"))).isSameAs(mysql);
        Dialect v84 = mysql.forServer(announcing("8.4.2-commercial"));
        assertThat(v84.name()).isEqualTo("mysql");
        assertThat(v84.supports(Capability.WINDOW_FUNCTIONS)).isTrue();
        assertThat(mysql.forServer(announcing("5.7.44-log")).supports(Capability.WINDOW_FUNCTIONS)).isFalse();
    }

    @Test
    @DisplayName("server error numbers name the constraint, the conflict, the timeout or the lost connection")
    void errorNumbers() {
        MySqlDialect d = new MySqlDialect();
        assertThat(d.classify(new SQLException("Duplicate entry 'a' for key 'u'", "23000", 1062))).isEqualTo(ErrorKind.UNIQUE_VIOLATION);
        assertThat(d.classify(new SQLException("Cannot add or update a child row", "23000", 1452))).isEqualTo(ErrorKind.FOREIGN_KEY_VIOLATION);
        assertThat(d.classify(new SQLException("Cannot delete or update a parent row", "23000", 1451))).isEqualTo(ErrorKind.FOREIGN_KEY_VIOLATION);
        assertThat(d.classify(new SQLException("Column 'n' cannot be null", "23000", 1048))).isEqualTo(ErrorKind.NOT_NULL_VIOLATION);
        assertThat(d.classify(new SQLException("Field 'id' doesn't have a default value", "HY000", 1364))).isEqualTo(ErrorKind.NOT_NULL_VIOLATION);
        assertThat(d.classify(new SQLException("Check constraint 'c' is violated.", "HY000", 3819))).isEqualTo(ErrorKind.CHECK_VIOLATION);
        assertThat(d.classify(new SQLException("CONSTRAINT `t.ck` failed", "23000", 4025))).isEqualTo(ErrorKind.CHECK_VIOLATION);
        assertThat(d.classify(new SQLException("Deadlock found", "40001", 1213))).isEqualTo(ErrorKind.DEADLOCK_OR_SERIALIZATION);
        assertThat(d.classify(new SQLException("Lock wait timeout exceeded", "HY000", 1205))).isEqualTo(ErrorKind.DEADLOCK_OR_SERIALIZATION);
        assertThat(d.classify(new SQLException("Query execution was interrupted (max_statement_time exceeded)", "70100", 1969))).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(d.classify(new SQLTimeoutException("Statement cancelled due to timeout or client request"))).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(d.classify(new SQLException("Communications link failure", "08S01", 0))).isEqualTo(ErrorKind.CONNECTION);
        assertThat(d.classify(new SQLException("Table 'test.nope' doesn't exist", "42S02", 1146))).isEqualTo(ErrorKind.UNKNOWN_OBJECT);
        assertThat(d.classify(new SQLException("You have an error in your SQL syntax", "42000", 1064))).isEqualTo(ErrorKind.SYNTAX);
        assertThat(d.classify(new SQLException("Data too long for column", "22001", 1406))).isEqualTo(ErrorKind.OTHER);
    }

    @Test
    @DisplayName("both dialects take Connector/J's recommended pool settings on jdbc:mysql URLs; MariaDB also serves jdbc:mariadb URLs")
    void poolAndUrls() {
        assertThat(new MySqlDialect().poolProperties()).containsEntry("cachePrepStmts", "true").containsEntry("useServerPrepStmts", "true")
                .containsEntry("rewriteBatchedStatements", "true");
        assertThat(new MariaDbDialect().poolProperties()).isEqualTo(new MySqlDialect().poolProperties());
        assertThat(new MySqlDialect().acceptsUrl("jdbc:mysql://h/db")).isTrue();
        assertThat(new MySqlDialect().acceptsUrl("jdbc:mariadb://h/db")).isFalse();
        assertThat(new MariaDbDialect().acceptsUrl("jdbc:mysql://h/db")).isFalse();
        assertThat(new MariaDbDialect().acceptsUrl("jdbc:mariadb://h/db")).isTrue();
        Dialect viaMariaDbDriver = new MariaDbDialect().forDriverOf("jdbc:mariadb://h/db");
        assertThat(viaMariaDbDriver.driverClassName()).isEqualTo("org.mariadb.jdbc.Driver");
        assertThat(viaMariaDbDriver.name()).isEqualTo("mariadb");
        assertThat(new MariaDbDialect().forDriverOf("jdbc:mysql://h/db").driverClassName()).isEqualTo("com.mysql.cj.jdbc.Driver");
    }
}
