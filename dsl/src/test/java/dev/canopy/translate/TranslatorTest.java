package dev.canopy.translate;

import static dev.canopy.query.Expr.avg;
import static dev.canopy.query.Expr.coalesce;
import static dev.canopy.query.Expr.col;
import static dev.canopy.query.Expr.count;
import static dev.canopy.query.Expr.countDistinct;
import static dev.canopy.query.Expr.lower;
import static dev.canopy.query.Expr.max;
import static dev.canopy.query.Expr.min;
import static dev.canopy.query.Expr.sum;
import static dev.canopy.query.Expr.upper;
import static dev.canopy.translate.Music.ALBUM;
import static dev.canopy.translate.Music.ARTIST;
import static dev.canopy.translate.Music.EMPLOYEE;
import static dev.canopy.translate.Music.EVENT;
import static dev.canopy.translate.Music.PLAYLIST;
import static dev.canopy.translate.Music.TRACK;
import static dev.canopy.translate.Music.ZONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.error.QueryException;
import dev.canopy.query.Condition;
import dev.canopy.query.Expr;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Translator: SQL joins into include trees")
class TranslatorTest {
    static final Translator T = Translator.of(Music.SCHEMA);
    static final String SEED = "SELECT * FROM events LEFT JOIN zones ON event_tz = zid WHERE event_creator_fk = 116";

    static Query q(String sql) {
        return T.translate(sql).query();
    }

    @Nested
    @DisplayName("maps joins onto associations")
    class Joins {
        @Test
        @DisplayName("the seed: a LEFT JOIN on keys that are not id is an optional include, the WHERE on the root the query's where")
        void seed() {
            assertThat(q(SEED)).isEqualTo(Query.from(EVENT).where(EVENT.eventCreatorFk.eq(116)).include("zone"));
        }

        @Test
        @DisplayName("INNER is required, LEFT optional, RIGHT right; the key equality may be written either way round")
        void kinds() {
            assertThat(q("SELECT * FROM Album al JOIN Artist ar ON al.ArtistId = ar.ArtistId"))
                    .isEqualTo(Query.from(ALBUM).include("artist", a -> a.required()));
            assertThat(q("SELECT * FROM Album al LEFT JOIN Artist ar ON ar.ArtistId = al.ArtistId"))
                    .isEqualTo(Query.from(ALBUM).include("artist"));
            assertThat(q("SELECT * FROM Album al RIGHT JOIN Artist ar ON ar.ArtistId = al.ArtistId"))
                    .isEqualTo(Query.from(ALBUM).include("artist", a -> a.right()));
        }

        @Test
        @DisplayName("either direction: from the table holding the key it is belongsTo, from the other side hasMany")
        void directions() {
            assertThat(q("SELECT * FROM Artist ar JOIN Album al ON al.ArtistId = ar.ArtistId"))
                    .isEqualTo(Query.from(ARTIST).include("albums", a -> a.required()));
        }

        @Test
        @DisplayName("a self-join is told apart by which side holds the foreign key")
        void selfJoin() {
            assertThat(q("SELECT * FROM Employee e LEFT JOIN Employee m ON e.ReportsTo = m.EmployeeId"))
                    .isEqualTo(Query.from(EMPLOYEE).include("manager"));
            assertThat(q("SELECT * FROM Employee m LEFT JOIN Employee e ON e.ReportsTo = m.EmployeeId"))
                    .isEqualTo(Query.from(EMPLOYEE).include("reports"));
        }

        @Test
        @DisplayName("a junction table between two joins is the belongsToMany")
        void junction() {
            assertThat(q("SELECT * FROM Playlist p JOIN PlaylistTrack pt ON pt.PlaylistId = p.PlaylistId JOIN Track t ON t.TrackId = pt.TrackId"))
                    .isEqualTo(Query.from(PLAYLIST).include("tracks", t -> t.required()));
        }

