package dev.canopy.json;

import static dev.canopy.json.Music.ALBUM;
import static dev.canopy.json.Music.ARTIST;
import static dev.canopy.json.Music.GENRE;
import static dev.canopy.json.Music.SCHEMA;
import static dev.canopy.json.Music.TRACK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canopy.query.Condition;
import dev.canopy.query.Include;
import dev.canopy.query.Order;
import dev.canopy.query.Query;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A JSON query spec parses into the query Java would build")
class QuerySpecParseTest {

    /** The where of a Track query that includes album → artist, so that paths may be used. */
    private static Condition where(String json) {
        return QuerySpec.parse(SCHEMA, "{\"model\": \"Track\", \"include\": [{\"association\": \"album\", \"include\": [\"artist\"]}],"
                + " \"where\": " + json + "}").where();
    }

    private static Query track(String rest) {
        return QuerySpec.parse(SCHEMA, "{\"model\": \"Track\"" + (rest.isEmpty() ? "" : ", " + rest) + "}");
    }

    @Nested
    @DisplayName("where operators")
    class Operators {
        static Stream<Arguments> operators() {
            return Stream.of(
                    Arguments.of("{\"UnitPrice\": {\"$eq\": 0.99}}", TRACK.unitPrice.eq(new BigDecimal("0.99"))),
                    Arguments.of("{\"Composer\": {\"$ne\": \"AC/DC\"}}", TRACK.composer.ne("AC/DC")),
                    Arguments.of("{\"Bytes\": {\"$gt\": 1000}}", TRACK.bytes.gt(1000L)),
                    Arguments.of("{\"Bytes\": {\"$gte\": 1000}}", TRACK.bytes.ge(1000L)),
                    Arguments.of("{\"Bytes\": {\"$lt\": 12345678901}}", TRACK.bytes.lt(12345678901L)),
                    Arguments.of("{\"Bytes\": {\"$lte\": 0}}", TRACK.bytes.le(0L)),
                    Arguments.of("{\"TrackId\": {\"$in\": [1, 2, 3]}}", TRACK.trackId.isIn(1, 2, 3)),
                    Arguments.of("{\"TrackId\": {\"$notIn\": [4]}}", TRACK.trackId.notIn(4)),
                    Arguments.of("{\"Name\": {\"$like\": \"B%\"}}", TRACK.name.like("B%")),
                    Arguments.of("{\"Name\": {\"$notLike\": \"B%\"}}", TRACK.name.notLike("B%")),
                    Arguments.of("{\"Name\": {\"$iLike\": \"b%\"}}", TRACK.name.iLike("b%")),
                    Arguments.of("{\"Name\": {\"$notILike\": \"b%\"}}", TRACK.name.notILike("b%")),
                    Arguments.of("{\"Name\": {\"$startsWith\": \"50%\"}}", TRACK.name.startsWith("50%")),
                    Arguments.of("{\"Name\": {\"$endsWith\": \"Blues\"}}", TRACK.name.endsWith("Blues")),
                    Arguments.of("{\"Name\": {\"$substring\": \"ove\"}}", TRACK.name.contains("ove")),
                    Arguments.of("{\"RecordedAt\": {\"$between\": [\"2021-01-01\", \"2021-12-31T23:59:59\"]}}",
                            TRACK.recordedAt.between(LocalDateTime.of(2021, 1, 1, 0, 0), LocalDateTime.of(2021, 12, 31, 23, 59, 59))),
                    Arguments.of("{\"UnitPrice\": {\"$notBetween\": [0.5, 1.5]}}",
                            TRACK.unitPrice.notBetween(new BigDecimal("0.5"), new BigDecimal("1.5"))),
                    Arguments.of("{\"Composer\": {\"$is\": null}}", TRACK.composer.isNull()),
                    Arguments.of("{\"Explicit\": {\"$is\": true}}", TRACK.explicit.eq(true)),
                    Arguments.of("{\"Composer\": {\"$not\": null}}", TRACK.composer.isNotNull()),
                    Arguments.of("{\"Name\": {\"$not\": {\"$like\": \"A%\"}}}", Condition.not(TRACK.name.like("A%"))),
                    Arguments.of("{\"Composer\": {\"$eq\": null}}", TRACK.composer.isNull()),
                    Arguments.of("{\"Composer\": {\"$ne\": null}}", TRACK.composer.isNotNull()));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("operators")
        @DisplayName("each operator becomes the condition the Java DSL builds")
        void operatorBecomesCondition(String json, Condition expected) {
            assertThat(where(json)).isEqualTo(expected);
        }

        @Test
        @DisplayName("a bare value means $eq, converted to the column's type")
        void bareValueIsEq() {
            assertThat(where("{\"UnitPrice\": 0.99}")).isEqualTo(TRACK.unitPrice.eq(new BigDecimal("0.99")));
            assertThat(where("{\"Name\": \"Balls to the Wall\"}")).isEqualTo(TRACK.name.eq("Balls to the Wall"));
        }

        @Test
        @DisplayName("null means IS NULL")
        void nullIsIsNull() {
            assertThat(where("{\"Composer\": null}")).isEqualTo(TRACK.composer.isNull());
        }

        @Test
        @DisplayName("a bare array means $in")
        void bareArrayIsIn() {
            assertThat(where("{\"TrackId\": [1, 2]}")).isEqualTo(TRACK.trackId.isIn(1, 2));
        }

        @Test
        @DisplayName("several keys in one object are ANDed, in the order written")
        void severalKeysAreAnded() {
            assertThat(where("{\"Name\": \"x\", \"Composer\": null}")).isEqualTo(TRACK.name.eq("x").and(TRACK.composer.isNull()));
        }

        @Test
        @DisplayName("several operators on one attribute are ANDed")
        void severalOperatorsAreAnded() {
            assertThat(where("{\"Bytes\": {\"$gt\": 1, \"$lt\": 10}}")).isEqualTo(TRACK.bytes.gt(1L).and(TRACK.bytes.lt(10L)));
        }

        @Test
        @DisplayName("$or takes an array of conditions or an object of alternatives")
        void orForms() {
            Condition expected = TRACK.unitPrice.gt(new BigDecimal("0.99")).or(TRACK.composer.isNull());
            assertThat(where("{\"$or\": [{\"UnitPrice\": {\"$gt\": 0.99}}, {\"Composer\": null}]}")).isEqualTo(expected);
            assertThat(where("{\"$or\": {\"UnitPrice\": {\"$gt\": 0.99}, \"Composer\": null}}")).isEqualTo(expected);
        }

        @Test
        @DisplayName("$and, $or and $not nest")
        void junctionsNest() {
            Condition c = where("{\"$and\": [{\"$or\": [{\"Name\": \"a\"}, {\"Name\": \"b\"}]}, {\"$not\": {\"Composer\": null, \"Bytes\": 1}}]}");
            assertThat(c).isEqualTo(Condition.and(
                    Condition.or(TRACK.name.eq("a"), TRACK.name.eq("b")),
                    Condition.not(Condition.and(TRACK.composer.isNull(), TRACK.bytes.eq(1L)))));
        }

        @Test
        @DisplayName("$or inside an attribute combines operators")
        void orInsideAttribute() {
            assertThat(where("{\"Bytes\": {\"$or\": {\"$lt\": 10, \"$gt\": 100}}}")).isEqualTo(TRACK.bytes.lt(10L).or(TRACK.bytes.gt(100L)));
            assertThat(where("{\"Bytes\": {\"$or\": [5, null]}}")).isEqualTo(TRACK.bytes.eq(5L).or(TRACK.bytes.isNull()));
        }

        @Test
        @DisplayName("$alias.Attribute$ keys address included models through their alias path")
        void pathKeys() {
            assertThat(where("{\"$album.Title$\": {\"$like\": \"B%\"}}")).isEqualTo(ALBUM.title.at("album").like("B%"));
            assertThat(where("{\"$album.artist.Name$\": \"AC/DC\"}")).isEqualTo(ARTIST.name.at("album", "artist").eq("AC/DC"));
            assertThat(where("{\"$Name$\": \"x\"}")).isEqualTo(TRACK.name.eq("x"));
        }

        @Test
        @DisplayName("values become the column's Java type: BigDecimal as written, LocalDate, LocalDateTime, UUID, Boolean, Long")
        void valuesAreConverted() {
            assertThat(where("{\"UnitPrice\": 1.00}")).isEqualTo(TRACK.unitPrice.eq(new BigDecimal("1.00")));
            assertThat(where("{\"UnitPrice\": \"0.99\"}")).isEqualTo(TRACK.unitPrice.eq(new BigDecimal("0.99")));
            assertThat(where("{\"$album.Released$\": \"2021-01-01\"}")).isEqualTo(ALBUM.released.at("album").eq(LocalDate.of(2021, 1, 1)));
            assertThat(where("{\"RecordedAt\": \"2021-01-01 10:15:30\"}")).isEqualTo(TRACK.recordedAt.eq(LocalDateTime.of(2021, 1, 1, 10, 15, 30)));
            UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
            assertThat(where("{\"Code\": \"" + id + "\"}")).isEqualTo(TRACK.code.eq(id));
            assertThat(where("{\"Explicit\": false}")).isEqualTo(TRACK.explicit.eq(false));
            assertThat(where("{\"Bytes\": 12345678901}")).isEqualTo(TRACK.bytes.eq(12345678901L));
            assertThat(where("{\"TrackId\": 2.0}")).isEqualTo(TRACK.trackId.eq(2));
        }

        @Test
        @DisplayName("an empty where is no where at all")
        void emptyWhere() {
            assertThat(track("\"where\": {}").where()).isNull();
            assertThat(track("\"where\": null").where()).isNull();
        }
    }

