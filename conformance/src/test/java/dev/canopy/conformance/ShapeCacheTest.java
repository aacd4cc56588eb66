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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    @DisplayName("isIn lists past 1,000 values of one length share a plan; past the array-bind switch any length does")
    void longInLists(TestDatabase kind) {
        IntFunction<List<Integer>> ids = n -> IntStream.range(0, n).map(k -> 1 + k * 3).boxed().collect(Collectors.toList());
        // 1,500 values, shifted: one length, other values; on a database with array binds one array, elsewhere 2 IN lists.
        plannedOnce(kind, i -> Query.from(TRACK).where(TRACK.trackId.isIn(ids.apply(1500).stream().map(v -> v + i).collect(Collectors.toList())))
                .include("album").order(TRACK.trackId.asc()));
        boolean arrays = ChinookFixture.chinook(kind).dialect().supports(Capability.ARRAY_BIND);
        // Lengths across the switch: 999 and 1,000 are lists of binds; 1,001 and 1,400 are arrays where the database binds them.
        PlanCacheStats s = sameAsFresh(kind, i -> Query.from(TRACK).where(TRACK.trackId.isIn(ids.apply(new int[] {999, 1000, 1001, 1400}[i])))
                .attributes(TRACK.trackId, TRACK.name).order(TRACK.trackId.asc()), 4);
        assertThat(s.misses()).as("plans made").isEqualTo(arrays ? 3 : 4);
        // And in a separate include's where, beside the parent keys.
        plannedOnce(kind, i -> Query.from(ALBUM).where(ALBUM.albumId.le(40 + i))
                .include("tracks", t -> t.separate().where(TRACK.trackId.notIn(ids.apply(1200).stream().map(v -> v + i % 3).collect(Collectors.toList()))))
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