        @Test
        @DisplayName("an INNER JOIN below a LEFT JOIN makes it required, as SQL does, and says so")
        void innerBelowLeft() {
            Translation t = T.translate("SELECT * FROM Track t LEFT JOIN Album a ON a.AlbumId = t.AlbumId JOIN Artist ar ON ar.ArtistId = a.ArtistId");
            assertThat(t.query()).isEqualTo(Query.from(TRACK).include("album", a -> a.required().include("artist", ar -> ar.required())));
            assertThat(t.notes()).containsExactly("LEFT JOIN Album a ON a.AlbumId = t.AlbumId is required in effect: the later"
                    + " JOIN Artist ar ON ar.ArtistId = a.ArtistId drops the rows where a is missing, so its include is required");
        }

        @Test
        @DisplayName("parenthesized joins keep their nesting: a required grandchild inside an optional child")
        void nested() {
            assertThat(q("SELECT * FROM Artist ar LEFT JOIN (Album al JOIN Track t ON t.AlbumId = al.AlbumId) ON al.ArtistId = ar.ArtistId"))
                    .isEqualTo(Query.from(ARTIST).include("albums", a -> a.include("tracks", t -> t.required())));
        }

        @Test
        @DisplayName("comma-separated tables are joined by the WHERE equality that links them")
        void commaJoin() {
            assertThat(q("SELECT * FROM Album al, Artist ar WHERE al.ArtistId = ar.ArtistId AND ar.Name = 'x'"))
                    .isEqualTo(Query.from(ALBUM).include("artist", a -> a.required().where(ARTIST.name.eq("x"))));
        }
    }

    @Nested
    @DisplayName("places conditions where they mean the same")
    class Conditions {
        @Test
        @DisplayName("ON conditions on the joined table are the include's where; optional stays optional")
        void onConditions() {
            assertThat(q("SELECT * FROM Artist ar LEFT JOIN Album al ON al.ArtistId = ar.ArtistId AND al.Title LIKE 'A%'"))
                    .isEqualTo(Query.from(ARTIST).include("albums", a -> a.optional().where(ALBUM.title.like("A%"))));
        }

        @Test
        @DisplayName("a WHERE conjunct on a required include goes into its where; on an optional one it is a $path$ condition")
        void whereOnJoined() {
            assertThat(q("SELECT * FROM Track t JOIN Album a ON a.AlbumId = t.AlbumId WHERE a.Title = 'x' AND t.Bytes > 10"))
                    .isEqualTo(Query.from(TRACK).where(TRACK.bytes.gt(10L)).include("album", a -> a.required().where(ALBUM.title.eq("x"))));
            assertThat(q("SELECT * FROM Track t LEFT JOIN Album a ON a.AlbumId = t.AlbumId WHERE a.Title = 'x' OR t.Bytes IS NULL"))
                    .isEqualTo(Query.from(TRACK).where(ALBUM.title.at("album").eq("x").or(TRACK.bytes.isNull())).include("album"));
        }

        @Test
        @DisplayName("values take the column's Java type; NOT over a predicate is its negation")
        void values() {
            assertThat(q("SELECT * FROM Track WHERE UnitPrice >= 0.99 AND NOT (Name LIKE 'A%') AND TrackId NOT IN (1, 2)"
                    + " AND Bytes BETWEEN 1 AND 2 AND 5 < TrackId"))
                    .isEqualTo(Query.from(TRACK).where(TRACK.unitPrice.ge(new BigDecimal("0.99")).and(TRACK.name.notLike("A%"))
                            .and(TRACK.trackId.notIn(1, 2)).and(TRACK.bytes.between(1L, 2L)).and(TRACK.trackId.gt(5))));
            assertThat(q("SELECT * FROM events WHERE event_date >= '2024-01-31'"))
                    .isEqualTo(Query.from(EVENT).where(EVENT.eventDate.ge(java.time.LocalDate.of(2024, 1, 31))));
        }

        @Test
        @DisplayName("the select list gives attributes per node: none for *, the key only for a table it does not name")
        void attributes() {
            assertThat(q("SELECT e.event_name, z.* FROM events e LEFT JOIN zones z ON e.event_tz = z.zid"))
                    .isEqualTo(Query.from(EVENT).attributes(EVENT.eventName).include("zone"));
            assertThat(q("SELECT ar.* FROM Artist ar JOIN Album al ON al.ArtistId = ar.ArtistId"))
                    .isEqualTo(Query.from(ARTIST).include("albums", a -> a.required().attributes(ALBUM.albumId)));
        }

