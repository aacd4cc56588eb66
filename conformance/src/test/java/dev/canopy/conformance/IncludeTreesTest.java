package dev.canopy.conformance;

import static dev.canopy.chinook.Chinook.ALBUM;
import static dev.canopy.chinook.Chinook.ARTIST;
import static dev.canopy.chinook.Chinook.CUSTOMER;
import static dev.canopy.chinook.Chinook.EMPLOYEE;
import static dev.canopy.chinook.Chinook.GENRE;
import static dev.canopy.chinook.Chinook.INVOICE;
import static dev.canopy.chinook.Chinook.INVOICE_LINE;
import static dev.canopy.chinook.Chinook.PLAYLIST;
import static dev.canopy.chinook.Chinook.TRACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canopy.Canopy;
import dev.canopy.error.QueryException;
import dev.canopy.result.Entity;
import dev.canopy.hydrate.Json;
import dev.canopy.query.Query;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Include trees on Chinook: depth, required / optional / right joins, include wheres, attributes, paths, order,
 * paging, findOne / findByPk / count, and deduplication. Expected graphs are built from hand-written SQL.
 */
@DisplayName("Include trees")
class IncludeTreesTest {

    /** Child ids per parent id, from rows of (parent, child) in order; parents without a child get an empty list. */
    private static Map<Integer, List<Integer>> grouped(List<List<Object>> rows) {
        Map<Integer, List<Integer>> out = new LinkedHashMap<>();
        for (List<Object> r : rows) {
            List<Integer> children = out.computeIfAbsent(((Number) r.get(0)).intValue(), k -> new ArrayList<>());
            if (r.get(1) != null) {
                children.add(((Number) r.get(1)).intValue());
            }
        }
        return out;
    }

    /** The same shape from entities: root id → ids of {@code many(alias)}. */
    private static Map<Integer, List<Integer>> grouped(List<Entity> roots, dev.canopy.model.Column<Integer> id,
                                                       String alias, dev.canopy.model.Column<Integer> childId) {
        Map<Integer, List<Integer>> out = new LinkedHashMap<>();
        for (Entity r : roots) {
            out.put(r.get(id), r.many(alias).stream().map(c -> c.get(childId)).collect(Collectors.toList()));
        }
        return out;
    }

