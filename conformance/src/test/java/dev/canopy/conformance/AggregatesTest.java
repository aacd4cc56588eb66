package dev.canopy.conformance;

import static dev.canopy.chinook.Chinook.ALBUM;
import static dev.canopy.chinook.Chinook.ARTIST;
import static dev.canopy.chinook.Chinook.GENRE;
import static dev.canopy.chinook.Chinook.INVOICE;
import static dev.canopy.chinook.Chinook.INVOICE_LINE;
import static dev.canopy.chinook.Chinook.TRACK;
import static dev.canopy.query.Expr.avg;
import static dev.canopy.query.Expr.col;
import static dev.canopy.query.Expr.count;
import static dev.canopy.query.Expr.lower;
import static dev.canopy.query.Expr.max;
import static dev.canopy.query.Expr.sum;
import static dev.canopy.query.Expr.year;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.Canopy;
import dev.canopy.error.QueryException;
import dev.canopy.query.Condition;
import dev.canopy.query.Expr;
import dev.canopy.query.Query;
import dev.canopy.result.Entity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Aggregates, grouping and functions (issue 17), on every database, each checked against hand-written SQL on the same
 * data. The first scenario is Sequelize's well-known trap: counting children with an include and a limit.
 */
class AggregatesTest {

    /** The 10 artists with the most tracks, each with its albums: the scenario that breaks Sequelize's subquery. */
    static Query topArtists() {
        return Query.from(ARTIST)
                .attributes(ARTIST.artistId, ARTIST.name, count(TRACK.trackId.at("albums", "tracks")).alias("trackCount"))
                .include("albums")
                .order(col("trackCount").desc())
                .limit(10);
    }