        @Test
        @DisplayName("ORDER BY, LIMIT and OFFSET when every join is to-one")
        void orderAndPaging() {
            assertThat(q("SELECT t.TrackId, t.Name, a.* FROM Track t LEFT JOIN Album a ON a.AlbumId = t.AlbumId"
                    + " ORDER BY a.Title DESC NULLS LAST, 1 LIMIT 5 OFFSET 10"))
                    .isEqualTo(Query.from(TRACK).attributes(TRACK.trackId, TRACK.name).include("album")
                            .order(ALBUM.title.at("album").desc().nullsLast(), TRACK.trackId.asc()).limit(5).offset(10));
        }
    }

    @Nested
    @DisplayName("translates aggregates, GROUP BY, HAVING and functions")
    class Aggregates {
        static final String TOP_ARTISTS = "SELECT ar.ArtistId, COUNT(*) AS tracks FROM Artist ar JOIN Album al ON al.ArtistId = ar.ArtistId"
                + " JOIN Track t ON t.AlbumId = al.AlbumId GROUP BY ar.ArtistId ORDER BY tracks DESC, ar.ArtistId LIMIT 10";

        @Test
        @DisplayName("GROUP BY the root's key is per-root aggregates along the joins' path; over INNER JOINs, COUNT(*) counts the last table"
                + " and a having leaves out the roots without rows")
        void perRootOverInnerJoins() {
            Translation t = T.translate(TOP_ARTISTS);
            Expr<Long> tracks = count(TRACK.trackId.at("albums", "tracks"));
            assertThat(t.query()).isEqualTo(Query.from(ARTIST)
                    .attributes(ARTIST.artistId, tracks.alias("tracks"))
                    .having(tracks.gt(0L))
                    .order(col("tracks").desc(), ARTIST.artistId.asc())
                    .limit(10));
            assertThat(t.notes()).contains("GROUP BY ar.ArtistId is the key of ar: the aggregates are computed per Artist (computed attributes),"
                    + " which needs no group(...)");
            assertThat(t.notes()).anyMatch(n -> n.startsWith("the INNER JOINs keep only the Artist rows with a row of t: having("));
        }

        @Test
        @DisplayName("per-root aggregates over LEFT JOINs keep every root; COUNT(DISTINCT), SUM, MIN and a HAVING on the aggregate")
        void perRootOverLeftJoins() {
            assertThat(q("SELECT al.AlbumId, COUNT(DISTINCT t.Name) AS names, SUM(t.Bytes) AS bytes, MIN(t.UnitPrice) AS cheapest"
                    + " FROM Album al LEFT JOIN Track t ON t.AlbumId = al.AlbumId WHERE al.ArtistId = 1 GROUP BY al.AlbumId"
                    + " HAVING SUM(t.Bytes) > 1000 ORDER BY 3 DESC"))
                    .isEqualTo(Query.from(ALBUM)
                            .attributes(ALBUM.albumId, countDistinct(TRACK.name.at("tracks")).alias("names"),
                                    sum(TRACK.bytes.at("tracks")).alias("bytes"), min(TRACK.unitPrice.at("tracks")).alias("cheapest"))
                            .where(ALBUM.artistId.eq(1))
                            .having(sum(TRACK.bytes.at("tracks")).gt(1000L))
                            .order(col("bytes").desc()));
        }

        @Test
        @DisplayName("GROUP BY other columns is a report: joins are includes that only join, WHERE filters the rows, HAVING the groups")
        void report() {
            assertThat(q("SELECT al.ArtistId, COUNT(*) AS n, AVG(t.UnitPrice) AS price FROM Track t JOIN Album al ON al.AlbumId = t.AlbumId"
                    + " WHERE t.Bytes > 100 GROUP BY al.ArtistId HAVING COUNT(*) >= 10 ORDER BY n DESC LIMIT 3"))
                    .isEqualTo(Query.from(TRACK)
                            .attributes(col(ALBUM.artistId.at("album")).alias("ArtistId"), count().alias("n"), avg(TRACK.unitPrice).alias("price"))
                            .where(TRACK.bytes.gt(100L))
                            .include("album", a -> a.required())
                            .group(ALBUM.artistId.at("album"))
                            .having(count().ge(10L))
                            .order(col("n").desc())
                            .limit(3));
        }