    @Nested
    @DisplayName("joins")
    class Joins {

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a three-level include (artist, albums, tracks, genre) nests every row where it belongs")
        void depthThree(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            List<List<Object>> rows = Jdbc.rows(db, "SELECT al.\"AlbumId\", t.\"TrackId\", g.\"Name\" FROM \"Album\" al "
                    + "JOIN \"Track\" t ON t.\"AlbumId\" = al.\"AlbumId\" LEFT JOIN \"Genre\" g ON g.\"GenreId\" = t.\"GenreId\" "
                    + "WHERE al.\"ArtistId\" = ? ORDER BY al.\"AlbumId\", t.\"TrackId\"", 1);
            Map<Integer, List<String>> expected = new LinkedHashMap<>();
            for (List<Object> r : rows) {
                expected.computeIfAbsent(((Number) r.get(0)).intValue(), k -> new ArrayList<>()).add(((Number) r.get(1)).intValue() + ":" + r.get(2));
            }

            List<Entity> artists = db.findAll(Query.from(ARTIST).where(ARTIST.name.eq("AC/DC"))
                    .include("albums", a -> a.include("tracks", t -> t.include("genre")))
                    .order(ALBUM.albumId.at("albums").asc(), TRACK.trackId.at("albums", "tracks").asc()));

            assertThat(artists).hasSize(1);
            Map<Integer, List<String>> actual = new LinkedHashMap<>();
            for (Entity album : artists.get(0).many("albums")) {
                actual.put(album.get(ALBUM.albumId), album.many("tracks").stream()
                        .map(t -> t.get(TRACK.trackId) + ":" + t.one("genre").get(GENRE.name)).collect(Collectors.toList()));
            }
            assertThat(actual).isEqualTo(expected);
            assertThat(expected).hasSizeGreaterThan(1);
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a required include drops the artists without albums; each remaining artist has all its albums")
        void requiredIsInner(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Map<Integer, List<Integer>> expected = grouped(Jdbc.rows(db,
                    "SELECT \"ArtistId\", \"AlbumId\" FROM \"Album\" ORDER BY \"ArtistId\", \"AlbumId\""));

            List<Entity> artists = db.findAll(Query.from(ARTIST).include("albums", a -> a.required())
                    .order(ARTIST.artistId.asc(), ALBUM.albumId.at("albums").asc()));

            assertThat(grouped(artists, ARTIST.artistId, "albums", ALBUM.albumId)).isEqualTo(expected);
            assertThat((long) expected.size()).isLessThan(Jdbc.count(db, "SELECT COUNT(*) FROM \"Artist\""));
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("an optional include keeps the artists without albums, with an empty album list")
        void optionalIsLeft(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Map<Integer, List<Integer>> expected = grouped(Jdbc.rows(db, "SELECT ar.\"ArtistId\", al.\"AlbumId\" FROM \"Artist\" ar "
                    + "LEFT JOIN \"Album\" al ON al.\"ArtistId\" = ar.\"ArtistId\" ORDER BY ar.\"ArtistId\", al.\"AlbumId\""));

            List<Entity> artists = db.findAll(Query.from(ARTIST).include("albums")
                    .order(ARTIST.artistId.asc(), ALBUM.albumId.at("albums").asc()));

            assertThat(grouped(artists, ARTIST.artistId, "albums", ALBUM.albumId)).isEqualTo(expected);
            Entity lonely = artists.stream().filter(a -> a.many("albums").isEmpty()).findFirst().orElseThrow();
            assertThat(lonely.toMap()).containsEntry("albums", List.of());
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("an include with a where is required: only artists with a matching album, with those albums only")
        void includeWhereImpliesRequired(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Map<Integer, List<Integer>> expected = grouped(Jdbc.rows(db, "SELECT \"ArtistId\", \"AlbumId\" FROM \"Album\" "
                    + "WHERE \"Title\" LIKE ? ORDER BY \"ArtistId\", \"AlbumId\"", "B%"));

            Query q = Query.from(ARTIST).include("albums", a -> a.where(ALBUM.title.startsWith("B")))
                    .order(ARTIST.artistId.asc(), ALBUM.albumId.at("albums").asc());

            assertThat(grouped(db.findAll(q), ARTIST.artistId, "albums", ALBUM.albumId)).isEqualTo(expected);
            assertThat(db.count(q)).isEqualTo(expected.size());
            assertThat(expected).isNotEmpty();
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("an include with a where and required(false) keeps every artist, with only the matching albums")
        void includeWhereNotRequired(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Map<Integer, List<Integer>> expected = grouped(Jdbc.rows(db, "SELECT ar.\"ArtistId\", al.\"AlbumId\" FROM \"Artist\" ar "
                    + "LEFT JOIN \"Album\" al ON al.\"ArtistId\" = ar.\"ArtistId\" AND al.\"Title\" LIKE ? "
                    + "ORDER BY ar.\"ArtistId\", al.\"AlbumId\"", "B%"));

            List<Entity> artists = db.findAll(Query.from(ARTIST).include("albums", a -> a.where(ALBUM.title.startsWith("B")).required(false))
                    .order(ARTIST.artistId.asc(), ALBUM.albumId.at("albums").asc()));

            assertThat(grouped(artists, ARTIST.artistId, "albums", ALBUM.albumId)).isEqualTo(expected);
            assertThat((long) artists.size()).isEqualTo(Jdbc.count(db, "SELECT COUNT(*) FROM \"Artist\""));
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a required include under an optional one keeps the parent")
        void requiredUnderOptionalKeepsParent(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Map<Integer, Map<Integer, List<Integer>>> expected = new TreeMap<>();
            for (Integer artistId : Jdbc.ints(db, "SELECT \"ArtistId\" FROM \"Artist\"")) {
                expected.put(artistId, new TreeMap<>());
            }
            for (List<Object> r : Jdbc.rows(db, "SELECT al.\"ArtistId\", al.\"AlbumId\", t.\"TrackId\" FROM \"Album\" al "
                    + "JOIN \"Track\" t ON t.\"AlbumId\" = al.\"AlbumId\" WHERE t.\"Name\" LIKE ? ORDER BY t.\"TrackId\"", "X%")) {
                expected.get(((Number) r.get(0)).intValue()).computeIfAbsent(((Number) r.get(1)).intValue(), k -> new ArrayList<>())
                        .add(((Number) r.get(2)).intValue());
            }

            List<Entity> artists = db.findAll(Query.from(ARTIST)
                    .include("albums", a -> a.optional().include("tracks", t -> t.where(TRACK.name.startsWith("X"))))
                    .order(ARTIST.artistId.asc(), ALBUM.albumId.at("albums").asc(), TRACK.trackId.at("albums", "tracks").asc()));

            Map<Integer, Map<Integer, List<Integer>>> actual = new TreeMap<>();
            for (Entity artist : artists) {
                Map<Integer, List<Integer>> albums = new TreeMap<>();
                for (Entity album : artist.many("albums")) {
                    albums.put(album.get(ALBUM.albumId), album.many("tracks").stream().map(t -> t.get(TRACK.trackId)).collect(Collectors.toList()));
                }
                actual.put(artist.get(ARTIST.artistId), albums);
            }
            assertThat(actual).isEqualTo(expected);
            assertThat(expected.values().stream().filter(m -> !m.isEmpty()).count()).isBetween(1L, (long) expected.size() - 1);
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a right join keeps every album, so artists without albums do not appear")
        void rightJoin(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Map<Integer, List<Integer>> expected = grouped(Jdbc.rows(db,
                    "SELECT \"ArtistId\", \"AlbumId\" FROM \"Album\" ORDER BY \"ArtistId\", \"AlbumId\""));

            List<Entity> artists = db.findAll(Query.from(ARTIST).include("albums", a -> a.right())
                    .order(ARTIST.artistId.asc(), ALBUM.albumId.at("albums").asc()));

            assertThat(grouped(artists, ARTIST.artistId, "albums", ALBUM.albumId)).isEqualTo(expected);
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a required belongsToMany keeps the playlists that hold a matching track, with those tracks only")
        void requiredBelongsToManyWithWhere(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Map<Integer, List<Integer>> expected = grouped(Jdbc.rows(db, "SELECT pt.\"PlaylistId\", t.\"TrackId\" FROM \"PlaylistTrack\" pt "
                    + "JOIN \"Track\" t ON t.\"TrackId\" = pt.\"TrackId\" WHERE t.\"Name\" LIKE ? ORDER BY pt.\"PlaylistId\", t.\"TrackId\"", "X%"));

            Query q = Query.from(PLAYLIST).include("tracks", t -> t.where(TRACK.name.startsWith("X")))
                    .order(PLAYLIST.playlistId.asc(), TRACK.trackId.at("tracks").asc());

            assertThat(grouped(db.findAll(q), PLAYLIST.playlistId, "tracks", TRACK.trackId)).isEqualTo(expected);
            assertThat(db.count(q)).isEqualTo(expected.size());
        }
    }

    @Nested
    @DisplayName("attributes")
    class Attributes {

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a root read with attributes(...) has those and its key; any other attribute throws QueryException")
        void rootAttributes(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            String title = Jdbc.strings(db, "SELECT \"Title\" FROM \"Album\" WHERE \"AlbumId\" = ?", 1).get(0);

            Entity album = db.findOne(Query.from(ALBUM).attributes(ALBUM.title).where(ALBUM.albumId.eq(1)));

            assertThat(album.get(ALBUM.title)).isEqualTo(title);
            assertThat(album.get(ALBUM.albumId)).isEqualTo(1);
            assertThat(album.toMap()).containsOnlyKeys("AlbumId", "Title");
            assertThatThrownBy(() -> album.get(ALBUM.artistId)).isInstanceOf(QueryException.class).hasMessageContaining("ArtistId");
            assertThatThrownBy(() -> album.get("ArtistId")).isInstanceOf(QueryException.class);
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("exclude(...) and an include's attributes(...) leave those columns out at every level, keys kept")
        void includeAttributesAndExclude(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            List<String> titles = Jdbc.strings(db, "SELECT \"Title\" FROM \"Album\" WHERE \"ArtistId\" = ? ORDER BY \"AlbumId\"", 1);

            Entity artist = db.findOne(Query.from(ARTIST).exclude(ARTIST.name).where(ARTIST.artistId.eq(1))
                    .include("albums", a -> a.attributes(ALBUM.title).include("tracks", t -> t.exclude(TRACK.composer, TRACK.bytes)))
                    .order(ALBUM.albumId.at("albums").asc()));

            assertThat(artist.get(ARTIST.artistId)).isEqualTo(1);
            assertThatThrownBy(() -> artist.get(ARTIST.name)).isInstanceOf(QueryException.class);
            assertThat(artist.many("albums")).extracting(a -> a.get(ALBUM.title)).containsExactlyElementsOf(titles);
            assertThat(artist.many("albums")).allSatisfy(a -> {
                assertThat(a.get(ALBUM.albumId)).isNotNull();
                assertThatThrownBy(() -> a.get(ALBUM.artistId)).isInstanceOf(QueryException.class);
            });
            Entity track = artist.many("albums").get(0).many("tracks").get(0);
            assertThat(track.get(TRACK.name)).isNotNull();
            assertThat(track.get(TRACK.trackId)).isNotNull();
            assertThatThrownBy(() -> track.get(TRACK.composer)).isInstanceOf(QueryException.class);
            assertThat(track.toMap()).doesNotContainKeys("Composer", "Bytes").containsKeys("TrackId", "Name", "UnitPrice");
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("toJson has Sequelize's toJSON shape: the attributes read, then each alias as an object, null or a list")
        void toJsonShape(TestDatabase kind) throws Exception {
            Canopy db = ChinookFixture.chinook(kind);
            ObjectNode expected = Json.mapper().createObjectNode();
            expected.put("AlbumId", 1).put("Title", Jdbc.strings(db, "SELECT \"Title\" FROM \"Album\" WHERE \"AlbumId\" = 1").get(0));
            expected.putObject("artist").put("ArtistId", 1).put("Name", "AC/DC");
            ArrayNode tracks = expected.putArray("tracks");
            for (List<Object> r : Jdbc.rows(db, "SELECT \"TrackId\", \"Name\" FROM \"Track\" WHERE \"AlbumId\" = 1 ORDER BY \"TrackId\"")) {
                tracks.addObject().put("TrackId", ((Number) r.get(0)).intValue()).put("Name", (String) r.get(1));
            }

            Entity album = db.findByPk(Query.from(ALBUM).attributes(ALBUM.title).include("artist")
                    .include("tracks", t -> t.attributes(TRACK.name)).order(TRACK.trackId.at("tracks").asc()), 1);
            JsonNode actual = Json.mapper().readTree(album.toJson());

            assertThat(actual).isEqualTo(expected);
            assertThat(Json.mapper().readTree(Json.write(album.toMap()))).isEqualTo(expected);
            assertThatThrownBy(() -> album.get(ALBUM.artistId)).isInstanceOf(QueryException.class);
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("one() of an absent to-one is null; asking for the wrong kind or a missing alias says what was included")
        void oneAndManyAccess(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);

            List<Entity> employees = db.findAll(Query.from(EMPLOYEE).include("manager").where(EMPLOYEE.reportsTo.isNull()));

            assertThat(employees).hasSize(1);
            Entity boss = employees.get(0);
            assertThat(boss.one("manager")).isNull();
            assertThatThrownBy(() -> boss.many("manager")).isInstanceOf(QueryException.class).hasMessageContaining("to-one");
            assertThatThrownBy(() -> boss.many("reports")).isInstanceOf(QueryException.class).hasMessageContaining("manager");
        }
    }

    @Nested
    @DisplayName("paths in the top-level where")
    class Paths {

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a where on $album.Title$ filters tracks by their included album")
        void whereOnIncludedColumn(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            String title = Jdbc.strings(db, "SELECT \"Title\" FROM \"Album\" WHERE \"AlbumId\" = ?", 4).get(0);
            List<Integer> expected = Jdbc.ints(db, "SELECT \"TrackId\" FROM \"Track\" WHERE \"AlbumId\" = ? ORDER BY \"TrackId\"", 4);

            Query q = Query.from(TRACK).include("album").where(ALBUM.title.at("album").eq(title)).order(TRACK.trackId.asc());
            List<Entity> tracks = db.findAll(q);

            assertThat(tracks).extracting(t -> t.get(TRACK.trackId)).containsExactlyElementsOf(expected);
            assertThat(tracks).allSatisfy(t -> assertThat(t.one("album").get(ALBUM.title)).isEqualTo(title));
            assertThat(db.count(q)).isEqualTo(expected.size());
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a where on $album.artist.Name$ filters tracks two levels down")
        void whereAtDepthTwo(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            List<Integer> expected = Jdbc.ints(db, "SELECT t.\"TrackId\" FROM \"Track\" t JOIN \"Album\" al ON al.\"AlbumId\" = t.\"AlbumId\" "
                    + "JOIN \"Artist\" ar ON ar.\"ArtistId\" = al.\"ArtistId\" WHERE ar.\"Name\" = ? ORDER BY t.\"TrackId\"", "AC/DC");

            Query q = Query.from(TRACK).include("album", a -> a.include("artist"))
                    .where(ARTIST.name.at("album", "artist").eq("AC/DC")).order(TRACK.trackId.asc());

            assertThat(db.findAll(q)).extracting(t -> t.get(TRACK.trackId)).containsExactlyElementsOf(expected);
            assertThat(db.count(q)).isEqualTo(expected.size());
            assertThat(expected).isNotEmpty();
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a where on a model outside the include tree fails before any SQL, listing the included paths")
        void whereOutsideTheTree(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Query onGenre = Query.from(TRACK).include("album", a -> a.include("artist")).where(GENRE.name.at("genre").eq("Rock"));
            Query unqualified = Query.from(TRACK).include("album").where(ALBUM.title.eq("x"));

            assertThatThrownBy(() -> Canopy.toSql(onGenre, dev.canopy.chinook.Chinook.SCHEMA, db.dialect())).isInstanceOf(QueryException.class)
                    .hasMessageContaining("'genre'").hasMessageContaining("album, album.artist");
            assertThatThrownBy(() -> db.findAll(onGenre)).isInstanceOf(QueryException.class);
            assertThatThrownBy(() -> db.count(onGenre)).isInstanceOf(QueryException.class);
            assertThatThrownBy(() -> db.findAll(unqualified)).isInstanceOf(QueryException.class)
                    .hasMessageContaining("Track").hasMessageContaining("Title");
        }
    }

    @Nested
    @DisplayName("order")
    class Ordering {

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("an order array through aliases orders roots, then children within each root")
        void orderThroughAliases(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            List<List<Object>> rows = Jdbc.rows(db, "SELECT ar.\"Name\", al.\"Title\" FROM \"Artist\" ar JOIN \"Album\" al ON al.\"ArtistId\" = ar.\"ArtistId\" "
                    + "WHERE ar.\"ArtistId\" IN (?, ?, ?) ORDER BY ar.\"Name\" DESC, al.\"Title\" ASC", 1, 22, 90);
            Map<String, List<String>> expected = new LinkedHashMap<>();
            rows.forEach(r -> expected.computeIfAbsent((String) r.get(0), k -> new ArrayList<>()).add((String) r.get(1)));

            List<Entity> artists = db.findAll(Query.from(ARTIST).where(ARTIST.artistId.isIn(1, 22, 90)).include("albums")
                    .order(ARTIST.name.desc(), ALBUM.title.at("albums").asc()));

            Map<String, List<String>> actual = new LinkedHashMap<>();
            artists.forEach(a -> actual.put(a.get(ARTIST.name), a.many("albums").stream().map(x -> x.get(ALBUM.title)).collect(Collectors.toList())));
            assertThat(actual).containsExactlyEntriesOf(expected);
            assertThat(expected.values()).anySatisfy(titles -> assertThat(titles).hasSizeGreaterThan(2));
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("nulls first and nulls last put the employee without a manager first or last")
        void nullsFirstAndLast(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            List<List<Object>> rows = Jdbc.rows(db, "SELECT \"EmployeeId\", \"ReportsTo\" FROM \"Employee\"");
            Comparator<List<Object>> byManager = Comparator.comparing(r -> r.get(1) == null ? null : ((Number) r.get(1)).intValue(),
                    Comparator.nullsFirst(Comparator.<Integer>naturalOrder()));
            Comparator<List<Object>> byId = Comparator.comparing(r -> ((Number) r.get(0)).intValue());
            List<Integer> nullsFirst = rows.stream().sorted(byManager.thenComparing(byId)).map(r -> ((Number) r.get(0)).intValue()).collect(Collectors.toList());
            Comparator<List<Object>> byManagerNullsLast = Comparator.comparing(r -> r.get(1) == null ? null : ((Number) r.get(1)).intValue(),
                    Comparator.nullsLast(Comparator.<Integer>naturalOrder()));
            List<Integer> nullsLast = rows.stream().sorted(byManagerNullsLast.thenComparing(byId)).map(r -> ((Number) r.get(0)).intValue()).collect(Collectors.toList());

            List<Entity> first = db.findAll(Query.from(EMPLOYEE).order(EMPLOYEE.reportsTo.asc().nullsFirst(), EMPLOYEE.employeeId.asc()));
            List<Entity> last = db.findAll(Query.from(EMPLOYEE).order(EMPLOYEE.reportsTo.asc().nullsLast(), EMPLOYEE.employeeId.asc()));

            assertThat(first).extracting(e -> e.get(EMPLOYEE.employeeId)).containsExactlyElementsOf(nullsFirst);
            assertThat(last).extracting(e -> e.get(EMPLOYEE.employeeId)).containsExactlyElementsOf(nullsLast);
            assertThat(first.get(0).get(EMPLOYEE.reportsTo)).isNull();
            assertThat(last.get(last.size() - 1).get(EMPLOYEE.reportsTo)).isNull();
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("nulls first / last through an alias: employees ordered by their manager's last name")
        void nullsThroughAlias(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);

            List<Entity> first = db.findAll(Query.from(EMPLOYEE).include("manager")
                    .order(EMPLOYEE.lastName.at("manager").desc().nullsFirst(), EMPLOYEE.employeeId.asc()));
            List<Entity> last = db.findAll(Query.from(EMPLOYEE).include("manager")
                    .order(EMPLOYEE.lastName.at("manager").desc().nullsLast(), EMPLOYEE.employeeId.asc()));

            List<String> firstManagers = first.stream().map(e -> e.one("manager") == null ? null : e.one("manager").get(EMPLOYEE.lastName))
                    .collect(Collectors.toList());
            List<String> lastManagers = last.stream().map(e -> e.one("manager") == null ? null : e.one("manager").get(EMPLOYEE.lastName))
                    .collect(Collectors.toList());
            assertThat(firstManagers.get(0)).isNull();
            assertThat(firstManagers.subList(1, firstManagers.size())).isSortedAccordingTo(Comparator.reverseOrder()).doesNotContainNull();
            assertThat(lastManagers.get(lastManagers.size() - 1)).isNull();
            assertThat(lastManagers.subList(0, lastManagers.size() - 1)).isSortedAccordingTo(Comparator.reverseOrder()).doesNotContainNull();
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("children keep the order the query asks for: each customer's invoices by total descending")
        void childrenKeepQueryOrder(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Map<Integer, List<Integer>> expected = grouped(Jdbc.rows(db, "SELECT \"CustomerId\", \"InvoiceId\" FROM \"Invoice\" "
                    + "WHERE \"CustomerId\" <= ? ORDER BY \"CustomerId\", \"Total\" DESC, \"InvoiceId\"", 3));

            List<Entity> customers = db.findAll(Query.from(CUSTOMER).where(CUSTOMER.customerId.le(3)).include("invoices")
                    .order(CUSTOMER.customerId.asc(), INVOICE.total.at("invoices").desc(), INVOICE.invoiceId.at("invoices").asc()));

            assertThat(grouped(customers, CUSTOMER.customerId, "invoices", INVOICE.invoiceId)).containsExactlyEntriesOf(expected);
            assertThat(expected.get(1)).isNotEqualTo(expected.get(1).stream().sorted().collect(Collectors.toList()));
        }
    }

    @Nested
    @DisplayName("findOne, findByPk, count, limit and offset")
    class Finders {

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("limit and offset on a query with to-one includes only return exactly that page of roots")
        void limitOffsetWithToOneIncludes(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            List<List<Object>> all = Jdbc.rows(db, "SELECT t.\"TrackId\", al.\"Title\" FROM \"Track\" t "
                    + "LEFT JOIN \"Album\" al ON al.\"AlbumId\" = t.\"AlbumId\" ORDER BY t.\"TrackId\"");
            List<List<Object>> page = all.subList(10, 15);

            List<Entity> tracks = db.findAll(Query.from(TRACK).include("album").include("genre").include("mediaType")
                    .order(TRACK.trackId.asc()).limit(5).offset(10));

            assertThat(tracks).extracting(t -> t.get(TRACK.trackId)).containsExactlyElementsOf(
                    page.stream().map(r -> ((Number) r.get(0)).intValue()).collect(Collectors.toList()));
            assertThat(tracks).extracting(t -> t.one("album").get(ALBUM.title)).containsExactlyElementsOf(
                    page.stream().map(r -> (String) r.get(1)).collect(Collectors.toList()));
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("limit and offset with a to-many include return whole roots: a page is a prefix of the unpaged result")
        void limitOffsetWithToManyInclude(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Query q = Query.from(ARTIST).where(ARTIST.artistId.le(30)).include("albums", a -> a.required())
                    .order(ARTIST.artistId.asc(), ALBUM.albumId.at("albums").asc());
            Map<Integer, List<Integer>> all = grouped(db.findAll(q), ARTIST.artistId, "albums", ALBUM.albumId);
            Map<Integer, List<Integer>> expected = new LinkedHashMap<>();
            all.entrySet().stream().skip(1).limit(3).forEach(e -> expected.put(e.getKey(), e.getValue()));

            Map<Integer, List<Integer>> page = grouped(db.findAll(q.limit(3).offset(1)), ARTIST.artistId, "albums", ALBUM.albumId);

            assertThat(page).containsExactlyEntriesOf(expected);
            assertThat(all).isEqualTo(grouped(Jdbc.rows(db, "SELECT \"ArtistId\", \"AlbumId\" FROM \"Album\" WHERE \"ArtistId\" <= ? "
                    + "ORDER BY \"ArtistId\", \"AlbumId\"", 30)));
            assertThat(expected.values().stream().mapToInt(List::size).sum()).isGreaterThan(3);
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("findOne with a to-many include returns the first root with all of its children")
        void findOneLoadsAllChildren(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            int firstArtist = Jdbc.ints(db, "SELECT \"ArtistId\" FROM \"Artist\" WHERE \"Name\" LIKE ? ORDER BY \"Name\" DESC", "A%").get(0);
            List<Integer> albums = Jdbc.ints(db, "SELECT \"AlbumId\" FROM \"Album\" WHERE \"ArtistId\" = ? ORDER BY \"AlbumId\"", firstArtist);

            Entity artist = db.findOne(Query.from(ARTIST).where(ARTIST.name.startsWith("A")).include("albums", a -> a.include("tracks"))
                    .order(ARTIST.name.desc(), ALBUM.albumId.at("albums").asc()));
            Entity acdc = db.findOne(Query.from(ARTIST).include("albums").order(ARTIST.artistId.asc()));

            assertThat(artist.get(ARTIST.artistId)).isEqualTo(firstArtist);
            assertThat(artist.many("albums")).extracting(a -> a.get(ALBUM.albumId)).containsExactlyElementsOf(albums);
            assertThat(acdc.get(ARTIST.name)).isEqualTo("AC/DC");
            assertThat(acdc.many("albums")).extracting(a -> a.get(ALBUM.albumId)).containsExactlyInAnyOrderElementsOf(
                    Jdbc.ints(db, "SELECT \"AlbumId\" FROM \"Album\" WHERE \"ArtistId\" = 1")).hasSizeGreaterThan(1);
            assertThat(db.findOne(Query.from(ARTIST).where(ARTIST.name.eq("No Such Artist")).include("albums"))).isNull();
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("findByPk finds one root with its includes, or null")
        void findByPk(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            List<Integer> albums = Jdbc.ints(db, "SELECT \"AlbumId\" FROM \"Album\" WHERE \"ArtistId\" = ? ORDER BY \"AlbumId\"", 22);

            Entity artist = db.findByPk(Query.from(ARTIST).include("albums").order(ALBUM.albumId.at("albums").asc()), 22);

            assertThat(artist.get(ARTIST.artistId)).isEqualTo(22);
            assertThat(artist.many("albums")).extracting(a -> a.get(ALBUM.albumId)).containsExactlyElementsOf(albums).hasSizeGreaterThan(2);
            assertThat(db.findByPk(ARTIST, 999_999)).isNull();
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("count counts distinct roots whatever the includes, limit and offset")
        void countCountsRoots(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            long artists = Jdbc.count(db, "SELECT COUNT(*) FROM \"Artist\"");
            long withAlbums = Jdbc.count(db, "SELECT COUNT(DISTINCT \"ArtistId\") FROM \"Album\"");
            long inPlaylists = Jdbc.count(db, "SELECT COUNT(DISTINCT \"PlaylistId\") FROM \"PlaylistTrack\"");
            long startingWithA = Jdbc.count(db, "SELECT COUNT(*) FROM \"Artist\" WHERE \"Name\" LIKE ?", "A%");

            assertThat(db.count(Query.from(ARTIST).include("albums", a -> a.include("tracks")))).isEqualTo(artists);
            assertThat(db.count(Query.from(ARTIST).include("albums", a -> a.required()))).isEqualTo(withAlbums);
            assertThat(db.count(Query.from(PLAYLIST).include("tracks", t -> t.required()))).isEqualTo(inPlaylists);
            assertThat(db.count(Query.from(ARTIST).where(ARTIST.name.startsWith("A")).include("albums").limit(2).offset(1)))
                    .isEqualTo(startingWithA);
            assertThat(withAlbums).isLessThan(artists);
        }
    }

    @Nested
    @DisplayName("deduplication")
    class Deduplication {

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("two to-many siblings multiply rows, yet each child appears once per parent")
        void siblingsDoNotDuplicate(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Map<Integer, List<Integer>> playlists = grouped(Jdbc.rows(db, "SELECT t.\"TrackId\", pt.\"PlaylistId\" FROM \"Track\" t "
                    + "LEFT JOIN \"PlaylistTrack\" pt ON pt.\"TrackId\" = t.\"TrackId\" WHERE t.\"AlbumId\" = ? ORDER BY t.\"TrackId\", pt.\"PlaylistId\"", 1));
            Map<Integer, List<Integer>> lines = grouped(Jdbc.rows(db, "SELECT t.\"TrackId\", il.\"InvoiceLineId\" FROM \"Track\" t "
                    + "LEFT JOIN \"InvoiceLine\" il ON il.\"TrackId\" = t.\"TrackId\" WHERE t.\"AlbumId\" = ? ORDER BY t.\"TrackId\", il.\"InvoiceLineId\"", 1));

            List<Entity> tracks = db.findAll(Query.from(TRACK).where(TRACK.albumId.eq(1)).include("playlists").include("invoiceLines")
                    .order(TRACK.trackId.asc(), PLAYLIST.playlistId.at("playlists").asc(), INVOICE_LINE.invoiceLineId.at("invoiceLines").asc()));

            assertThat(grouped(tracks, TRACK.trackId, "playlists", PLAYLIST.playlistId)).isEqualTo(playlists);
            assertThat(grouped(tracks, TRACK.trackId, "invoiceLines", INVOICE_LINE.invoiceLineId)).isEqualTo(lines);
            assertThat(playlists.keySet()).anySatisfy(id -> assertThat(playlists.get(id).size() * lines.get(id).size())
                    .isGreaterThan(Math.max(playlists.get(id).size(), lines.get(id).size())));
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("one track on several playlists appears under each of them, once")
        void sameChildUnderSeveralParents(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            List<Integer> expected = Jdbc.ints(db, "SELECT \"PlaylistId\" FROM \"PlaylistTrack\" WHERE \"TrackId\" = ? ORDER BY \"PlaylistId\"", 1);

            List<Entity> playlists = db.findAll(Query.from(PLAYLIST).include("tracks", t -> t.where(TRACK.trackId.eq(1)).include("album"))
                    .order(PLAYLIST.playlistId.asc()));

            assertThat(playlists).extracting(p -> p.get(PLAYLIST.playlistId)).containsExactlyElementsOf(expected).hasSizeGreaterThan(1);
            assertThat(playlists).allSatisfy(p -> {
                assertThat(p.many("tracks")).extracting(t -> t.get(TRACK.trackId)).containsExactly(1);
                assertThat(p.many("tracks").get(0).one("album").get(ALBUM.albumId)).isEqualTo(1);
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a to-one shared by many rows is read once per parent and equal everywhere")
        void sharedToOne(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Map<Integer, String> genreOfTrack = new TreeMap<>();
            for (List<Object> r : Jdbc.rows(db, "SELECT t.\"TrackId\", g.\"Name\" FROM \"Track\" t JOIN \"Genre\" g ON g.\"GenreId\" = t.\"GenreId\" "
                    + "WHERE t.\"AlbumId\" IN (?, ?)", 1, 2)) {
                genreOfTrack.put(((Number) r.get(0)).intValue(), (String) r.get(1));
            }

            List<Entity> albums = db.findAll(Query.from(ALBUM).where(ALBUM.albumId.isIn(1, 2)).include("artist")
                    .include("tracks", t -> t.include("genre")).order(ALBUM.albumId.asc()));

            Map<Integer, String> actual = new TreeMap<>();
            albums.forEach(a -> a.many("tracks").forEach(t -> actual.put(t.get(TRACK.trackId), t.one("genre").get(GENRE.name))));
            assertThat(actual).isEqualTo(genreOfTrack);
            assertThat(albums).allSatisfy(a -> assertThat(a.one("artist")).isNotNull());
            assertThat(albums.stream().mapToInt(a -> a.many("tracks").size()).sum()).isEqualTo(genreOfTrack.size());
            assertThat(albums).allSatisfy(a -> assertThat(a.many("tracks")).extracting(t -> t.get(TRACK.trackId)).doesNotHaveDuplicates());
        }
    }
}
