package dev.canopy.conformance;

import static dev.canopy.chinook.Chinook.ALBUM;
import static dev.canopy.chinook.Chinook.ARTIST;
import static dev.canopy.chinook.Chinook.CUSTOMER;
import static dev.canopy.chinook.Chinook.EMPLOYEE;
import static dev.canopy.chinook.Chinook.GENRE;
import static dev.canopy.chinook.Chinook.PLAYLIST;
import static dev.canopy.chinook.Chinook.PLAYLIST_TRACK;
import static dev.canopy.chinook.Chinook.TRACK;
import static dev.canopy.query.Expr.coalesce;
import static dev.canopy.query.Expr.col;
import static dev.canopy.query.Expr.count;
import static dev.canopy.query.Expr.lower;
import static dev.canopy.query.Expr.max;
import static dev.canopy.query.Expr.min;
import static dev.canopy.query.Expr.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.PlanCacheStats;
import dev.canopy.chinook.Chinook;
import dev.canopy.dialect.Capability;
import dev.canopy.query.Condition;
import dev.canopy.query.Query;
import dev.canopy.result.Entity;
import dev.canopy.sql.SqlStatement;
import dev.canopy.sql.StatementEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Plans are cached by query shape: queries that differ only in bound values share one plan and one rendered SQL, and
 * each runs with its own values. Every scenario runs a family of queries of one shape on one Canopy, and checks that
 * the cache planned once (its stats), and that every query returned the graph, and ran exactly the statements with
 * exactly the binds, that a fresh Canopy with an empty cache gives for it.
 */
@DisplayName("Plans cached by shape")
class ShapeCacheTest {
    private static final int RUNS = 8;

    /**
     * Runs each query of a family on a warm Canopy and on a fresh one; returns the warm Canopy's cache stats. Each run
     * looks the plan up twice on the warm Canopy: {@code findAll}, then {@code toSql}.
     */
    private static PlanCacheStats sameAsFresh(TestDatabase kind, IntFunction<Query> family, int runs) {
        Canopy shared = ChinookFixture.chinook(kind);
        List<StatementEvent> warmStatements = new ArrayList<>();
        try (Canopy warm = Canopy.using(shared.dataSource(), shared.dialect(), Chinook.SCHEMA, warmStatements::add)) {
            for (int i = 0; i < runs; i++) {
                Query q = family.apply(i);
                warmStatements.clear();
                String got = json(warm.findAll(q));
                List<String> gotSql = describe(warmStatements);
                List<StatementEvent> freshStatements = new ArrayList<>();
                try (Canopy fresh = Canopy.using(shared.dataSource(), shared.dialect(), Chinook.SCHEMA, freshStatements::add)) {
                    assertThat(got).as("the graph of %s, run %d", q, i).isEqualTo(json(fresh.findAll(q)));
                    assertThat(gotSql).as("the statements of %s, run %d", q, i).isEqualTo(describe(freshStatements));
                    assertThat(describe(warm.toSql(q))).as("toSql of %s", q).isEqualTo(describe(fresh.toSql(q)));
                }
            }
            return warm.planCacheStats();
        }
    }

    private static String json(List<Entity> roots) {
        return roots.stream().map(Entity::toJson).collect(Collectors.joining(",\n", "[", "]"));
    }

    private static List<String> describe(List<StatementEvent> events) {
        return events.stream().map(e -> e.sql() + " -- " + Arrays.deepToString(e.binds().toArray())).collect(Collectors.toList());
    }

    /** SQL and binds, arrays by content. */
    private static String describe(SqlStatement s) {
        return s.sql() + " -- " + Arrays.deepToString(s.binds().toArray());
    }