        @Test
        @DisplayName("a report groups by root columns, by a function of them, and names unaliased aggregates after their function")
        void reportByFunction() {
            Translation t = T.translate("SELECT LOWER(t.Name) AS lname, t.AlbumId, COUNT(t.TrackId), MAX(t.Bytes) FROM Track t"
                    + " GROUP BY LOWER(t.Name), t.AlbumId");
            assertThat(t.query()).isEqualTo(Query.from(TRACK)
                    .attributes(TRACK.albumId, lower(TRACK.name).alias("lname"), count(TRACK.trackId).alias("count"), max(TRACK.bytes).alias("max"))
                    .group(lower(TRACK.name), TRACK.albumId));
            assertThat(t.notes()).contains("count(t.TrackId) has no alias: it is the computed attribute 'count'");
        }

        @Test
        @DisplayName("functions compare with values in WHERE, also on a required include, and compute attributes per row")
        void functions() {
            assertThat(q("SELECT ar.ArtistId, UPPER(ar.Name) AS shout FROM Artist ar WHERE LOWER(ar.Name) LIKE 'a%' AND LENGTH(ar.Name) > 3"
                    + " AND COALESCE(ar.Name, 'x') IN ('AC/DC', 'Accept') ORDER BY shout"))
                    .isEqualTo(Query.from(ARTIST)
                            .attributes(ARTIST.artistId, upper(ARTIST.name).alias("shout"))
                            .where(Condition.and(lower(ARTIST.name).like("a%"), Expr.fn("LENGTH", ARTIST.name).gt(3),
                                    Condition.or(coalesce(ARTIST.name, "x").eq("AC/DC"), coalesce(ARTIST.name, "x").eq("Accept"))))
                            .order(col("shout").asc()));
            assertThat(q("SELECT * FROM Album al JOIN Artist ar ON ar.ArtistId = al.ArtistId WHERE UPPER(ar.Name) = 'AC/DC'"))
                    .isEqualTo(Query.from(ALBUM).include("artist", a -> a.required().where(upper(ARTIST.name).eq("AC/DC"))));
        }

        @Test
        @DisplayName("the JSON spec reads back into the same query, and generated Java and Kotlin say group, having and computed attributes")
        void outputs() {
            Translation t = T.translate("SELECT al.ArtistId AS artist, COUNT(*) AS n FROM Track t JOIN Album al ON al.AlbumId = t.AlbumId"
                    + " GROUP BY al.ArtistId HAVING COUNT(*) > 5 ORDER BY n DESC");
            assertThat(dev.canopy.json.QuerySpec.parse(Music.SCHEMA, t.toJson())).isEqualTo(t.query());
            assertThat(t.toJson()).contains("\"group\":[\"album.ArtistId\"]").contains("\"having\":");
            assertThat(t.toJava(CodeStyle.typed(Music.class))).contains("""
                            return Query.from(TRACK)
                                    .attributes(Expr.col(ALBUM.artistId.at("album")).alias("artist"), Expr.count().alias("n"))
                                    .include("album", album -> album.required())
                                    .group(ALBUM.artistId.at("album"))
                                    .having(Expr.count().gt(5L))
                                    .order(Expr.col("n").desc());
                    """);
            assertThat(t.toKotlin(CodeStyle.byName())).contains(".group(col(\"Album\", \"ArtistId\").at(\"album\"))")
                    .contains(".having(Expr.count().gt(5L))");
        }
    }

