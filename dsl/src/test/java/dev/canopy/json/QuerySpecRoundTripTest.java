package dev.canopy.json;

import static dev.canopy.json.Music.ALBUM;
import static dev.canopy.json.Music.ARTIST;
import static dev.canopy.json.Music.EMPLOYEE;
import static dev.canopy.json.Music.GENRE;
import static dev.canopy.json.Music.PLAYLIST;
import static dev.canopy.json.Music.SCHEMA;
import static dev.canopy.json.Music.TRACK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canopy.query.Condition;
import dev.canopy.query.Expr;
import dev.canopy.query.Query;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A query written as JSON reads back to an equal query")
class QuerySpecRoundTripTest {

    static Stream<Arguments> queries() {
        return Stream.of(
                Arguments.of("a bare root", Query.from(TRACK)),
                Arguments.of("equality, IS NULL and IS NOT NULL merged into one object",
                        Query.from(TRACK).where(TRACK.name.eq("x").and(TRACK.composer.isNull()).and(TRACK.albumId.isNotNull()))),
                Arguments.of("two conditions on one column, which need $and",
                        Query.from(TRACK).where(TRACK.bytes.gt(10L).and(TRACK.bytes.lt(100L)).and(TRACK.name.ne("y")))),
                Arguments.of("OR of ANDs",
                        Query.from(TRACK).where(Condition.or(TRACK.name.eq("a").and(TRACK.bytes.eq(1L)), TRACK.composer.isNull()))),
                Arguments.of("every operator",
                        Query.from(TRACK).where(Condition.and(TRACK.trackId.isIn(1, 2, 3), TRACK.trackId.notIn(4),
                                TRACK.unitPrice.between(new BigDecimal("0.50"), new BigDecimal("1.99")),
                                TRACK.unitPrice.notBetween(new BigDecimal("5"), new BigDecimal("10")), TRACK.name.like("A%"),
                                TRACK.name.notLike("B%"), TRACK.name.iLike("c%"), TRACK.name.notILike("d%"), TRACK.name.startsWith("e"),
                                TRACK.name.endsWith("f"), TRACK.name.contains("g"), TRACK.bytes.ge(1L), TRACK.bytes.le(9L),
                                TRACK.trackId.ne(7)))),
                Arguments.of("negations",
                        Query.from(TRACK).where(Condition.not(TRACK.name.like("A%")).and(Condition.not(TRACK.composer.isNull()))
                                .or(Condition.not(TRACK.name.eq("z").and(TRACK.bytes.eq(2L)))))),
                Arguments.of("values of every type",
                        Query.from(TRACK).where(Condition.and(TRACK.unitPrice.eq(new BigDecimal("1.00")), TRACK.bytes.eq(12345678901L),
                                TRACK.explicit.eq(true), TRACK.recordedAt.gt(LocalDateTime.of(2021, 3, 4, 5, 6, 7)),
                                TRACK.code.eq(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))))),
                Arguments.of("the brief's example with paths, required and optional includes, order and paging",
                        Query.from(TRACK)
                                .attributes(TRACK.trackId, TRACK.name)
                                .where(TRACK.unitPrice.gt(new BigDecimal("0.99")).or(TRACK.composer.isNull()).and(ALBUM.title.at("album").like("B%")))
                                .include("album", a -> a.required().where(ALBUM.artistId.eq(22)).include("artist"))
                                .include("genre", g -> g.optional().attributes(GENRE.name))
                                .order(TRACK.name.desc(), ALBUM.title.at("album").asc())
                                .limit(10)
                                .offset(0)),
                Arguments.of("a right include, exclusions and a filtered optional include",
                        Query.from(TRACK).exclude(TRACK.composer, TRACK.bytes)
                                .include("album", a -> a.right().exclude(ALBUM.released))
                                .include("genre", g -> g.where(GENRE.name.startsWith("R")).required(false))),
                Arguments.of("order through nested aliases with nulls placement",
                        Query.from(TRACK).include("album", a -> a.include("artist"))
                                .where(ARTIST.name.at("album", "artist").eq("AC/DC"))
                                .order(ARTIST.name.at("album", "artist").desc().nullsLast(), ALBUM.title.at("album").asc().nullsFirst(),
                                        TRACK.trackId.asc())
                                .limit(5)),
                Arguments.of("belongsToMany with a dated where below",
                        Query.from(PLAYLIST).where(PLAYLIST.name.eq("Grunge"))
                                .include("tracks", t -> t.attributes(TRACK.trackId, TRACK.name)
                                        .include("album", a -> a.where(ALBUM.released.ge(LocalDate.of(1990, 1, 1)))))),
                Arguments.of("a self-association both ways",
                        Query.from(EMPLOYEE).include("manager").include("reports", r -> r.where(EMPLOYEE.name.ne("x")).required(true))
                                .order(EMPLOYEE.employeeId.asc())),
                Arguments.of("always true and always false",
                        Query.from(TRACK).where(Condition.TRUE).include("album", a -> a.where(Condition.FALSE))),
                Arguments.of("primary key only, paranoid off", Query.from(TRACK).attributes(TRACK.trackId).paranoid(false).offset(3)),
                Arguments.of("separate includes with a per-parent order and limit, and a forced join",
                        Query.from(ARTIST)
                                .include("albums", a -> a.separate().include("tracks", t -> t.separate(false))
                                        .order(ALBUM.title.desc(), TRACK.name.at("tracks").asc()).limit(2))
                                .order(ARTIST.name.asc())),
                Arguments.of("computed attributes, a where on a function, and an order on a computed attribute",
                        Query.from(ARTIST)
                                .attributes(ARTIST.artistId, ARTIST.name, Expr.count(TRACK.trackId.at("albums", "tracks")).alias("trackCount"),
                                        Expr.countDistinct(TRACK.genreId.at("albums", "tracks")).alias("genres"))
                                .include("albums")
                                .where(Expr.lower(ARTIST.name).like("a%"))
                                .having(Expr.count(TRACK.trackId.at("albums", "tracks")).gt(5L))
                                .order(Expr.col("trackCount").desc(), ARTIST.name.asc())
                                .limit(10)),
                Arguments.of("all attributes plus computed ones, casts, coalesce and date parts",
                        Query.from(TRACK)
                                .addAttributes(Expr.coalesce(TRACK.composer, "unknown").alias("by"),
                                        Expr.cast(TRACK.unitPrice, dev.canopy.model.DataType.INTEGER).alias("whole"),
                                        Expr.year(TRACK.recordedAt).alias("year"), Expr.fn("ROUND", TRACK.unitPrice, 1).alias("rounded"))
                                .order(Expr.upper(TRACK.name).asc().nullsLast())),
                Arguments.of("through attributes and a where on the junction",
                        Query.from(PLAYLIST).include("tracks", t -> t.through(Music.PLAYLIST_TRACK.trackId.gt(2), Music.PLAYLIST_TRACK.trackId))),
                Arguments.of("a grouped report with a having",
                        Query.from(TRACK).include("genre")
                                .attributes(TRACK.albumId, Expr.col(GENRE.name.at("genre")).alias("genre"), Expr.count().alias("n"),
                                        Expr.sum(TRACK.bytes).alias("size"))
                                .group(TRACK.albumId, GENRE.name.at("genre"))
                                .having(Expr.count().ge(2L).and(Expr.sum(TRACK.bytes).lt(1000L)))
                                .order(Expr.col("n").desc())),
                Arguments.of("an artist's albums with a where that names an included path",
                        Query.from(ARTIST).include("albums", a -> a.required().include("tracks", t -> t.optional()))
                                .where(ALBUM.title.at("albums").isIn("A", "B")).order(ALBUM.title.at("albums").desc())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    @DisplayName("parse(toJson(q)) equals q")
    void roundTrip(String name, Query q) {
        String json = QuerySpec.toJson(q);
        Query back = QuerySpec.parse(SCHEMA, json);
        assertThat(back).as(json).isEqualTo(q);
        assertThat(QuerySpec.toJson(back)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    @DisplayName("parse(toNode(q)) equals q, and the JSON text says the same as the tree")
    void roundTripThroughTree(String name, Query q) throws Exception {
        JsonNode tree = QuerySpec.toNode(q);
        assertThat(QuerySpec.parse(SCHEMA, tree)).isEqualTo(q);
        assertThat(new ObjectMapper().readTree(QuerySpec.toJson(q))).isEqualTo(new ObjectMapper().readTree(tree.toString()));
    }

    @Test
    @DisplayName("computed attributes are written in Sequelize's [[fn, col], alias] shape")
    void computedShape() throws Exception {
        Query q = Query.from(ARTIST)
                .attributes(ARTIST.artistId, Expr.count(TRACK.trackId.at("albums", "tracks")).alias("trackCount"))
                .order(Expr.col("trackCount").desc())
                .limit(10);
        JsonNode expected = new ObjectMapper().readTree("""
                {"model": "Artist", "attributes": ["ArtistId", [["fn", "COUNT", ["col", "albums.tracks.TrackId"]], "trackCount"]],
                 "order": [[["col", "trackCount"], "DESC"]], "limit": 10}
                """);
        assertThat(new ObjectMapper().readTree(QuerySpec.toJson(q))).isEqualTo(expected);
        assertThat(QuerySpec.parse(SCHEMA, """
                {"model": "Artist", "attributes": ["ArtistId", [["fn", "count", ["col", "albums.tracks.TrackId"]], "trackCount"]],
                 "order": [["trackCount", "DESC"]], "limit": 10}
                """)).isEqualTo(q);
    }

    @Test
    @DisplayName("the written spec has Sequelize's shape")
    void writtenShape() throws Exception {
        Query q = Query.from(TRACK)
                .attributes(TRACK.trackId, TRACK.name)
                .where(TRACK.unitPrice.gt(new BigDecimal("0.99")).or(TRACK.composer.isNull()).and(ALBUM.title.at("album").like("B%")))
                .include("album", a -> a.required().where(ALBUM.artistId.eq(22)))
                .order(TRACK.name.desc(), ALBUM.title.at("album").asc().nullsLast())
                .limit(10);
        JsonNode expected = new ObjectMapper().readTree("""
                {"model": "Track", "attributes": ["TrackId", "Name"],
                 "where": {"$or": [{"UnitPrice": {"$gt": 0.99}}, {"Composer": null}], "$album.Title$": {"$like": "B%"}},
                 "include": [{"association": "album", "required": true, "where": {"ArtistId": 22}}],
                 "order": [["Name", "DESC"], ["album", "Title", "ASC NULLS LAST"]], "limit": 10}
                """);
        assertThat(new ObjectMapper().readTree(QuerySpec.toJson(q))).isEqualTo(expected);
    }
}