    /** The family planned once: one miss, every other lookup a hit. */
    private static void plannedOnce(TestDatabase kind, IntFunction<Query> family) {
        PlanCacheStats s = sameAsFresh(kind, family, RUNS);
        assertThat(s.misses()).as("plans made").isEqualTo(1);
        assertThat(s.hits()).as("plans reused").isEqualTo(2 * RUNS - 1);
        assertThat(s.size()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("a root where that differs only in its value reuses the plan, with joined includes")
    void rootWhere(TestDatabase kind) {
        plannedOnce(kind, i -> Query.from(ALBUM).where(ALBUM.artistId.eq(1 + i * 7)).include("tracks", t -> t.include("genre"))
                .order(ALBUM.title.asc()));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("include wheres in ON clauses, $path$ references, text patterns and BETWEEN take each query's values")
    void includeWheres(TestDatabase kind) {
        String[] letters = {"A", "B", "C", "T", "S", "M"};
        plannedOnce(kind, i -> Query.from(TRACK)
                .where(Condition.and(ALBUM.title.at("album").startsWith(letters[i % letters.length]),
                        TRACK.milliseconds.between(100_000 + i * 1000, 400_000 - i * 1000), TRACK.albumId.le(40 + i * 5),
                        Condition.or(TRACK.name.contains("e"), Condition.not(TRACK.genreId.ne(1 + i % 3)))))
                .include("album", a -> a.include("artist", ar -> ar.where(ARTIST.name.iLike("%" + "a" + "%"))))
                .include("genre", g -> g.where(Chinook.GENRE.genreId.lt(10 + i)).required(false))
                .order(TRACK.trackId.asc()));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("separate includes with their own wheres, required ones filtering their parents by EXISTS, take each query's values")
    void separateIncludes(TestDatabase kind) {
        String[] letters = {"A", "B", "C", "T", "S", "M"};
        plannedOnce(kind, i -> Query.from(ARTIST).where(ARTIST.artistId.le(20 + i * 10))
                .include("albums", a -> a.separate().required().where(ALBUM.title.startsWith(letters[i % letters.length]))
                        .include("tracks", t -> t.separate().where(TRACK.milliseconds.gt(200_000 + i * 10_000)).order(TRACK.name.desc())))
                .order(ARTIST.artistId.asc()));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("a per-parent limit's number is shape (inline in its window): one plan per number, each keeping that many children")
    void perParentLimit(TestDatabase kind) {
        PlanCacheStats s = sameAsFresh(kind, i -> Query.from(EMPLOYEE).where(EMPLOYEE.employeeId.ge(1 + i % 3))
                .include("customers", c -> c.limit(1 + i % 4).order(CUSTOMER.lastName.asc()).where(CUSTOMER.country.ne("Nowhere" + i)))
                .order(EMPLOYEE.employeeId.asc()), RUNS);
        assertThat(s.misses()).as("one plan per per-parent limit").isEqualTo(4);
        Canopy db = ChinookFixture.chinook(kind).withSchema(Chinook.SCHEMA);
        for (int n = 1; n <= 3; n++) {
            int limit = n;
            Entity jane = db.findByPk(Query.from(EMPLOYEE).include("customers", c -> c.limit(limit).order(CUSTOMER.lastName.asc())), 3);
            assertThat(jane.many("customers")).hasSize(limit);
        }
        assertThat(db.planCacheStats().misses()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("limit and offset are values: every page of a paged query with a joined to-many include uses one plan")
    void paging(TestDatabase kind) {
        plannedOnce(kind, i -> Query.from(ARTIST).include("albums", a -> a.include("tracks", t -> t.attributes(TRACK.name)))
                .where(ARTIST.name.isNotNull()).order(ARTIST.name.asc()).limit(2 + i % 3).offset(i * 3));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("belongsToMany, joined with a where and separate with a required where, takes each query's values")
    void belongsToMany(TestDatabase kind) {
        // The small playlists (11 to 18): the big ones take H2 seconds per run, which proves nothing more.
        plannedOnce(kind, i -> Query.from(PLAYLIST).where(PLAYLIST.playlistId.between(9 + i % 4, 14 + i % 5))
                .include("tracks", t -> t.where(TRACK.genreId.eq(1 + i % 5)).required(false).include("genre"))
                .order(PLAYLIST.playlistId.asc()));
        plannedOnce(kind, i -> Query.from(PLAYLIST).where(PLAYLIST.playlistId.gt(10).and(PLAYLIST.playlistId.notIn(11 + i % 3, 15 + i % 4)))
                .include("tracks", t -> t.separate().required().where(TRACK.genreId.isIn(1 + i % 5, 24)).order(TRACK.name.asc()))
                .order(PLAYLIST.playlistId.asc()));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("isIn lists past 1,000 values of one length share a plan; where arrays are bound any length does")
    void longInLists(TestDatabase kind) {
        IntFunction<List<Integer>> ids = n -> IntStream.range(0, n).map(k -> 1 + k * 3).boxed().collect(Collectors.toList());
        // 1,500 values, shifted: one length, other values; on a database with array binds one array, elsewhere 2 IN lists.
        plannedOnce(kind, i -> Query.from(TRACK).where(TRACK.trackId.isIn(ids.apply(1500).stream().map(v -> v + i).collect(Collectors.toList())))
                .include("album").order(TRACK.trackId.asc()));
        boolean arrays = ChinookFixture.chinook(kind).dialect().supports(Capability.ARRAY_BIND);
        // Four lengths: one array each where the database binds arrays, else lists of binds (two IN lists for 1,400).
        PlanCacheStats s = sameAsFresh(kind, i -> Query.from(TRACK).where(TRACK.trackId.isIn(ids.apply(new int[] {999, 1000, 1001, 1400}[i])))
                .attributes(TRACK.trackId, TRACK.name).order(TRACK.trackId.asc()), 4);
        assertThat(s.misses()).as("plans made").isEqualTo(arrays ? 1 : 4);
        // And in a separate include's where, beside the parent keys.
        plannedOnce(kind, i -> Query.from(ALBUM).where(ALBUM.albumId.le(40 + i))
                .include("tracks", t -> t.separate().where(TRACK.trackId.notIn(ids.apply(1200).stream().map(v -> v + i % 3).collect(Collectors.toList()))))
                .order(ALBUM.albumId.asc()));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("short isIn and notIn lists of any length share one plan where the database binds arrays, one per length elsewhere, and find the same rows")
    void shortInLists(TestDatabase kind) {
        boolean arrays = ChinookFixture.chinook(kind).dialect().supports(Capability.ARRAY_BIND);
        IntFunction<List<Integer>> ids = n -> IntStream.range(0, n).map(k -> 1 + k * 450).boxed().collect(Collectors.toList());
        PlanCacheStats s = sameAsFresh(kind, i -> Query.from(TRACK).where(TRACK.trackId.isIn(ids.apply(1 + i)))
                .attributes(TRACK.trackId).order(TRACK.trackId.asc()), RUNS);
        assertThat(s.misses()).as("plans made").isEqualTo(arrays ? 1 : RUNS);
        assertThat(s.hits()).as("plans reused").isEqualTo(2L * RUNS - s.misses());
        Canopy db = ChinookFixture.chinook(kind).withSchema(Chinook.SCHEMA);
        for (int n = 1; n <= RUNS; n++) {
            // Chinook's tracks are 1 to 3,503: ids past it find nothing, whatever the list holds.
            List<Integer> asked = ids.apply(n);
            List<Integer> expected = asked.stream().filter(id -> id <= 3503).collect(Collectors.toList());
            assertThat(db.findAll(Query.from(TRACK).where(TRACK.trackId.isIn(asked)).attributes(TRACK.trackId).order(TRACK.trackId.asc())))
                    .extracting(e -> e.get(TRACK.trackId)).as("isIn of %d ids", n).containsExactlyElementsOf(expected);
            assertThat(db.count(Query.from(TRACK).where(TRACK.trackId.notIn(asked)))).as("notIn of %d ids", n).isEqualTo(3503 - expected.size());
            // Under not() and beside a NULL-able column: a track without a composer is neither in nor out of a list.
            assertThat(db.count(Query.from(TRACK).where(Condition.not(TRACK.composer.isIn("AC/DC", "U2"))))
                    + db.count(Query.from(TRACK).where(TRACK.composer.isIn("AC/DC", "U2"))))
                    .isEqualTo(db.count(Query.from(TRACK).where(TRACK.composer.isNotNull())));
        }
        // The finds and the notIn counts, one shape or one per length; the three composer counts, one shape each.
        assertThat(db.planCacheStats().misses()).as("plans made").isEqualTo(arrays ? 5 : 2L * RUNS + 3);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("isIn and notIn on every column type find exactly their rows, a row of NULLs in neither, with values of other Java types the column accepts")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void inListsOfEveryType(TestDatabase kind) {
        DefinitionsTest.Everything t = DefinitionsTest.EVERYTHING;
        UUID[] tokens = {UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), UUID.fromString("00000000-0000-4000-8000-000000000002"),
                UUID.fromString("9b2b8a0e-0000-4000-8000-00000000000c")};
        try (TestDatabase.Handle h = kind.open("in_types")) {
            Canopy db = h.db.withSchema(DefinitionsTest.TYPES);
            db.sync(DefinitionsTest.TYPES);
            for (int i = 1; i <= 3; i++) {
                Rows.insert(db, t, "id", i, "big", 9_000_000_000L + i, "price", new BigDecimal(i + ".125"), "code", "c" + i, "body", "body " + i,
                        "active", i != 2, "born", LocalDate.of(2020 + i, i, i), "seenAt", LocalDateTime.of(2020, 1, 1, i, 30, 15),
                        "token", tokens[i - 1]);
            }
            Rows.insert(db, t, "id", 4);
            List<Object[]> columns = List.of(
                    new Object[] {t.id, 1, 2},
                    new Object[] {t.big, 9_000_000_001L, 9_000_000_002L},
                    new Object[] {t.price, new BigDecimal("1.125"), new BigDecimal("2.125")},
                    new Object[] {t.code, "c1", "c2"},
                    new Object[] {t.body, "body 1", "body 2"},
                    new Object[] {t.born, LocalDate.of(2021, 1, 1), LocalDate.of(2022, 2, 2)},
                    new Object[] {t.seenAt, LocalDateTime.of(2020, 1, 1, 1, 30, 15), LocalDateTime.of(2020, 1, 1, 2, 30, 15)},
                    new Object[] {t.token, tokens[0], tokens[1]},
                    // Values a column accepts in another Java type, as a JSON spec gives them: longs, doubles, text of any kind.
                    new Object[] {t.id, 1L, 2L},
                    new Object[] {t.price, 1.125, 2.125},
                    new Object[] {t.code, new StringBuilder("c1"), new StringBuilder("c2")});
            for (Object[] c : columns) {
                dev.canopy.query.Operand<Object> column = (dev.canopy.query.Operand) c[0];
                // Row 4 has only its id: NULL elsewhere, so neither in a list nor out of it.
                List<Integer> others = c[0] == t.id ? List.of(3, 4) : List.of(3);
                assertThat(ids(db, column.isIn(c[1], c[2]))).as("%s isIn %s, %s", c[0], c[1], c[2]).containsExactly(1, 2);
                assertThat(ids(db, column.isIn(List.of(c[2])))).as("%s isIn %s", c[0], c[2]).containsExactly(2);
                assertThat(ids(db, column.notIn(List.of(c[1])))).as("%s notIn %s", c[0], c[1])
                        .containsExactlyElementsOf(java.util.stream.Stream.concat(java.util.stream.Stream.of(2), others.stream()).collect(Collectors.toList()));
                assertThat(ids(db, Condition.not(column.isIn(c[1], c[2])))).as("not %s isIn %s, %s", c[0], c[1], c[2])
                        .containsExactlyElementsOf(others);
            }
            assertThat(ids(db, t.active.isIn(true))).containsExactly(1, 3);
            assertThat(ids(db, t.active.notIn(true))).containsExactly(2);
        }
    }

    private static List<Integer> ids(Canopy db, Condition where) {
        DefinitionsTest.Everything t = DefinitionsTest.EVERYTHING;
        return db.findAll(Query.from(t).where(where).attributes(t.id).order(t.id.asc())).stream().map(e -> e.get(t.id)).collect(Collectors.toList());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("a count is planned once per shape and runs exactly the statement and binds of a fresh Canopy; so is findAndCountAll's")
    void counts(TestDatabase kind) {
        Canopy shared = ChinookFixture.chinook(kind);
        List<StatementEvent> warmStatements = new ArrayList<>();
        try (Canopy warm = Canopy.using(shared.dataSource(), shared.dialect(), Chinook.SCHEMA, warmStatements::add)) {
            for (int run = 0; run < RUNS; run++) {
                int i = run;
                Query q = Query.from(ALBUM).where(ALBUM.albumId.le(40 + i * 20).and(ALBUM.title.notIn("X" + i, "Y")))
                        .include("tracks", t -> t.required().where(TRACK.milliseconds.gt(200_000 + i * 10_000)))
                        .include("artist", a -> i % 2 == 0 ? a.where(ARTIST.name.startsWith("A")) : a.where(ARTIST.name.startsWith("A")).required(false))
                        .order(ALBUM.albumId.asc()).limit(3).offset(i);
                warmStatements.clear();
                long got = warm.count(q);
                List<String> gotSql = describe(warmStatements);
                List<StatementEvent> freshStatements = new ArrayList<>();
                try (Canopy fresh = Canopy.using(shared.dataSource(), shared.dialect(), Chinook.SCHEMA, freshStatements::add)) {
                    assertThat(got).as("the count of %s", q).isEqualTo(fresh.count(q)).isEqualTo(fresh.findAll(q.unpaged()).size());
                    assertThat(gotSql).as("the count statement of %s", q).isEqualTo(describe(freshStatements.subList(0, 1)));
                }
            }
            PlanCacheStats s = warm.planCacheStats();
            // An include with a where, required by default (an inner join that filters), and the same required(false).
            assertThat(s.misses()).as("count statements planned").isEqualTo(2);
            assertThat(s.hits()).isEqualTo(RUNS - 2);
            for (int i = 0; i < RUNS; i++) {
                dev.canopy.Page page = warm.findAndCountAll(Query.from(ARTIST).where(ARTIST.artistId.gt(i * 5)).include("albums")
                        .order(ARTIST.artistId.asc()).limit(2));
                assertThat(page.rows()).hasSize(2);
                assertThat(page.count()).isEqualTo(275 - i * 5);
            }
            assertThat(warm.planCacheStats().misses()).as("one plan and one count statement more").isEqualTo(4);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("Include.all() below an include, beside an include with a where: one plan for the family, and the graph of a fresh Canopy")
    void includeAllBesideAWhere(TestDatabase kind) {
        plannedOnce(kind, i -> Query.from(ALBUM).where(ALBUM.albumId.le(2 + i % 2))
                .include("tracks", t -> t.include(dev.canopy.query.Include.all()).order(TRACK.trackId.asc()))
                .include("artist", a -> a.where(ARTIST.name.ne("Nobody" + i)))
                .order(ALBUM.albumId.asc()));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("values that change the SQL are shape: eq(null) is IS NULL and an empty isIn is FALSE, each planned on its own")
    void structuralValues(TestDatabase kind) {
        PlanCacheStats s = sameAsFresh(kind, i -> Query.from(TRACK).where(Condition.and(
                TRACK.composer.eq(i % 2 == 0 ? null : "AC/DC"),
                TRACK.albumId.isIn(i < 2 ? List.of() : List.of(1, 2, 3))))
                .attributes(TRACK.trackId, TRACK.composer).order(TRACK.trackId.asc()), 4);
        // (null, empty), (value, empty), (null, three), (value, three): four shapes.
        assertThat(s.misses()).isEqualTo(4);
        assertThat(s.hits()).as("only each run's own toSql").isEqualTo(4);
    }

    /** Artists by track count, with a having, a compared expression and a value inside an aggregate: each a value. */
    private static Query artistsWithMoreTracksThan(long tracks, String letter, String nobody, int limit) {
        return Query.from(ARTIST)
                .attributes(ARTIST.artistId, ARTIST.name, count(TRACK.trackId.at("albums", "tracks")).alias("trackCount"),
                        coalesce(max(TRACK.composer.at("albums", "tracks")), value(nobody)).alias("composer"))
                .include("albums")
                .where(lower(ARTIST.name).like("%" + letter + "%"))
                .having(count(TRACK.trackId.at("albums", "tracks")).gt(tracks))
                .order(col("trackCount").desc(), ARTIST.artistId.asc())
                .limit(limit);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("aggregate queries that differ only in values (having, a compared expression, a value inside an aggregate, the limit) share one plan")
    void aggregatesDifferingInValues(TestDatabase kind) {
        String[] letters = {"a", "e", "o", "i", "r", "n"};
        plannedOnce(kind, i -> artistsWithMoreTracksThan(i * 4L, letters[i % letters.length], "nobody " + i, 5 + i % 3));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("two aggregate queries differing only in the having's value share one plan and give their own, different answers")
    void aggregatesSharingAPlanGiveTheirOwnAnswers(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind).withSchema(Chinook.SCHEMA);
        List<List<Integer>> answers = new ArrayList<>();
        for (long tracks : new long[] {10, 40}) {
            List<Integer> expected = Jdbc.ints(db, "SELECT a.\"ArtistId\" FROM \"Artist\" a JOIN \"Album\" al ON al.\"ArtistId\" = a.\"ArtistId\""
                    + " JOIN \"Track\" t ON t.\"AlbumId\" = al.\"AlbumId\" WHERE LOWER(a.\"Name\") LIKE '%a%' GROUP BY a.\"ArtistId\""
                    + " HAVING COUNT(t.\"TrackId\") > " + tracks + " ORDER BY COUNT(t.\"TrackId\") DESC, a.\"ArtistId\"");
            List<Entity> got = db.findAll(artistsWithMoreTracksThan(tracks, "a", "nobody", 1000));
            assertThat(got).extracting(e -> e.get(ARTIST.artistId)).as("artists with more than %d tracks", tracks).isEqualTo(expected);
            assertThat(got).allSatisfy(e -> assertThat((Long) e.get("trackCount")).isGreaterThan(tracks));
            answers.add(expected);
        }
        assertThat(answers.get(0)).as("the two values give two answers").isNotEqualTo(answers.get(1));
        assertThat(db.planCacheStats().misses()).as("plans made").isEqualTo(1);
        assertThat(db.planCacheStats().hits()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("a grouped report with a where, a having and a limit that differ in value reuses the plan")
    void groupedReports(TestDatabase kind) {
        plannedOnce(kind, i -> Query.from(TRACK).include("genre", g -> g.required())
                .attributes(col(GENRE.name.at("genre")).alias("genre"), count().alias("tracks"))
                .group(GENRE.name.at("genre"))
                .where(TRACK.milliseconds.gt(100_000 + i * 20_000))
                .having(count().gt((long) (5 + i)))
                .order(col("tracks").desc(), col("genre").asc())
                .limit(3 + i % 3));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("a through(where) on the junction takes each query's values, joined and separate")
    void throughWheres(TestDatabase kind) {
        for (boolean separate : List.of(false, true)) {
            plannedOnce(kind, i -> Query.from(PLAYLIST).where(PLAYLIST.playlistId.between(9 + i % 4, 14 + i % 5))
                    .include("tracks", t -> t.through(PLAYLIST_TRACK.trackId.gt(100 + i * 200), PLAYLIST_TRACK.trackId).separate(separate))
                    .order(PLAYLIST.playlistId.asc()));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("functions, aliases, having's structure and group terms are shape: each planned on its own, each with its own answer")
    void expressionStructureIsShape(TestDatabase kind) {
        List<Query> variants = List.of(
                Query.from(ALBUM).addAttributes(max(TRACK.milliseconds.at("tracks")).alias("x")).where(ALBUM.albumId.le(30)).order(ALBUM.albumId.asc()),
                Query.from(ALBUM).addAttributes(min(TRACK.milliseconds.at("tracks")).alias("x")).where(ALBUM.albumId.le(30)).order(ALBUM.albumId.asc()),
                Query.from(ALBUM).addAttributes(max(TRACK.milliseconds.at("tracks")).alias("y")).where(ALBUM.albumId.le(30)).order(ALBUM.albumId.asc()),
                Query.from(ALBUM).addAttributes(max(TRACK.milliseconds.at("tracks")).alias("x")).where(ALBUM.albumId.le(30)).order(ALBUM.albumId.asc())
                        .having(max(TRACK.milliseconds.at("tracks")).gt(300_000)),
                Query.from(ALBUM).addAttributes(max(TRACK.milliseconds.at("tracks")).alias("x")).where(ALBUM.albumId.le(30)).order(ALBUM.albumId.asc())
                        .having(max(TRACK.milliseconds.at("tracks")).lt(300_000)),
                Query.from(TRACK).attributes(TRACK.genreId, count().alias("n")).group(TRACK.genreId).order(TRACK.genreId.asc()),
                Query.from(TRACK).attributes(TRACK.mediaTypeId, count().alias("n")).group(TRACK.mediaTypeId).order(TRACK.mediaTypeId.asc()));
        PlanCacheStats s = sameAsFresh(kind, variants::get, variants.size());
        assertThat(s.misses()).as("one plan per variant").isEqualTo(variants.size());
        assertThat(s.hits()).as("only each run's own toSql").isEqualTo(variants.size());
    }
}