    @Nested
    @DisplayName("says precisely what cannot be translated")
    class Refusals {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
            SELECT * FROM events LEFT JOIN zones ON event_tz > zid | LEFT JOIN zones ON event_tz > zid: event_tz > zid is not an equality; a join must equate a foreign key with the key it refers to (non-equi joins cannot be translated)
            SELECT upper(zone_name) FROM zones | upper(zone_name) in the select list: a function needs an alias (AS name) to be a computed attribute
            SELECT * FROM events WHERE event_tz IN (SELECT zid FROM zones) | event_tz IN (SELECT zid FROM zones): subqueries cannot be translated; an include tree filters through its includes (a required include with a where keeps the parents that have a match)
            SELECT * FROM (SELECT * FROM events) e | (SELECT * FROM events) e: a subquery in FROM (a derived table) cannot be translated; join tables of the schema
            SELECT zid FROM zones UNION SELECT event_tz FROM events | UNION: a set operation combines the rows of several SELECTs; an include tree is one query on one root model (run one query per SELECT)
            SELECT * FROM events WHERE event_tz + 1 = 5 | (event_tz + 1): this function or expression cannot be translated; the DSL calls COUNT, SUM, AVG, MIN, MAX, LOWER, UPPER, LENGTH, TRIM, ABS, ROUND, COALESCE, YEAR, MONTH, DAY, CAST, and EXTRACT of YEAR, MONTH or DAY, on columns and values
            SELECT * FROM events WHERE event_tz = NULL | event_tz = NULL: a comparison with NULL is never true in SQL; write event_tz IS NULL
            SELECT * FROM events WHERE event_tz = ? | event_tz = ?: a bind parameter (?) has no value to translate; write the value into the SQL
            SELECT * FROM events e JOIN zones z ON e.event_tz = z.zid AND e.event_id = z.zid | JOIN zones z ON (e.event_tz = z.zid AND e.event_id = z.zid): the ON clause equates 2 pairs of columns; an association joins on one key (composite foreign keys cannot be translated)
            SELECT * FROM events FULL JOIN zones ON event_tz = zid | zones (FullJoin): a FULL OUTER JOIN keeps the rows of both sides; an include joins INNER (required), LEFT (optional) or RIGHT (right)
            SELECT * FROM events CROSS JOIN zones | zones (CrossJoin): a CROSS JOIN joins every row with every row; an include joins along an association's keys
            SELECT * FROM nowhere | table 'nowhere' is the table of no model of the schema; its tables: Album, Artist, Employee, events, Playlist, PlaylistTrack, Track, zones
            SELECT nothing FROM events | column 'nothing' is in no table of FROM (events)
            SELECT Name FROM Artist JOIN Album ON Album.ArtistId = Artist.ArtistId JOIN Track ON Track.AlbumId = Album.AlbumId | column 'Name' is ambiguous: it may be Artist.Name or Track.Name; qualify it with its table
            SELECT * FROM Artist ar JOIN Album al ON al.ArtistId = ar.ArtistId LIMIT 10 | LIMIT 10: SQL counts joined rows, but Canopy's limit and offset count Artist roots, and albums (hasMany) gives a root several rows; drop LIMIT and OFFSET from the SQL, and page the roots with Query.limit/offset knowing that a page then holds whole roots
            SELECT * FROM events LEFT JOIN zones ON event_tz = zid AND event_creator_fk = 1 | LEFT JOIN zones ON (event_tz = zid AND event_creator_fk = 1): in the ON clause of a LEFT JOIN, event_creator_fk = 1 names events; an include's where names the joined table's columns only (zones); a condition on another table belongs in WHERE
            SELECT pt.TrackId FROM Playlist p JOIN PlaylistTrack pt ON pt.PlaylistId = p.PlaylistId JOIN Track t ON t.TrackId = pt.TrackId | pt.TrackId: pt is the junction of Playlist.tracks (belongsToMany), which has no node of its own in an include tree; its columns cannot be selected, filtered or ordered by
            DELETE FROM events | DELETE: only a SELECT can be translated into a query
            SELECT DISTINCT event_name FROM events | SELECT DISTINCT: without the key of every table, DISTINCT merges rows that an include tree keeps apart (it returns each entity once by its key); select the keys, or drop DISTINCT
            SELECT * FROM events WHERE event_creator_fk = 'abc' | event_creator_fk = 'abc': events.event_creator_fk is INTEGER; 'abc' is not a value of that type
            """)
        void refusal(String sql, String message) {
            assertThatThrownBy(() -> T.translate(sql)).isInstanceOf(TranslationException.class).isInstanceOf(QueryException.class)
                    .hasMessage(message);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
            SELECT count(*) AS n FROM events | count(*) without GROUP BY aggregates all the rows into one; a query returns entities: GROUP BY the key of events for per-root aggregates, or by the columns of a report (db.count(query) and db.aggregate(query, expr) compute one value)
            SELECT ArtistId, count(*) OVER () AS n FROM Artist | window functions
            SELECT ar.ArtistId, max(count(al.AlbumId)) AS m FROM Artist ar JOIN Album al ON al.ArtistId = ar.ArtistId GROUP BY ar.ArtistId | an aggregate inside an aggregate cannot be translated
            SELECT substring(Name, 1, 1) AS initial, count(*) AS n FROM Artist GROUP BY substring(Name, 1, 1) | this function or expression cannot be translated
            SELECT t.Name, count(*) AS n FROM Track t GROUP BY t.AlbumId | t.Name in the select list is neither grouped by nor aggregated; GROUP BY t.AlbumId does not name it
            SELECT ar.ArtistId FROM Artist ar WHERE count(*) > 1 GROUP BY ar.ArtistId | count(*) > 1: an aggregate cannot filter rows in WHERE; it filters the groups in HAVING
            SELECT ar.ArtistId, count(*) AS n FROM Artist ar GROUP BY ar.ArtistId HAVING ar.ArtistId > 3 | HAVING ar.ArtistId > 3: ar.ArtistId is not an aggregate; a condition on columns belongs in WHERE
            SELECT t.TrackId, count(p.PlaylistId) AS n FROM Track t JOIN Album al ON al.AlbumId = t.AlbumId JOIN PlaylistTrack pt ON pt.TrackId = t.TrackId JOIN Playlist p ON p.PlaylistId = pt.PlaylistId GROUP BY t.TrackId | per-root aggregates are translated over one chain of joins
            SELECT ar.ArtistId, count(t.TrackId) AS n FROM Artist ar JOIN Album al ON al.ArtistId = ar.ArtistId LEFT JOIN Track t ON t.AlbumId = al.AlbumId GROUP BY ar.ArtistId | over INNER and LEFT JOINs together cannot be translated
            SELECT ar.ArtistId, count(al.AlbumId) AS n FROM Artist ar JOIN Album al ON al.ArtistId = ar.ArtistId JOIN Track t ON t.AlbumId = al.AlbumId GROUP BY ar.ArtistId | per-root aggregates read the last joined table (t)
            SELECT ar.ArtistId, count(*) AS n FROM Artist ar LEFT JOIN Album al ON al.ArtistId = ar.ArtistId GROUP BY ar.ArtistId | LEFT JOIN al: no aggregate reads a column of al, but its join gives ar several rows
            SELECT ar.ArtistId, count(al.AlbumId) AS n FROM Artist ar LEFT JOIN Album al ON al.ArtistId = ar.ArtistId WHERE al.Title LIKE 'A%' GROUP BY ar.ArtistId | WHERE al.Title LIKE 'A%': with GROUP BY the key of ar (per-root aggregates), a WHERE may name ar only
            SELECT ar.ArtistId, count(*) AS Name FROM Artist ar GROUP BY ar.ArtistId | the alias 'Name' is the name of an attribute of Artist
            SELECT * FROM Artist GROUP BY ArtistId | * with GROUP BY: list the grouped columns and the aggregates
            """)
        void aggregateRefusal(String sql, String message) {
            assertThatThrownBy(() -> T.translate(sql)).isInstanceOf(TranslationException.class).hasMessageContaining(message);
        }

