package dev.canopy.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.dialect.ErrorKind;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** PostgreSQL's SQLStates, classified without a server. */
class PostgresDialectTest {
    private final PostgresDialect d = new PostgresDialect();

    private static SQLException state(String sqlState) {
        return new SQLException("ERROR", sqlState);
    }

    @Test
    @DisplayName("SQLStates name the constraint, the conflict, the timeout, the connection or the missing object")
    void sqlStates() {
        assertThat(d.classify(state("23505"))).isEqualTo(ErrorKind.UNIQUE_VIOLATION);
        assertThat(d.classify(state("23503"))).isEqualTo(ErrorKind.FOREIGN_KEY_VIOLATION);
        assertThat(d.classify(state("23502"))).isEqualTo(ErrorKind.NOT_NULL_VIOLATION);
        assertThat(d.classify(state("23514"))).isEqualTo(ErrorKind.CHECK_VIOLATION);
        assertThat(d.classify(state("40001"))).isEqualTo(ErrorKind.DEADLOCK_OR_SERIALIZATION);
        assertThat(d.classify(state("40P01"))).isEqualTo(ErrorKind.DEADLOCK_OR_SERIALIZATION);
        assertThat(d.classify(state("57014"))).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(d.classify(state("55P03"))).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(d.classify(state("57P01"))).isEqualTo(ErrorKind.CONNECTION);
        assertThat(d.classify(new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT))).isEqualTo(ErrorKind.CONNECTION);
        assertThat(d.classify(state("42P01"))).isEqualTo(ErrorKind.UNKNOWN_OBJECT);
        assertThat(d.classify(state("42703"))).isEqualTo(ErrorKind.UNKNOWN_OBJECT);
        assertThat(d.classify(state("42601"))).isEqualTo(ErrorKind.SYNTAX);
        assertThat(d.classify(state("22001"))).isEqualTo(ErrorKind.OTHER);
    }

    @Test
    @DisplayName("names, URL, limits")
    void basics() {
        assertThat(d.aliases()).contains("postgresql");
        assertThat(d.acceptsUrl("jdbc:postgresql://localhost/db")).isTrue();
        assertThat(d.acceptsUrl("jdbc:pgsql://localhost/db")).isFalse();
        assertThat(d.maxBindParameters()).isEqualTo(65_535);
        assertThat(d.maxIdentifierLength()).isEqualTo(63);
    }
}