    record ArtistCount(int artistId, String name, long trackCount) {}

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("the 10 artists with the most tracks come with the right counts and every one of their albums")
    void topArtistsByTrackCountWithTheirAlbums(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        List<Entity> top = db.findAll(topArtists());
        List<List<Object>> expected = Jdbc.rows(db, "SELECT a.\"ArtistId\", COUNT(t.\"TrackId\") FROM \"Artist\" a"
                + " LEFT JOIN \"Album\" al ON al.\"ArtistId\" = a.\"ArtistId\" LEFT JOIN \"Track\" t ON t.\"AlbumId\" = al.\"AlbumId\""
                + " GROUP BY a.\"ArtistId\" ORDER BY COUNT(t.\"TrackId\") DESC, a.\"ArtistId\" LIMIT 10");
        assertThat(top).hasSize(10);
        for (int i = 0; i < 10; i++) {
            Entity artist = top.get(i);
            assertThat(artist.get(ARTIST.artistId)).isEqualTo(((Number) expected.get(i).get(0)).intValue());
            assertThat(artist.get("trackCount")).isEqualTo(((Number) expected.get(i).get(1)).longValue());
            assertThat(artist.many("albums")).extracting(a -> a.get(ALBUM.albumId)).containsExactlyInAnyOrderElementsOf(
                    Jdbc.ints(db, "SELECT \"AlbumId\" FROM \"Album\" WHERE \"ArtistId\" = ?", artist.get(ARTIST.artistId)));
        }
        assertThat(top.get(0).toMap()).containsEntry("trackCount", ((Number) expected.get(0).get(1)).longValue());
        assertThat(top.get(0).toJson()).contains("\"trackCount\":" + expected.get(0).get(1));
        List<ArtistCount> records = db.findAll(topArtists(), ArtistCount.class);
        assertThat(records.get(0)).isEqualTo(new ArtistCount(top.get(0).get(ARTIST.artistId), top.get(0).get(ARTIST.name),
                ((Number) expected.get(0).get(1)).longValue()));
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("an aggregate over a joined to-many include is not multiplied by the joined rows")
    void aggregatesAreNotMultipliedByJoinedChildren(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        Query q = Query.from(ALBUM)
                .addAttributes(sum(TRACK.milliseconds.at("tracks")).alias("length"), count(TRACK.trackId.at("tracks")).alias("tracks"))
                .include("tracks")
                .where(ALBUM.artistId.eq(90))
                .order(ALBUM.albumId.asc());
        List<Entity> albums = db.findAll(q);
        List<List<Object>> expected = Jdbc.rows(db, "SELECT al.\"AlbumId\", SUM(t.\"Milliseconds\"), COUNT(t.\"TrackId\") FROM \"Album\" al"
                + " LEFT JOIN \"Track\" t ON t.\"AlbumId\" = al.\"AlbumId\" WHERE al.\"ArtistId\" = 90 GROUP BY al.\"AlbumId\" ORDER BY al.\"AlbumId\"");
        assertThat(albums).hasSize(expected.size()).isNotEmpty();
        for (int i = 0; i < albums.size(); i++) {
            Entity album = albums.get(i);
            assertThat(album.get("length")).isEqualTo(((Number) expected.get(i).get(1)).longValue());
            assertThat(album.get("tracks")).isEqualTo(((Number) expected.get(i).get(2)).longValue());
            assertThat(album.many("tracks")).hasSize(((Number) expected.get(i).get(2)).intValue());
            assertThat(album.get(ALBUM.title)).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("having keeps the artists whose track count passes, and pages count those artists")
    void havingFiltersRootsByTheirAggregate(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        Query q = Query.from(ARTIST)
                .attributes(ARTIST.artistId, count(TRACK.trackId.at("albums", "tracks")).alias("trackCount"))
                .include("albums")
                .having(count(TRACK.trackId.at("albums", "tracks")).gt(50L))
                .order(ARTIST.artistId.asc());
        List<Integer> expected = Jdbc.ints(db, "SELECT a.\"ArtistId\" FROM \"Artist\" a JOIN \"Album\" al ON al.\"ArtistId\" = a.\"ArtistId\""
                + " JOIN \"Track\" t ON t.\"AlbumId\" = al.\"AlbumId\" GROUP BY a.\"ArtistId\" HAVING COUNT(t.\"TrackId\") > 50 ORDER BY a.\"ArtistId\"");
        assertThat(db.findAll(q)).extracting(a -> a.get(ARTIST.artistId)).isEqualTo(expected);
        assertThat(db.findAll(q.limit(3).offset(1))).extracting(a -> a.get(ARTIST.artistId)).isEqualTo(expected.subList(1, 4));
        assertThat(db.count(q)).isEqualTo(expected.size());
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a grouped report counts tracks per genre, ordered by the count, with a having")
    void groupedReportPerGenre(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        Query q = Query.from(TRACK)
                .attributes(TRACK.genreId, count().alias("n"), max(TRACK.milliseconds).alias("longest"))
                .group(TRACK.genreId)
                .having(count().ge(20L))
                .order(col("n").desc(), TRACK.genreId.asc());
        List<List<Object>> expected = Jdbc.rows(db, "SELECT \"GenreId\", COUNT(*), MAX(\"Milliseconds\") FROM \"Track\" GROUP BY \"GenreId\""
                + " HAVING COUNT(*) >= 20 ORDER BY COUNT(*) DESC, \"GenreId\"");
        List<Entity> rows = db.findAll(q);
        List<List<Object>> actual = new ArrayList<>();
        for (Entity e : rows) {
            actual.add(List.of(e.get(TRACK.genreId), e.get("n"), e.get("longest")));
        }
        List<List<Object>> want = new ArrayList<>();
        for (List<Object> r : expected) {
            want.add(List.of(((Number) r.get(0)).intValue(), ((Number) r.get(1)).longValue(), ((Number) r.get(2)).intValue()));
        }
        assertThat(actual).isEqualTo(want);
        assertThat(rows.get(0).toMap()).containsOnlyKeys("GenreId", "n", "longest");
        assertThat(db.count(q)).isEqualTo(want.size());
        assertThat(db.findAll(q.limit(2))).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a grouped report can group by a column of a to-one include, and name it")
    void groupByAnIncludedColumn(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        Query q = Query.from(TRACK)
                .include("genre", g -> g.required())
                .attributes(col(GENRE.name.at("genre")).alias("genre"), count().alias("tracks"), avg(TRACK.milliseconds).alias("average"))
                .group(GENRE.name.at("genre"))
                .order(col("genre").asc());
        List<List<Object>> expected = Jdbc.rows(db, "SELECT g.\"Name\", COUNT(*), AVG(t.\"Milliseconds\") FROM \"Track\" t JOIN \"Genre\" g"
                + " ON g.\"GenreId\" = t.\"GenreId\" GROUP BY g.\"Name\" ORDER BY g.\"Name\"");
        List<Entity> rows = db.findAll(q);
        assertThat(rows).extracting(e -> e.get("genre")).isEqualTo(expected.stream().map(r -> r.get(0).toString()).toList());
        assertThat(rows).extracting(e -> e.get("tracks")).isEqualTo(expected.stream().map(r -> ((Number) r.get(1)).longValue()).toList());
        for (int i = 0; i < rows.size(); i++) {
            BigDecimal want = new BigDecimal(expected.get(i).get(2).toString()).setScale(2, RoundingMode.HALF_UP);
            assertThat(((BigDecimal) rows.get(i).get("average")).setScale(2, RoundingMode.HALF_UP)).isEqualTo(want);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("functions filter in where: lower(Name) like, and the year of a timestamp")
    void functionsInWhere(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        List<Entity> artists = db.findAll(Query.from(ARTIST).where(lower(ARTIST.name).like("ac/%")).order(ARTIST.artistId.asc()));
        assertThat(artists).extracting(a -> a.get(ARTIST.artistId)).isEqualTo(
                Jdbc.ints(db, "SELECT \"ArtistId\" FROM \"Artist\" WHERE LOWER(\"Name\") LIKE 'ac/%' ORDER BY \"ArtistId\""));
        Entity first = db.findOne(Query.from(INVOICE).addAttributes(year(INVOICE.invoiceDate).alias("year")).order(INVOICE.invoiceId.asc()));
        int y = first.get(INVOICE.invoiceDate).getYear();
        long inYear = db.count(Query.from(INVOICE).where(year(INVOICE.invoiceDate).eq(y)));
        long byRange = db.count(Query.from(INVOICE).where(INVOICE.invoiceDate.between(LocalDateTime.of(y, 1, 1, 0, 0),
                LocalDateTime.of(y, 12, 31, 23, 59, 59))));
        assertThat(inYear).isPositive().isEqualTo(byRange);
        assertThat(first.get("year")).isEqualTo(y);
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("count with distinct, max, min and sum over a model with a where")
    void modelAggregates(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        assertThat(db.count(Query.from(TRACK).where(TRACK.milliseconds.gt(300_000)), TRACK.albumId)).isEqualTo(
                Jdbc.count(db, "SELECT COUNT(DISTINCT \"AlbumId\") FROM \"Track\" WHERE \"Milliseconds\" > 300000"));
        assertThat(db.count(Query.from(ARTIST).include("albums", a -> a.include("tracks")), TRACK.genreId.at("albums", "tracks")))
                .isEqualTo(Jdbc.count(db, "SELECT COUNT(DISTINCT \"GenreId\") FROM \"Track\" WHERE \"AlbumId\" IS NOT NULL"));
        assertThat(db.max(TRACK, TRACK.milliseconds, TRACK.genreId.eq(1))).isEqualTo(
                (int) Jdbc.count(db, "SELECT MAX(\"Milliseconds\") FROM \"Track\" WHERE \"GenreId\" = 1"));
        assertThat(db.min(TRACK, TRACK.name, TRACK.genreId.eq(1))).isEqualTo(
                Jdbc.strings(db, "SELECT \"Name\" FROM \"Track\" WHERE \"GenreId\" = 1 ORDER BY \"Name\"").get(0));
        assertThat(db.sum(INVOICE_LINE, INVOICE_LINE.quantity, Condition.TRUE)).isEqualTo(
                Jdbc.count(db, "SELECT SUM(\"Quantity\") FROM \"InvoiceLine\""));
        BigDecimal total = (BigDecimal) db.sum(INVOICE, INVOICE.total, INVOICE.customerId.eq(1));
        assertThat(total).isEqualByComparingTo(new BigDecimal(Jdbc.rows(db, "SELECT SUM(\"Total\") FROM \"Invoice\" WHERE \"CustomerId\" = 1")
                .get(0).get(0).toString()).setScale(2, RoundingMode.HALF_UP));
        assertThat(db.max(TRACK, TRACK.milliseconds, TRACK.genreId.eq(-1))).isNull();
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("mistakes Canopy can see fail before any SQL: an aggregate in where, a to-many column per root, a name clash")
    void mistakesAreRefused(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        assertThatThrownBy(() -> db.findAll(Query.from(ARTIST).include("albums").where(count(ALBUM.albumId.at("albums")).gt(1L))))
                .isInstanceOf(QueryException.class).hasMessageContaining("having");
        assertThatThrownBy(() -> db.findAll(Query.from(ARTIST).include("albums").addAttributes(lower(ALBUM.title.at("albums")).alias("t"))))
                .isInstanceOf(QueryException.class).hasMessageContaining("to-many path 'albums'");
        assertThatThrownBy(() -> db.findAll(Query.from(ARTIST).addAttributes(count().alias("Name"))))
                .isInstanceOf(QueryException.class).hasMessageContaining("'Name' has the name of an attribute of Artist");
        assertThatThrownBy(() -> Expr.fn("SLEEP", 5)).isInstanceOf(QueryException.class).hasMessageContaining("known: COUNT");
        assertThatThrownBy(() -> db.findAll(Query.from(TRACK).attributes(TRACK.name, count().alias("n")).group(TRACK.genreId)))
                .isInstanceOf(QueryException.class).hasMessageContaining("Track.Name is read but not grouped by");
    }
}
