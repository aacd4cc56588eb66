package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.canopy.Canopy;
import dev.canopy.chinook.Chinook;
import dev.canopy.dialect.Capability;
import dev.canopy.dialect.Dialect;
import dev.canopy.dialect.ErrorKind;
import dev.canopy.dialect.UnknownDialectException;
import dev.canopy.error.CheckConstraintException;
import dev.canopy.error.DatabaseException;
import dev.canopy.error.ForeignKeyConstraintException;
import dev.canopy.error.NotNullConstraintException;
import dev.canopy.error.UniqueConstraintException;
import dev.canopy.sql.StatementEvent;
import dev.canopy.result.Entity;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Order;
import dev.canopy.query.Query;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What differs between databases, proved on each: which dialect a URL or a server gets, how vendor errors are
 * translated, and the features one database has natively and another through jOOQ's emulation (ILIKE, NULLS
 * FIRST/LAST, RIGHT JOIN), quoted names, and the Chinook data loading everywhere.
 */
@DisplayName("Dialects")
class DialectTest {

    private static ModelOptions frozen() {
        return ModelOptions.defaults().freezeTableName().timestamps(false);
    }

    static final class Team extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name", 40).notNull();
        final Column<String> code = string("code", 10).unique();

        Team() { super("Team", frozen()); }
    }

    static final class Player extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name", 40).notNull();
        final Column<Integer> rating = integer("rating");
        final Column<Integer> teamId = integer("teamId");

        Player() { super("Player", frozen()); }
    }

    static final Team TEAM = new Team();
    static final Player PLAYER = new Player();
    static final Association TEAM_PLAYERS = Association.hasMany(TEAM, PLAYER).alias("players").foreignKey("teamId");
    static final Association PLAYER_TEAM = Association.belongsTo(PLAYER, TEAM).alias("team").foreignKey("teamId");
    static final Schema CLUB = Schema.builder().models(TEAM, PLAYER).associations(TEAM_PLAYERS, PLAYER_TEAM).build();

    /** Fills the club: two teams, four players (one without a team, one without a rating), an empty third team. */
    private static void club(Canopy db) {
        db.sync(CLUB);
        Jdbc.execute(db, "INSERT INTO \"Team\" (\"id\", \"name\", \"code\") VALUES (1, 'Reds', 'R'), (2, 'Blues', 'B'), (3, 'Greens', 'G')");
        Jdbc.execute(db, "INSERT INTO \"Player\" (\"id\", \"name\", \"rating\", \"teamId\") VALUES "
                + "(1, 'Ann', 2, 1), (2, 'ANNA', NULL, 1), (3, 'bob', 1, 2), (4, 'Dan', 3, NULL)");
    }

    private static List<String> names(List<Entity> entities, Column<String> name) {
        return entities.stream().map(e -> e.get(name)).collect(Collectors.toList());
    }

    // ---- which dialect ----------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("choosing a dialect")
    class Choosing {

        @Test
        @DisplayName("a JDBC URL picks the dialect of its driver")
        void urlPicksDialect() {
            assertThat(Dialect.forUrl("jdbc:h2:mem:x").name()).isEqualTo("h2");
            assertThat(Dialect.forUrl("jdbc:mysql://127.0.0.1:3306/shop").name()).isEqualTo("mysql");
            assertThat(Dialect.forUrl("jdbc:postgresql://127.0.0.1:5432/shop").name()).isEqualTo("postgres");
            assertThat(Dialect.forUrl("jdbc:sqlite:/tmp/shop.db").name()).isEqualTo("sqlite");
            assertThat(Dialect.forUrl("jdbc:mysql://h/db").jooqDialect()).isEqualTo(SQLDialect.MYSQL);
            assertThat(Dialect.forUrl("jdbc:postgresql://h/db").jooqDialect()).isEqualTo(SQLDialect.POSTGRES);
            assertThat(Dialect.forUrl("jdbc:sqlite:x.db").jooqDialect()).isEqualTo(SQLDialect.SQLITE);
        }

        @Test
        @DisplayName("a name or an alias picks a dialect, whatever its letter case; mariadb is a dialect of its own")
        void namePicksDialect() {
            Dialect mariaDb = Dialect.named("mariadb");
            assertThat(mariaDb.name()).isEqualTo("mariadb");
            assertThat(mariaDb.jooqDialect()).isEqualTo(SQLDialect.MARIADB);
            assertThat(mariaDb.supports(Capability.RETURNING)).isTrue();
            assertThat(Dialect.named("MySQL").name()).isEqualTo("mysql");
            assertThat(Dialect.named("postgresql").name()).isEqualTo("postgres");
            assertThat(Dialect.named("sqlite").name()).isEqualTo("sqlite");
        }

        @Test
        @DisplayName("an unknown URL or name fails with the dialects that do exist")
        void unknownDialect() {
            assertThatThrownBy(() -> Dialect.forUrl("jdbc:oracle:thin:@//h:1521/x"))
                    .isInstanceOf(UnknownDialectException.class)
                    .hasMessageContaining("h2").hasMessageContaining("mysql").hasMessageContaining("mariadb")
                    .hasMessageContaining("postgres").hasMessageContaining("sqlite");
            assertThatThrownBy(() -> Dialect.named("oracle")).isInstanceOf(UnknownDialectException.class);
        }

        @Test
        @DisplayName("capabilities say what changes Canopy's behaviour: RETURNING not on MySQL, DDL in transactions not on MySQL, arrays on H2 and PostgreSQL")
        void capabilities() {
            assertThat(Dialect.named("postgres").capabilities()).containsExactlyInAnyOrder(Capability.values());
            assertThat(Dialect.named("mysql").supports(Capability.RETURNING)).isFalse();
            assertThat(Dialect.named("mariadb").supports(Capability.TRANSACTIONAL_DDL)).isFalse();
            assertThat(Dialect.named("sqlite").supports(Capability.ARRAY_BIND)).isFalse();
            assertThat(Dialect.named("h2").supports(Capability.ARRAY_BIND)).isTrue();
            assertThat(Dialect.named("sqlite").supports(Capability.TRANSACTIONAL_DDL)).isTrue();
            assertThat(Dialect.named("postgres").maxIdentifierLength()).isEqualTo(63);
            assertThat(Dialect.named("postgres").maxBindParameters()).isEqualTo(65_535);
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("once connected, the dialect is the server's own (a jdbc:mysql URL to MariaDB gets the MariaDB dialect)")
        void serverDecides(TestDatabase kind) {
            Map<TestDatabase, String> expected = Map.of(TestDatabase.H2, "h2", TestDatabase.SQLITE, "sqlite",
                    TestDatabase.MARIADB, "mariadb", TestDatabase.POSTGRES, "postgres");
            kind.with("dialect", all(), h -> {
                assertThat(h.dialect().name()).isEqualTo(expected.get(kind));
                if (kind == TestDatabase.MARIADB) {
                    assertThat(h.url).startsWith("jdbc:mysql:");
                    assertThat(Dialect.forUrl(h.url).name()).isEqualTo("mysql");
                    assertThat(h.dialect().jooqDialect()).isEqualTo(SQLDialect.MARIADB);
                } else {
                    assertThat(Dialect.forUrl(h.url).name()).isEqualTo(h.dialect().name());
                }
            });
        }
    }

    // ---- errors -----------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("vendor errors")
    class Errors {

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a duplicate key is a UniqueConstraintException, for the primary key and for a unique column")
        void duplicateKey(TestDatabase kind) {
            kind.with("unique", all(), h -> {
                club(h.db);
                assertThatThrownBy(() -> Jdbc.execute(h.db, "INSERT INTO \"Team\" (\"id\", \"name\") VALUES (1, 'Again')"))
                        .isInstanceOf(UniqueConstraintException.class);
                assertThatThrownBy(() -> Jdbc.execute(h.db, "INSERT INTO \"Team\" (\"id\", \"name\", \"code\") VALUES (9, 'Copy', 'R')"))
                        .isInstanceOf(UniqueConstraintException.class);
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a missing parent is a ForeignKeyConstraintException; deleting a parent applies ON DELETE SET NULL")
        void foreignKey(TestDatabase kind) {
            kind.with("fk", all(), h -> {
                club(h.db);
                assertThatThrownBy(() -> Jdbc.execute(h.db, "INSERT INTO \"Player\" (\"id\", \"name\", \"teamId\") VALUES (9, 'Lost', 42)"))
                        .isInstanceOf(ForeignKeyConstraintException.class);
                assertThatThrownBy(() -> Jdbc.execute(h.db, "UPDATE \"Player\" SET \"teamId\" = 42 WHERE \"id\" = 1"))
                        .isInstanceOf(ForeignKeyConstraintException.class);
                // Sequelize's default for a nullable foreign key; on SQLite it shows that foreign keys are enforced at all.
                Jdbc.execute(h.db, "DELETE FROM \"Team\" WHERE \"id\" = 2");
                assertThat(Jdbc.ints(h.db, "SELECT \"teamId\" FROM \"Player\" WHERE \"id\" = 3")).containsExactly((Integer) null);
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a NULL in a NOT NULL column is a NotNullConstraintException")
        void notNull(TestDatabase kind) {
            kind.with("notnull", all(), h -> {
                club(h.db);
                assertThatThrownBy(() -> Jdbc.execute(h.db, "INSERT INTO \"Team\" (\"id\", \"name\") VALUES (9, NULL)"))
                        .isInstanceOf(NotNullConstraintException.class);
                assertThatThrownBy(() -> h.db.execute(Jdbc.sql(h.db, "INSERT INTO \"Team\" (\"id\", \"name\") VALUES (?, ?)"), 9, null))
                        .isInstanceOf(NotNullConstraintException.class);
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a failed CHECK is a CheckConstraintException")
        void check(TestDatabase kind) {
            kind.with("check", all(), h -> {
                Jdbc.execute(h.db, "CREATE TABLE \"Stock\" (\"id\" INT PRIMARY KEY, \"qty\" INT CHECK (\"qty\" >= 0))");
                Jdbc.execute(h.db, "INSERT INTO \"Stock\" (\"id\", \"qty\") VALUES (1, 5)");
                assertThatThrownBy(() -> Jdbc.execute(h.db, "INSERT INTO \"Stock\" (\"id\", \"qty\") VALUES (2, -1)"))
                        .isInstanceOf(CheckConstraintException.class);
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("an unknown table or column is UNKNOWN_OBJECT and bad SQL is SYNTAX, in the dialect's words")
        void unknownObjectAndSyntax(TestDatabase kind) {
            kind.with("unknown", all(), h -> {
                club(h.db);
                assertThat(kindOf(h, () -> Jdbc.execute(h.db, "UPDATE \"Nowhere\" SET \"x\" = 1"))).isEqualTo(ErrorKind.UNKNOWN_OBJECT);
                assertThat(kindOf(h, () -> Jdbc.execute(h.db, "UPDATE \"Team\" SET \"nothing\" = 1"))).isEqualTo(ErrorKind.UNKNOWN_OBJECT);
                assertThat(kindOf(h, () -> h.db.execute("UPDATE SET WHERE"))).isEqualTo(ErrorKind.SYNTAX);
            });
        }

        private ErrorKind kindOf(TestDatabase.Handle h, Runnable failing) {
            DatabaseException e = catchThrowableOfType(failing::run, DatabaseException.class);
            assertThat(e).as("a DatabaseException").isNotNull();
            assertThat(e.getCause()).isInstanceOf(SQLException.class);
            return h.dialect().classify((SQLException) e.getCause());
        }
    }

    // ---- native or emulated -----------------------------------------------------------------------------------------

    @Nested
    @DisplayName("native or emulated")
    class NativeOrEmulated {

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("iLike ignores letter case everywhere, natively or as lower() LIKE lower()")
        void iLike(TestDatabase kind) {
            kind.with("ilike", all(), h -> {
                club(h.db);
                Query q = Query.from(PLAYER).order(PLAYER.id.asc());
                assertThat(names(h.db.findAll(q.where(PLAYER.name.iLike("an%"))), PLAYER.name)).containsExactly("Ann", "ANNA");
                assertThat(names(h.db.findAll(q.where(PLAYER.name.iLike("%B%"))), PLAYER.name)).containsExactly("bob");
                assertThat(names(h.db.findAll(q.where(PLAYER.name.notILike("AN%"))), PLAYER.name)).containsExactly("bob", "Dan");
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("NULLS FIRST / NULLS LAST put nulls where asked, in both directions")
        void nullsOrdering(TestDatabase kind) {
            kind.with("nulls", all(), h -> {
                club(h.db);
                Function<Order, List<Integer>> ratings = o -> h.db.findAll(Query.from(PLAYER).order(o)).stream()
                        .map(e -> e.get(PLAYER.rating)).collect(Collectors.toList());
                assertThat(ratings.apply(PLAYER.rating.asc().nullsFirst())).containsExactly(null, 1, 2, 3);
                assertThat(ratings.apply(PLAYER.rating.asc().nullsLast())).containsExactly(1, 2, 3, null);
                assertThat(ratings.apply(PLAYER.rating.desc().nullsFirst())).containsExactly(null, 3, 2, 1);
                assertThat(ratings.apply(PLAYER.rating.desc().nullsLast())).containsExactly(3, 2, 1, null);
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a right include is a RIGHT OUTER JOIN: parents without children go, children without a parent are read")
        void rightJoin(TestDatabase kind) {
            kind.with("right", all(), h -> {
                assumeTrue(h.dialect().supports(Capability.RIGHT_JOIN), h.dialect().name() + " has no RIGHT JOIN");
                club(h.db);
                List<StatementEvent> ran = new ArrayList<>();
                Canopy db = Canopy.using(h.db.dataSource(), h.dialect(), CLUB, ran::add);
                Query q = Query.from(TEAM).include("players", i -> i.right()).order(TEAM.id.asc(), PLAYER.id.at("players").asc());
                List<Entity> teams = db.findAll(q);
                assertThat(ran.get(0).sql()).containsIgnoringCase("right outer join");
                // The Greens have no players, so the right join drops them; Dan has no team, and his row is read
                // (4 rows: a left join would read the Greens instead of Dan, an inner join 3). Dan comes back under a
                // root whose attributes are all null (where that root sorts depends on the database's NULL order).
                List<Entity> named = teams.stream().filter(t -> t.get(TEAM.id) != null).collect(Collectors.toList());
                List<Entity> orphans = teams.stream().filter(t -> t.get(TEAM.id) == null).collect(Collectors.toList());
                assertThat(names(named, TEAM.name)).containsExactly("Reds", "Blues");
                assertThat(named.get(0).many("players")).extracting(p -> p.get(PLAYER.name)).containsExactly("Ann", "ANNA");
                assertThat(orphans).hasSize(1);
                assertThat(orphans.get(0).get(TEAM.name)).isNull();
                assertThat(orphans.get(0).many("players")).extracting(p -> p.get(PLAYER.name)).containsExactly("Dan");
                assertThat(ran.get(0).rows()).isEqualTo(4);
            });
        }
    }

    // ---- values the drivers store differently --------------------------------------------------------------------

    static final class Event extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<LocalDateTime> at = timestamp("at").notNull();
        final Column<BigDecimal> price = decimal("price", 10, 2);

        Event() { super("Event", frozen()); }
    }

    static final Event EVENT = new Event();
    static final Schema EVENTS = Schema.builder().models(EVENT).build();

    @Nested
    @DisplayName("values")
    class Values {

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a timestamp column holds dates before 1970 and after 2038, and compares with bound values")
        void timestampRange(TestDatabase kind) {
            kind.with("timestamps", all(), h -> {
                h.db.sync(EVENTS);
                LocalDateTime born = LocalDateTime.of(1962, 2, 18, 10, 11, 12);
                LocalDateTime far = LocalDateTime.of(2040, 1, 1, 0, 0);
                h.db.execute(Jdbc.sql(h.db, "INSERT INTO \"Event\" (\"id\", \"at\") VALUES (?, ?), (?, ?)"), 1, born, 2, far);
                assertThat(h.db.findAll(Query.from(EVENT).order(EVENT.id.asc()))).extracting(e -> e.get(EVENT.at)).containsExactly(born, far);
                assertThat(h.db.findAll(Query.from(EVENT).where(EVENT.at.eq(far)))).extracting(e -> e.get(EVENT.id)).containsExactly(2);
                assertThat(h.db.findAll(Query.from(EVENT).where(EVENT.at.lt(LocalDateTime.of(1970, 1, 1, 0, 0)))))
                        .extracting(e -> e.get(EVENT.id)).containsExactly(1);
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a decimal comes back with its column's scale (SQLite keeps NUMERIC as a REAL and drops trailing zeros)")
        void decimalScale(TestDatabase kind) {
            kind.with("decimals", all(), h -> {
                h.db.sync(EVENTS);
                LocalDateTime at = LocalDateTime.of(2024, 1, 2, 3, 4, 5);
                h.db.execute(Jdbc.sql(h.db, "INSERT INTO \"Event\" (\"id\", \"at\", \"price\") VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?)"),
                        1, at, new BigDecimal("1.10"), 2, at, new BigDecimal("2.00"), 3, at, new BigDecimal("12345678.91"));
                assertThat(h.db.findAll(Query.from(EVENT).order(EVENT.id.asc()))).extracting(e -> e.get(EVENT.price))
                        .containsExactly(new BigDecimal("1.10"), new BigDecimal("2.00"), new BigDecimal("12345678.91"));
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a bound timestamp finds the timestamps that SQL text inserted (the Chinook invoices)")
        void boundTimestampMatchesLoadedData(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            assertThat(db.findAll(Query.from(Chinook.INVOICE).where(Chinook.INVOICE.invoiceDate.eq(LocalDateTime.of(2021, 1, 2, 0, 0)))))
                    .extracting(i -> i.get(Chinook.INVOICE.invoiceId)).containsExactly(2);
            assertThat(db.count(Query.from(Chinook.INVOICE).where(Chinook.INVOICE.invoiceDate.lt(LocalDateTime.of(2021, 1, 3, 0, 0)))))
                    .isEqualTo(2);
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("an isIn list longer than the dialect's bind-parameter limit still runs")
        void isInBeyondBindLimit(TestDatabase kind) {
            kind.with("manyids", all(), h -> {
                // H2's 100,000 is Canopy's own bound, not the database's; the servers' limits are real (65,535 binds
                // in PostgreSQL's protocol and in MySQL's prepared statements, 32,766 in stock SQLite builds).
                assumeTrue(h.dialect().maxBindParameters() <= 65_535, "no real bind-parameter limit to cross");
                club(h.db);
                List<Integer> ids = IntStream.rangeClosed(1, h.dialect().maxBindParameters() + 1).boxed().collect(Collectors.toList());
                assertThat(h.db.findAll(Query.from(PLAYER).where(PLAYER.id.isIn(ids)).order(PLAYER.id.asc())))
                        .extracting(p -> p.get(PLAYER.id)).containsExactly(1, 2, 3, 4);
            });
        }
    }

    // ---- names that need quotes -------------------------------------------------------------------------------------

    static final class Customer extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> select = string("select", 40);

        Customer() { super("user", frozen()); }
    }

    static final class Purchase extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<Integer> user = integer("user");
        final Column<String> group = string("group", 20);

        Purchase() { super("order", frozen()); }
    }

    static final class Line extends Model {
        final Column<Integer> lineId = integer("InvoiceLineId").primaryKey();
        final Column<Integer> orderId = integer("OrderId");
        final Column<BigDecimal> unitPrice = decimal("UnitPrice", 10, 2);

        Line() { super("InvoiceLine", frozen()); }
    }

    static final Customer CUSTOMER = new Customer();
    static final Purchase PURCHASE = new Purchase();
    static final Line LINE = new Line();
    /** Every schema of these tests in one: their models are distinct. */
    static Schema all() {
        return TestDatabase.merged(CLUB, EVENTS, RESERVED);
    }

    static final Schema RESERVED = Schema.builder().models(CUSTOMER, PURCHASE, LINE).associations(
            Association.hasMany(CUSTOMER, PURCHASE).alias("orders").foreignKey("user"),
            Association.belongsTo(PURCHASE, CUSTOMER).alias("buyer").foreignKey("user"),
            Association.hasMany(PURCHASE, LINE).alias("lines").foreignKey("OrderId")).build();

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("reserved words (user, order, group, select) and mixed case (InvoiceLine) work as table and column names")
    void quotedNames(TestDatabase kind) {
        kind.with("quoted", all(), h -> {
            h.db.sync(RESERVED);
            Jdbc.execute(h.db, "INSERT INTO \"user\" (\"id\", \"select\") VALUES (1, 'all'), (2, 'none')");
            Jdbc.execute(h.db, "INSERT INTO \"order\" (\"id\", \"user\", \"group\") VALUES (10, 1, 'a'), (11, 1, 'b'), (12, 2, 'a')");
            Jdbc.execute(h.db, "INSERT INTO \"InvoiceLine\" (\"InvoiceLineId\", \"OrderId\", \"UnitPrice\") VALUES (100, 10, 0.99), (101, 10, 1.99), (102, 12, 0.99)");
            Query q = Query.from(CUSTOMER)
                    .include("orders", o -> o.where(PURCHASE.group.eq("a")).include("lines"))
                    .where(CUSTOMER.select.ne("nobody"))
                    .order(CUSTOMER.id.asc(), PURCHASE.id.at("orders").asc(), LINE.lineId.at("orders", "lines").asc());
            List<Entity> users = h.db.findAll(q);
            assertThat(names(users, CUSTOMER.select)).containsExactly("all", "none");
            assertThat(users.get(0).many("orders")).extracting(o -> o.get(PURCHASE.id)).containsExactly(10);
            assertThat(users.get(0).many("orders").get(0).many("lines")).extracting(l -> l.get(LINE.unitPrice))
                    .containsExactly(new BigDecimal("0.99"), new BigDecimal("1.99"));
            assertThat(h.db.count(Query.from(PURCHASE).include("buyer", b -> b.where(CUSTOMER.select.eq("all")).required(false))
                    .where(PURCHASE.group.eq("a")))).isEqualTo(2);
            assertThat(h.db.count(Query.from(PURCHASE).include("buyer", b -> b.where(CUSTOMER.select.eq("all"))))).isEqualTo(2);
        });
    }

    // ---- the Chinook data -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("the Chinook data loads with the same rows everywhere: counts, a backslash, a birth date before 1970")
    void chinookLoads(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        Map<Model, Long> counts = Map.ofEntries(
                Map.entry(Chinook.ARTIST, 275L), Map.entry(Chinook.ALBUM, 347L), Map.entry(Chinook.TRACK, 3503L),
                Map.entry(Chinook.GENRE, 25L), Map.entry(Chinook.MEDIA_TYPE, 5L), Map.entry(Chinook.PLAYLIST, 18L),
                Map.entry(Chinook.PLAYLIST_TRACK, 8715L), Map.entry(Chinook.EMPLOYEE, 8L), Map.entry(Chinook.CUSTOMER, 59L),
                Map.entry(Chinook.INVOICE, 412L), Map.entry(Chinook.INVOICE_LINE, 2240L));
        counts.forEach((model, n) -> assertThat(db.count(model)).as(model.name()).isEqualTo(n));

        List<Entity> withBackslash = db.findAll(Query.from(Chinook.TRACK).where(Chinook.TRACK.name.contains("\\"))
                .order(Chinook.TRACK.trackId.asc()));
        assertThat(withBackslash).extracting(t -> t.get(Chinook.TRACK.trackId)).containsExactly(3435, 3448, 3485, 3499);
        assertThat(withBackslash.get(0).get(Chinook.TRACK.name)).isEqualTo("Cavalleria Rusticana \\ Act \\ Intermezzo Sinfonico");

        Entity adams = db.findByPk(Chinook.EMPLOYEE, 1);
        assertThat(adams).isNotNull();
        assertThat(adams.get(Chinook.EMPLOYEE.birthDate)).isEqualTo(LocalDateTime.of(1962, 2, 18, 0, 0));
    }
}