    @Nested
    @DisplayName("includes")
    class Includes {
        @Test
        @DisplayName("an include names its association by alias, as an object or a bare string")
        void byAlias() {
            Query expected = Query.from(TRACK).include("album");
            assertThat(track("\"include\": [{\"association\": \"album\"}]")).isEqualTo(expected);
            assertThat(track("\"include\": [\"album\"]")).isEqualTo(expected);
            assertThat(track("\"include\": [{\"as\": \"album\"}]")).isEqualTo(expected);
            assertThat(track("\"include\": {\"association\": \"album\"}")).isEqualTo(expected);
        }

        @Test
        @DisplayName("an include may name the model when exactly one association leads there")
        void byUniqueModel() {
            // read as an include by model (so it is written back as one), the same query as "album" once bound
            assertThat(track("\"include\": [{\"model\": \"Album\"}]")).isEqualTo(Query.from(TRACK).include(Include.of(ALBUM)));
            assertThat(track("\"include\": [{\"model\": \"Album\"}]").bind(SCHEMA)).isEqualTo(Query.from(TRACK).include("album").bind(SCHEMA));
            assertThat(track("\"include\": [{\"model\": \"Genre\", \"association\": \"altGenre\"}]"))
                    .isEqualTo(Query.from(TRACK).include("altGenre"));
        }

