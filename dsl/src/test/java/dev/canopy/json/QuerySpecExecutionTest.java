package dev.canopy.json;

import static dev.canopy.json.Music.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.result.Entity;
import dev.canopy.query.Query;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A parsed spec runs on H2 and returns the graph it describes")
class QuerySpecExecutionTest {
    private static Canopy db;

    @BeforeAll
    static void load() {
        db = Canopy.connect("jdbc:h2:mem:json-spec-exec;DB_CLOSE_DELAY=-1", SCHEMA);
        db.sync(SCHEMA);
        db.execute("insert into \"Artist\" (\"ArtistId\", \"Name\") values (1, 'AC/DC'), (2, 'Accept'), (3, 'Aerosmith')");
        db.execute("insert into \"Album\" (\"AlbumId\", \"Title\", \"ArtistId\", \"Released\") values "
                + "(1, 'For Those About To Rock', 1, DATE '1981-11-23'), (2, 'Balls to the Wall', 2, DATE '1983-12-05'), "
                + "(3, 'Restless and Wild', 2, NULL), (4, 'Big Ones', 3, DATE '1994-11-01')");
        db.execute("insert into \"Genre\" (\"GenreId\", \"Name\") values (1, 'Rock'), (2, 'Metal')");
        db.execute("insert into \"Track\" (\"TrackId\", \"Name\", \"AlbumId\", \"GenreId\", \"AltGenreId\", \"Composer\", \"UnitPrice\", "
                + "\"Bytes\", \"Explicit\", \"RecordedAt\", \"Code\") values "
                + "(1, 'For Those About To Rock', 1, 1, NULL, 'Angus Young', 0.99, 11170334, FALSE, TIMESTAMP '1981-06-01 10:00:00', NULL), "
                + "(2, 'Balls to the Wall', 2, 1, 2, NULL, 0.99, 5510424, FALSE, NULL, NULL), "
                + "(3, 'Fast As a Shark', 3, 1, NULL, 'F. Baltes', 0.99, 3990994, TRUE, NULL, NULL), "
                + "(4, 'Restless and Wild', 3, 2, NULL, 'F. Baltes', 1.99, 4331779, FALSE, NULL, NULL), "
                + "(5, 'Walk On Water', 4, 1, NULL, 'Steven Tyler', 1.99, 8611245, FALSE, TIMESTAMP '1994-03-01 12:00:00', "
                + "'123e4567-e89b-12d3-a456-426614174000'), "
                + "(6, 'Love In An Elevator', 4, 1, NULL, NULL, 0.99, 6711245, FALSE, NULL, NULL), "
                + "(7, 'Orphan', NULL, NULL, NULL, NULL, 0.49, 100, FALSE, NULL, NULL)");
        db.execute("insert into \"Playlist\" (\"PlaylistId\", \"Name\") values (1, 'Grunge'), (2, 'Empty')");
        db.execute("insert into \"PlaylistTrack\" (\"PlaylistId\", \"TrackId\") values (1, 5), (1, 6)");
        db.execute("insert into \"Employee\" (\"EmployeeId\", \"Name\", \"ReportsTo\") values (1, 'Andrew', NULL), (2, 'Nancy', 1), "
                + "(3, 'Jane', 2), (4, 'Steve', 2)");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static List<Map<String, Object>> run(String spec) {
        Query q = QuerySpec.parse(SCHEMA, spec);
        return db.findAll(q).stream().map(Entity::toMap).toList();
    }

    /** The values of one key in a list of maps: the names of included children. */
    static List<Object> pluck(Object maps, String key) {
        return ((List<?>) maps).stream().map(m -> ((Map<?, ?>) m).get(key)).collect(java.util.stream.Collectors.toList());
    }

    @Test
    @DisplayName("the brief's spec: paths, required filtered include with a nested include, optional include, order")
    void briefSpec() {
        List<Map<String, Object>> tracks = run("""
                {"model": "Track", "attributes": ["TrackId", "Name"],
                 "where": {"$or": [{"UnitPrice": {"$gt": 0.99}}, {"Composer": null}], "$album.Title$": {"$like": "B%"}},
                 "include": [{"association": "album", "required": true, "where": {"ArtistId": [2, 3]},
                              "include": [{"association": "artist"}]},
                             {"association": "genre", "required": false, "attributes": ["Name"]}],
                 "order": [["Name", "DESC"], ["album", "Title", "ASC"]], "limit": 10, "offset": 0}
                """);
        assertThat(tracks).extracting(t -> t.get("Name")).containsExactly("Walk On Water", "Love In An Elevator", "Balls to the Wall");
        assertThat(tracks.get(0)).containsKeys("TrackId", "Name", "album", "genre").doesNotContainKeys("Composer", "UnitPrice", "Bytes");
        @SuppressWarnings("unchecked")
        Map<String, Object> album = (Map<String, Object>) tracks.get(0).get("album");
        assertThat(album.get("Title")).isEqualTo("Big Ones");
        assertThat(((Map<?, ?>) album.get("artist")).get("Name")).isEqualTo("Aerosmith");
        assertThat(((Map<?, ?>) tracks.get(2).get("genre")).get("Name")).isEqualTo("Rock");
    }

    @Test
    @DisplayName("a required hasMany include with a where keeps only the roots that match, with only the matching children")
    void requiredHasMany() {
        List<Map<String, Object>> artists = run("""
                {"model": "Artist", "include": [{"association": "albums", "where": {"Title": {"$startsWith": "B"}}}],
                 "order": [["ArtistId", "ASC"]]}
                """);
        assertThat(artists).extracting(a -> a.get("Name")).containsExactly("Accept", "Aerosmith");
        assertThat(artists.get(0).get("albums")).asList().hasSize(1);
    }

    @Test
    @DisplayName("a belongsToMany include returns the tracks of a playlist, and [] for a playlist without any")
    void belongsToMany() {
        List<Map<String, Object>> playlists = run("""
                {"model": "Playlist", "include": [{"association": "tracks", "attributes": ["Name"]}],
                 "order": [["PlaylistId", "ASC"], ["tracks", "Name", "ASC"]]}
                """);
        assertThat(playlists).hasSize(2);
        assertThat(pluck(playlists.get(0).get("tracks"), "Name")).containsExactly("Love In An Elevator", "Walk On Water");
        assertThat((List<?>) playlists.get(1).get("tracks")).isEmpty();
    }

    @Test
    @DisplayName("a separate include with a per-parent order and limit returns each artist's newest-titled album only")
    void separatePerParentLimit() {
        List<Map<String, Object>> artists = run("""
                {"model": "Artist", "include": [{"association": "albums", "separate": true, "order": [["Title", "DESC"]], "limit": 1,
                  "attributes": ["Title"]}], "order": [["ArtistId", "ASC"]]}
                """);
        assertThat(artists).hasSize(3);
        assertThat(pluck(artists.get(1).get("albums"), "Title")).containsExactly("Restless and Wild");
        assertThat(pluck(artists.get(0).get("albums"), "Title")).containsExactly("For Those About To Rock");
    }

    @Test
    @DisplayName("a self-association loads the manager and the reports")
    void selfAssociation() {
        List<Map<String, Object>> employees = run("""
                {"model": "Employee", "where": {"Name": "Nancy"},
                 "include": ["manager", {"association": "reports", "attributes": ["Name"]}],
                 "order": [["reports", "Name", "ASC"]]}
                """);
        assertThat(employees).hasSize(1);
        assertThat(((Map<?, ?>) employees.get(0).get("manager")).get("Name")).isEqualTo("Andrew");
        assertThat(pluck(employees.get(0).get("reports"), "Name")).containsExactly("Jane", "Steve");
    }

    @Test
    @DisplayName("a to-one include without a row is null")
    void missingToOneIsNull() {
        List<Map<String, Object>> tracks = run("{\"model\": \"Track\", \"where\": {\"AlbumId\": null}, \"include\": [\"album\"]}");
        assertThat(tracks).hasSize(1);
        assertThat(tracks.get(0)).containsEntry("album", null);
    }

    @Test
    @DisplayName("converted values of every type find their rows")
    void typedValues() {
        assertThat(run("{\"model\": \"Track\", \"where\": {\"RecordedAt\": {\"$between\": [\"1994-01-01\", \"1994-12-31T23:59:59\"]}}}"))
                .extracting(t -> t.get("TrackId")).containsExactly(5);
        assertThat(run("{\"model\": \"Track\", \"where\": {\"Code\": \"123e4567-e89b-12d3-a456-426614174000\"}}"))
                .extracting(t -> t.get("TrackId")).containsExactly(5);
        assertThat(run("{\"model\": \"Track\", \"where\": {\"Explicit\": true}}")).extracting(t -> t.get("TrackId")).containsExactly(3);
        assertThat(run("{\"model\": \"Track\", \"where\": {\"Bytes\": {\"$gt\": 8000000}}, \"order\": [\"TrackId\"]}"))
                .extracting(t -> t.get("TrackId")).containsExactly(1, 5);
        assertThat(run("{\"model\": \"Track\", \"include\": [\"album\"], \"where\": {\"$album.Released$\": {\"$lt\": \"1982-01-01\"}}}"))
                .extracting(t -> t.get("TrackId")).containsExactly(1);
        assertThat(run("{\"model\": \"Track\", \"where\": {\"UnitPrice\": 0.49}}")).extracting(t -> t.get("TrackId")).containsExactly(7);
    }

    @Test
    @DisplayName("count counts the distinct roots of a parsed spec")
    void count() {
        Query q = QuerySpec.parse(SCHEMA, "{\"model\": \"Album\", \"include\": [{\"association\": \"tracks\", \"where\": {\"UnitPrice\": {\"$gt\": 0.99}}}]}");
        assertThat(db.count(q)).isEqualTo(2);
        assertThat(db.findAll(q)).hasSize(2);
    }
}
