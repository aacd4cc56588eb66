package dev.canopy.conformance;

import static dev.canopy.chinook.Chinook.ARTIST;
import static dev.canopy.chinook.Chinook.CUSTOMER;
import static dev.canopy.chinook.Chinook.EMPLOYEE;
import static dev.canopy.chinook.Chinook.INVOICE;
import static dev.canopy.chinook.Chinook.TRACK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.result.Entity;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.query.Condition;
import dev.canopy.query.Query;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every condition operator on Chinook, each compared with the rows a hand-written SQL WHERE clause finds on the same
 * database through plain JDBC. Each case must find some rows but not all (unless it says otherwise), so that an
 * operator rendered as TRUE or FALSE cannot pass.
 */
@DisplayName("Conditions")
class ConditionsTest {

    /** One operator case: a condition on a model, and the equivalent WHERE clause over its table. */
    record Case(String name, Model model, Column<Integer> id, Condition condition, String where, List<Object> binds, Expect expect) {
        @Override public String toString() {
            return name;
        }
    }

    /** What the case's result must look like besides matching the hand-written SQL. */
    enum Expect { SOME, NONE, ALL }

    private static Case track(String name, Condition c, String where, Object... binds) {
        return new Case(name, TRACK, TRACK.trackId, c, where, List.of(binds), Expect.SOME);
    }

    private static Case of(String name, Model model, Column<Integer> id, Condition c, String where, Expect expect, Object... binds) {
        return new Case(name, model, id, c, where, List.of(binds), expect);
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(track("eq", TRACK.composer.eq("AC/DC"), "\"Composer\" = ?", "AC/DC"));
        cases.add(track("ne", TRACK.genreId.ne(1), "\"GenreId\" <> ?", 1));
        cases.add(track("gt", TRACK.unitPrice.gt(new BigDecimal("0.99")), "\"UnitPrice\" > ?", new BigDecimal("0.99")));
        cases.add(track("ge", TRACK.milliseconds.ge(600000), "\"Milliseconds\" >= ?", 600000));
        cases.add(track("lt", TRACK.milliseconds.lt(60000), "\"Milliseconds\" < ?", 60000));
        cases.add(track("le", TRACK.bytes.le(1000000), "\"Bytes\" <= ?", 1000000));
        cases.add(track("isIn", TRACK.genreId.isIn(1, 3, 5), "\"GenreId\" IN (?, ?, ?)", 1, 3, 5));
        cases.add(track("notIn", TRACK.mediaTypeId.notIn(1, 2), "\"MediaTypeId\" NOT IN (?, ?)", 1, 2));
        cases.add(track("like", TRACK.name.like("%Love%"), "\"Name\" LIKE ?", "%Love%"));
        cases.add(track("notLike", TRACK.name.notLike("%a%"), "\"Name\" NOT LIKE ?", "%a%"));
        cases.add(of("iLike", ARTIST, ARTIST.artistId, ARTIST.name.iLike("ac/dc"), "LOWER(\"Name\") LIKE LOWER(?)", Expect.SOME, "ac/dc"));
        cases.add(track("iLike with a wildcard", TRACK.name.iLike("%LOVE%"), "LOWER(\"Name\") LIKE LOWER(?)", "%LOVE%"));
        cases.add(track("between", TRACK.milliseconds.between(200000, 210000), "\"Milliseconds\" BETWEEN ? AND ?", 200000, 210000));
        cases.add(track("notBetween", TRACK.bytes.notBetween(1000000, 10000000), "\"Bytes\" NOT BETWEEN ? AND ?", 1000000, 10000000));
        cases.add(of("between on a timestamp", INVOICE, INVOICE.invoiceId,
                INVOICE.invoiceDate.between(LocalDateTime.of(2022, 1, 1, 0, 0), LocalDateTime.of(2022, 6, 30, 0, 0)),
                "\"InvoiceDate\" BETWEEN ? AND ?", Expect.SOME, LocalDateTime.of(2022, 1, 1, 0, 0), LocalDateTime.of(2022, 6, 30, 0, 0)));
        cases.add(track("isNull", TRACK.composer.isNull(), "\"Composer\" IS NULL"));
        cases.add(of("isNotNull", CUSTOMER, CUSTOMER.customerId, CUSTOMER.company.isNotNull(), "\"Company\" IS NOT NULL", Expect.SOME));
        cases.add(track("eq(null) is IS NULL", TRACK.composer.eq(null), "\"Composer\" IS NULL"));
        cases.add(of("ne(null) is IS NOT NULL", EMPLOYEE, EMPLOYEE.employeeId, EMPLOYEE.reportsTo.ne(null), "\"ReportsTo\" IS NOT NULL", Expect.SOME));
        cases.add(track("startsWith", TRACK.name.startsWith("The "), "\"Name\" LIKE ?", "The %"));
        cases.add(track("endsWith", TRACK.name.endsWith("Blues"), "\"Name\" LIKE ?", "%Blues"));
        cases.add(track("contains", TRACK.name.contains("Love"), "\"Name\" LIKE ?", "%Love%"));
        cases.add(track("contains takes % literally", TRACK.name.contains("0%"), "\"Name\" LIKE ? ESCAPE '!'", "%0!%%"));
        cases.add(track("startsWith takes % literally", TRACK.name.startsWith("100%"), "\"Name\" LIKE ? ESCAPE '!'", "100!%%"));
        cases.add(of("contains takes _ literally", TRACK, TRACK.trackId, TRACK.name.contains("_"), "\"Name\" LIKE ? ESCAPE '!'", Expect.NONE, "%!_%"));
        cases.add(track("and", TRACK.genreId.eq(1).and(TRACK.milliseconds.gt(300000)), "\"GenreId\" = ? AND \"Milliseconds\" > ?", 1, 300000));
        cases.add(track("or", TRACK.genreId.eq(5).or(TRACK.composer.isNull()), "\"GenreId\" = ? OR \"Composer\" IS NULL", 5));
        cases.add(track("not", TRACK.genreId.eq(1).or(TRACK.genreId.eq(2)).not(), "NOT (\"GenreId\" = ? OR \"GenreId\" = ?)", 1, 2));
        cases.add(track("and of or and not",
                Condition.and(Condition.or(TRACK.genreId.eq(1), TRACK.genreId.eq(3)), Condition.not(TRACK.composer.like("%Page%")),
                        TRACK.milliseconds.lt(250000)),
                "(\"GenreId\" = ? OR \"GenreId\" = ?) AND NOT (\"Composer\" LIKE ?) AND \"Milliseconds\" < ?", 1, 3, "%Page%", 250000));
        cases.add(of("empty isIn finds nothing", TRACK, TRACK.trackId, TRACK.genreId.isIn(List.of()), "1 = 0", Expect.NONE));
        cases.add(of("empty notIn finds everything", TRACK, TRACK.trackId, TRACK.genreId.notIn(List.of()), "1 = 1", Expect.ALL));
        cases.add(of("empty isIn under or leaves the other side", TRACK, TRACK.trackId,
                TRACK.genreId.isIn(List.of()).or(TRACK.genreId.eq(2)), "\"GenreId\" = ?", Expect.SOME, 2));
        return cases;
    }