        @Test
        @DisplayName("a join no association covers names the association that would")
        void missingAssociation() {
            Schema bare = Schema.builder().models(EVENT, ZONE).build();
            assertThatThrownBy(() -> Translator.of(bare).translate(SEED)).isInstanceOf(TranslationException.class)
                    .hasMessage("no association of Event joins events.event_tz = zones.zid;"
                            + " declare Event.belongsTo(Zone, foreignKey: eventTz, targetKey: zid)");
            assertThatThrownBy(() -> T.translate("SELECT * FROM zones z JOIN events e ON e.event_tz = z.zid")).hasMessage(
                    "no association of Zone joins z.zid = e.event_tz; declare Zone.hasMany(Event, foreignKey: eventTz, sourceKey: zid)"
                            + " (Event.belongsTo(Zone as zone) joins them the other way: start FROM at events)");
        }

        @Test
        @DisplayName("SQL that does not parse says where")
        void unparsable() {
            assertThatThrownBy(() -> T.translate("SELECT * FROM events WHERE")).isInstanceOf(TranslationException.class)
                    .hasMessageStartingWith("cannot parse the SQL: ");
        }
    }

    @Nested
    @DisplayName("writes the query as JSON, Java and Kotlin")
    class Outputs {
        @Test
        @DisplayName("the seed in all three, as a person would write it")
        void seedOutputs() {
            Translation t = T.translate(SEED);
            assertThat(t.toJson()).isEqualTo("{\"model\":\"Event\",\"where\":{\"eventCreatorFk\":116},\"include\":[{\"association\":\"zone\"}]}");
            assertThat(t.toJava(CodeStyle.typed(Music.class))).isEqualTo("""
                    // SELECT * FROM events LEFT JOIN zones ON event_tz = zid WHERE event_creator_fk = 116

                    import static dev.canopy.translate.Music.EVENT;

                    import dev.canopy.query.Query;

                    /** Translated from SQL by Canopy. */
                    public final class TranslatedQuery {
                        private TranslatedQuery() {}

                        public static Query query() {
                            return Query.from(EVENT)
                                    .where(EVENT.eventCreatorFk.eq(116))
                                    .include("zone");
                        }
                    }
                    """);
            assertThat(t.toKotlin(CodeStyle.byName().packageName("app.events").className("CreatorEvents"))).isEqualTo("""
                    // SELECT * FROM events LEFT JOIN zones ON event_tz = zid WHERE event_creator_fk = 116
                    package app.events

                    import dev.canopy.model.Column
                    import dev.canopy.model.Schema
                    import dev.canopy.query.Query

                    /** Translated from SQL by Canopy. */
                    class CreatorEvents(private val schema: Schema) {
                        fun query(): Query = Query.from(schema.model("Event"))
                            .where(col("Event", "eventCreatorFk").eq(116))
                            .include("zone")

                        /** A column looked up by name, as Column<Any>: values are checked against its type when a condition is built. */
                        @Suppress("UNCHECKED_CAST")
                        private fun col(model: String, attribute: String): Column<Any> =
                            schema.model(model).column(attribute) as Column<Any>
                    }
                    """);
        }

        @Test
        @DisplayName("generated Java compiles against the project in both styles and builds an equal query")
        void javaCompiles(@TempDir Path dir) throws Exception {
            Translation t = T.translate("SELECT t.Name, a.Title FROM Track t JOIN Album a ON a.AlbumId = t.AlbumId"
                    + " LEFT JOIN Artist ar ON ar.ArtistId = a.ArtistId WHERE t.UnitPrice > 0.99 AND (ar.Name LIKE 'A$%' OR ar.Name IS NULL)"
                    + " ORDER BY a.Title");
            Path typed = Files.writeString(dir.resolve("Typed.java"), t.toJava(CodeStyle.typed(Music.class).className("Typed")));
            Path byName = Files.writeString(dir.resolve("ByName.java"), t.toJava(CodeStyle.byName().className("ByName")));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = ToolProvider.getSystemJavaCompiler().run(null, null, err, "-classpath", System.getProperty("java.class.path"),
                    "-d", dir.toString(), typed.toString(), byName.toString());
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
                assertThat(loader.loadClass("Typed").getMethod("query").invoke(null)).isEqualTo(t.query());
                Class<?> k = loader.loadClass("ByName");
                assertThat(k.getMethod("query").invoke(k.getConstructor(Schema.class).newInstance(Music.SCHEMA))).isEqualTo(t.query());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }
}
