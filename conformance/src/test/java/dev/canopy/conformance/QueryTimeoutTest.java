package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.canopy.Canopy;
import dev.canopy.error.QueryTimeoutException;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A query that runs past its timeout is cancelled by the database and reported as {@link QueryTimeoutException}. */
@DisplayName("Query timeouts")
class QueryTimeoutTest {
    /** A view that takes far longer than any timeout here: a sleep, or a count over billions of generated rows. */
    static final class Slow extends Model {
        final Column<Integer> id = integer("id").primaryKey();

        Slow() { super("Slow", ModelOptions.defaults().freezeTableName().timestamps(false)); }
    }

    static final Slow SLOW = new Slow();
    static final Schema SCHEMA = Schema.builder().models(SLOW).build();

    private static void createSlowView(TestDatabase kind, Canopy db) {
        String select = switch (kind) {
            case H2 -> "SELECT CAST(COUNT(*) AS INT) AS \"id\" FROM SYSTEM_RANGE(1, 1000000) a, SYSTEM_RANGE(1, 1000000) b"
                    + " WHERE MOD(a.X + b.X, 7) = 3";
            case SQLITE -> "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 4000000000)"
                    + " SELECT COUNT(*) AS \"id\" FROM c";
            case MARIADB -> "SELECT SLEEP(60) AS \"id\"";
            case POSTGRES -> "SELECT 1 AS \"id\" FROM pg_sleep(60)";
        };
        Jdbc.execute(db, "CREATE VIEW \"Slow\" AS " + select);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("Query.timeout cancels a slow query, and the pool serves the next one")
    void perQuery(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("timeout")) {
            createSlowView(kind, h.db);
            long start = System.nanoTime();
            QueryTimeoutException e = catchThrowableOfType(QueryTimeoutException.class,
                    () -> h.db.findAll(Query.from(SLOW).timeout(Duration.ofSeconds(1))));
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertThat(e).as("a QueryTimeoutException").isNotNull();
            assertThat(seconds).isLessThan(20);
            assertThat(catchThrowableOfType(QueryTimeoutException.class,
                    () -> h.db.count(Query.from(SLOW).timeout(Duration.ofMillis(500))))).as("a count that times out").isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("the builder's queryTimeout applies to every query that names none")
    void byDefault(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("timeout_default")) {
            createSlowView(kind, h.db);
            try (Canopy db = Canopy.builder(h.url).user(h.user).password(h.password).queryTimeout(Duration.ofSeconds(1)).build()) {
                assertThat(catchThrowableOfType(QueryTimeoutException.class, () -> db.findAll(Query.from(SLOW)))).isNotNull();
                assertThat(catchThrowableOfType(QueryTimeoutException.class, () -> db.count(Query.from(SLOW)))).isNotNull();
            }
        }
    }

    @Test
    @DisplayName("a timeout is part of the query's value")
    void valueSemantics() {
        Query q = Query.from(SLOW);
        assertThat(q.timeout(Duration.ofSeconds(2))).isEqualTo(Query.from(SLOW).timeout(Duration.ofSeconds(2)))
                .hasSameHashCodeAs(Query.from(SLOW).timeout(Duration.ofSeconds(2)))
                .isNotEqualTo(q).isNotEqualTo(q.timeout(Duration.ofSeconds(3)));
        assertThat(q.timeout(Duration.ofSeconds(2)).timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(q.timeout(Duration.ofSeconds(2)).limit(5).unpaged().timeout()).isEqualTo(Duration.ofSeconds(2));
    }
}
