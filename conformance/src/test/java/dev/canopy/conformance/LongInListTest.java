package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.chinook.Chinook;
import dev.canopy.result.Entity;
import dev.canopy.query.Condition;
import dev.canopy.query.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code isIn} lists far past a database's bind-parameter limit return the right rows on every database: one array
 * bind where the database takes one, chunks that each stay under the limit elsewhere.
 */
@DisplayName("Long IN lists")
class LongInListTest {
    static final int VALUES = 100_000;

    /** Every third id from 3 to 3 * VALUES: Chinook's 3,503 tracks hold 1,167 of them. */
    static List<Integer> everyThird() {
        return IntStream.rangeClosed(1, VALUES).map(i -> i * 3).boxed().collect(Collectors.toList());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("isIn with 100,000 values returns exactly the rows whose key is in the list")
    void isIn(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        Query q = Query.from(Chinook.TRACK).where(Chinook.TRACK.trackId.isIn(everyThird())).attributes(Chinook.TRACK.trackId)
                .order(Chinook.TRACK.trackId.asc());
        List<Integer> ids = new ArrayList<>();
        for (Entity e : db.findAll(q)) {
            ids.add(e.get(Chinook.TRACK.trackId));
        }
        assertThat(ids).hasSize(3503 / 3).first().isEqualTo(3);
        assertThat(ids).allMatch(id -> id % 3 == 0).isSorted();
        assertThat(db.count(q)).isEqualTo(3503 / 3);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("notIn with 100,000 values, alone and under or/not, keeps exactly the others")
    void notIn(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        List<Integer> values = everyThird();
        assertThat(db.count(Query.from(Chinook.TRACK).where(Chinook.TRACK.trackId.notIn(values)))).isEqualTo(3503 - 3503 / 3);
        Condition either = Condition.or(Chinook.TRACK.trackId.isIn(values), Chinook.TRACK.trackId.eq(1));
        assertThat(db.count(Query.from(Chinook.TRACK).where(either))).isEqualTo(3503 / 3 + 1);
        assertThat(db.count(Query.from(Chinook.TRACK).where(Condition.not(Chinook.TRACK.trackId.isIn(values))))).isEqualTo(3503 - 3503 / 3);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("the SQL stays short where the database binds arrays; elsewhere each IN holds at most 1,000 values")
    void sqlSize(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        var sql = db.toSql(Query.from(Chinook.TRACK).where(Chinook.TRACK.trackId.isIn(everyThird())));
        if (db.dialect().supports(dev.canopy.dialect.Capability.ARRAY_BIND)) {
            assertThat(sql.sql().length()).isLessThan(2_000);
            assertThat(sql.binds()).hasSize(2);
        } else {
            assertThat(sql.binds()).hasSize(VALUES);
            assertThat(sql.sql().split("(?i) in \\(")).hasSize(VALUES / 1000 + 1)
                    .allSatisfy(part -> assertThat(part.chars().filter(c -> c == '?').count()).isLessThanOrEqualTo(1000));
        }
    }
}