    static Stream<Arguments> everyCaseOnEveryDatabase() {
        return TestDatabase.all().stream().flatMap(kind -> cases().stream().map(c -> Arguments.of(kind, c)));
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("everyCaseOnEveryDatabase")
    @DisplayName("an operator finds the rows its hand-written SQL finds, and count agrees")
    void operatorMatchesHandWrittenSql(TestDatabase kind, Case c) {
        Canopy db = ChinookFixture.chinook(kind);
        String idField = c.id().field();
        List<Integer> expected = Jdbc.ints(db, "SELECT \"" + idField + "\" FROM \"" + c.model().tableName() + "\" WHERE " + c.where()
                + " ORDER BY \"" + idField + "\"", c.binds().toArray());
        long total = Jdbc.count(db, "SELECT COUNT(*) FROM \"" + c.model().tableName() + "\"");

        Query q = Query.from(c.model()).where(c.condition()).order(c.id().asc());
        List<Integer> actual = db.findAll(q).stream().map(e -> e.get(c.id())).collect(Collectors.toList());

        assertThat(actual).as(c.name()).containsExactlyElementsOf(expected);
        assertThat(db.count(q)).as("count of " + c.name()).isEqualTo(expected.size());
        switch (c.expect()) {
            case SOME:
                assertThat((long) expected.size()).as("the case must tell something").isBetween(1L, total - 1);
                break;
            case NONE:
                assertThat(expected).isEmpty();
                break;
            default:
                assertThat((long) expected.size()).isEqualTo(total);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("iLike 'ac/dc' finds the artist named 'AC/DC'")
    void iLikeIgnoresCase(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);

        List<Entity> found = db.findAll(Query.from(ARTIST).where(ARTIST.name.iLike("ac/dc")));

        assertThat(found).extracting(a -> a.get(ARTIST.name)).containsExactly("AC/DC");
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("contains('0%') finds the one name with '0%' in it, where LIKE '%0%%' would find many")
    void containsIsLiteral(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        long wildcard = Jdbc.count(db, "SELECT COUNT(*) FROM \"Track\" WHERE \"Name\" LIKE ?", "%0%%");
        long underscoreWildcard = Jdbc.count(db, "SELECT COUNT(*) FROM \"Track\" WHERE \"Name\" LIKE ?", "%_%");

        List<String> names = db.findAll(Query.from(TRACK).where(TRACK.name.contains("0%"))).stream()
                .map(t -> t.get(TRACK.name)).collect(Collectors.toList());

        assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(n).contains("0%"));
        assertThat(wildcard).isGreaterThan(names.size());
        assertThat(db.count(Query.from(TRACK).where(TRACK.name.contains("_")))).isZero();
        assertThat(underscoreWildcard).isPositive();
    }
}