        @Test
        @DisplayName("required is left unset when absent, so Sequelize's default (required when filtered) applies")
        void requiredDefault() {
            Include plain = track("\"include\": [\"album\"]").includes().get(0);
            Include filtered = track("\"include\": [{\"association\": \"album\", \"where\": {\"ArtistId\": 22}}]").includes().get(0);
            Include optional = track("\"include\": [{\"association\": \"album\", \"required\": false, \"where\": {\"ArtistId\": 22}}]").includes().get(0);
            assertThat(plain.requiredOption()).isNull();
            assertThat(plain.isRequired()).isFalse();
            assertThat(filtered.requiredOption()).isNull();
            assertThat(filtered.isRequired()).isTrue();
            assertThat(filtered.where()).isEqualTo(ALBUM.artistId.eq(22));
            assertThat(optional.isRequired()).isFalse();
        }

        @Test
        @DisplayName("right, attributes with exclude, and nested includes are read")
        void rightAttributesNested() {
            Query q = track("\"include\": [{\"association\": \"album\", \"right\": true, \"attributes\": {\"exclude\": [\"Released\"]},"
                    + " \"include\": [{\"association\": \"artist\", \"attributes\": [\"Name\"]}]}]");
            assertThat(q).isEqualTo(Query.from(TRACK).include("album", a -> a.right().exclude(ALBUM.released)
                    .include("artist", ar -> ar.attributes(ARTIST.name))));
        }

        @Test
        @DisplayName("separate, a per-parent order (also through included aliases below) and a per-parent limit are read")
        void separateOrderLimit() {
            Query parsed = QuerySpec.parse(SCHEMA, """
                    {"model": "Artist", "include": [{"association": "albums", "separate": true, "include": ["tracks"],
                      "order": [["Title", "DESC"], ["tracks", "Name", "ASC NULLS LAST"]], "limit": 2}]}
                    """);
            assertThat(parsed).isEqualTo(Query.from(Music.ARTIST).include("albums",
                    a -> a.include("tracks").separate().order(ALBUM.title.desc(), TRACK.name.at("tracks").asc().nullsLast()).limit(2)));
            assertThat(QuerySpec.parse(SCHEMA, "{\"model\": \"Artist\", \"include\": [{\"association\": \"albums\", \"separate\": false}]}")
                    .includes().get(0).separateOption()).isFalse();
        }

        @Test
        @DisplayName("the example of the brief parses into the query built in Java")
        void briefExample() {
            Query parsed = QuerySpec.parse(SCHEMA, """
                    {"model": "Track", "attributes": ["TrackId", "Name"],
                     "where": {"$or": [{"UnitPrice": {"$gt": 0.99}}, {"Composer": null}], "$album.Title$": {"$like": "B%"}},
                     "include": [{"association": "album", "required": true, "where": {"ArtistId": 22},
                                  "include": [{"association": "artist"}]},
                                 {"association": "genre", "required": false, "attributes": ["Name"]}],
                     "order": [["Name", "DESC"], ["album", "Title", "ASC"]], "limit": 10, "offset": 0}
                    """);
            Query java = Query.from(TRACK)
                    .attributes(TRACK.trackId, TRACK.name)
                    .where(TRACK.unitPrice.gt(new BigDecimal("0.99")).or(TRACK.composer.isNull()).and(ALBUM.title.at("album").like("B%")))
                    .include("album", a -> a.required().where(ALBUM.artistId.eq(22)).include("artist"))
                    .include("genre", g -> g.optional().attributes(GENRE.name))
                    .order(TRACK.name.desc(), ALBUM.title.at("album").asc())
                    .limit(10)
                    .offset(0);
            assertThat(parsed).isEqualTo(java);
        }

        @Test
        @DisplayName("a spec already read by Jackson parses the same")
        void fromJsonNode() throws Exception {
            String json = "{\"model\": \"Track\", \"where\": {\"UnitPrice\": 0.99}, \"include\": [\"album\"]}";
            assertThat(QuerySpec.parse(SCHEMA, new ObjectMapper().readTree(json))).isEqualTo(QuerySpec.parse(SCHEMA, json));
        }
    }

    @Nested
    @DisplayName("order, attributes and paging")
    class OrderAndPaging {
        static Stream<Arguments> orders() {
            return Stream.of(
                    Arguments.of("[\"Name\", \"DESC\"]", TRACK.name.desc()),
                    Arguments.of("[\"Name\", \"desc\"]", TRACK.name.desc()),
                    Arguments.of("[\"Name\"]", TRACK.name.asc()),
                    Arguments.of("\"Name\"", TRACK.name.asc()),
                    Arguments.of("[\"album\", \"Title\", \"ASC\"]", ALBUM.title.at("album").asc()),
                    Arguments.of("[\"album\", \"Title\"]", ALBUM.title.at("album").asc()),
                    Arguments.of("[\"album\", \"artist\", \"Name\", \"DESC\"]", ARTIST.name.at("album", "artist").desc()),
                    Arguments.of("[\"Name\", \"DESC\", \"NULLS LAST\"]", TRACK.name.desc().nullsLast()),
                    Arguments.of("[\"Name\", \"DESC NULLS FIRST\"]", TRACK.name.desc().nullsFirst()),
                    Arguments.of("[\"Name\", \"NULLS FIRST\"]", TRACK.name.asc().nullsFirst()),
                    Arguments.of("[\"album\", \"Title\", \"asc nulls last\"]", ALBUM.title.at("album").asc().nullsLast()));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("orders")
        @DisplayName("each order form becomes the order term Java builds")
        void orderForms(String term, Order expected) {
            Query q = track("\"include\": [{\"association\": \"album\", \"include\": [\"artist\"]}], \"order\": [" + term + "]");
            assertThat(q.order()).containsExactly(expected);
        }

        @Test
        @DisplayName("attributes are a list, an exclusion, or [] for the primary key only")
        void attributes() {
            assertThat(track("\"attributes\": [\"TrackId\", \"Name\"]")).isEqualTo(Query.from(TRACK).attributes(TRACK.trackId, TRACK.name));
            assertThat(track("\"attributes\": {\"exclude\": [\"Composer\", \"Bytes\"]}"))
                    .isEqualTo(Query.from(TRACK).exclude(TRACK.composer, TRACK.bytes));
            assertThat(track("\"attributes\": []")).isEqualTo(Query.from(TRACK).attributes(TRACK.trackId));
        }

        @Test
        @DisplayName("limit, offset and paranoid are read")
        void paging() {
            assertThat(track("\"limit\": 10, \"offset\": 20, \"paranoid\": false")).isEqualTo(Query.from(TRACK).limit(10).offset(20).paranoid(false));
            assertThat(track("\"limit\": null").limit()).isNull();
        }

        @Test
        @DisplayName("an include's alias path is known to order and where in any key order")
        void keyOrderDoesNotMatter() {
            Query q = QuerySpec.parse(SCHEMA, "{\"order\": [[\"album\", \"Title\", \"ASC\"]], \"where\": {\"$album.Title$\": \"x\"},"
                    + " \"include\": [\"album\"], \"model\": \"Track\"}");
            assertThat(q.order()).isEqualTo(List.of(ALBUM.title.at("album").asc()));
        }
    }
}
