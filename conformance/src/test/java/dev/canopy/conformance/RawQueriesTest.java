package dev.canopy.conformance;

import static dev.canopy.chinook.Chinook.ALBUM;
import static dev.canopy.chinook.Chinook.ARTIST;
import static dev.canopy.chinook.Chinook.PLAYLIST;
import static dev.canopy.chinook.Chinook.TRACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.Canopy;
import dev.canopy.error.AssociationNotFoundException;
import dev.canopy.error.QueryException;
import dev.canopy.error.UnknownColumnException;
import dev.canopy.query.Query;
import dev.canopy.result.Entity;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Raw SELECTs mapped to models (Sequelize's {@code sequelize.query(sql, { model, mapToModel, replacements, nest })}):
 * {@code db.query(sql, binds, model)}, with columns labelled by alias paths coming back as include trees.
 */
@DisplayName("Raw queries mapped to models")
class RawQueriesTest {

    record ArtistRow(String name) {}
    record AlbumRow(String title, @Nullable ArtistRow artist) {}
    record TrackRow(int trackId, String name, BigDecimal unitPrice, @Nullable AlbumRow album) {}

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a flat SELECT comes back as entities of the model, its values bound as parameters")
    void flat(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        List<Entity> tracks = db.query(Jdbc.sql(db, "SELECT \"TrackId\", \"Name\", \"Milliseconds\" FROM \"Track\" WHERE \"AlbumId\" = ? "
                + "ORDER BY \"TrackId\""), List.of(1), TRACK);
        List<Entity> expected = db.findAll(Query.from(TRACK).attributes(TRACK.trackId, TRACK.name, TRACK.milliseconds)
                .where(TRACK.albumId.eq(1)).order(TRACK.trackId.asc()));
        assertThat(tracks).hasSize(10);
        assertThat(tracks.stream().map(Entity::toJson).collect(Collectors.toList()))
                .isEqualTo(expected.stream().map(Entity::toJson).collect(Collectors.toList()));
        assertThatThrownBy(() -> tracks.get(0).get(TRACK.composer)).isInstanceOf(QueryException.class)
                .hasMessageContaining("was not read");
        // a value that would break out of a spliced string is only a value
        assertThat(db.query(Jdbc.sql(db, "SELECT \"ArtistId\", \"Name\" FROM \"Artist\" WHERE \"Name\" = ?"),
                List.of("AC/DC' OR '1'='1"), ARTIST)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("columns labelled by alias path nest, and a hasMany's rows are collected under their parent by key")
    void nested(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        List<Entity> artists = db.query(Jdbc.sql(db, "SELECT a.\"ArtistId\", a.\"Name\", b.\"AlbumId\" AS \"albums.AlbumId\", "
                + "b.\"Title\" AS \"albums.Title\", t.\"TrackId\" AS \"albums.tracks.TrackId\", t.\"Name\" AS \"albums.tracks.Name\" "
                + "FROM \"Artist\" a JOIN \"Album\" b ON b.\"ArtistId\" = a.\"ArtistId\" JOIN \"Track\" t ON t.\"AlbumId\" = b.\"AlbumId\" "
                + "WHERE a.\"Name\" IN (?, ?) ORDER BY a.\"Name\", b.\"Title\", t.\"TrackId\""), List.of("AC/DC", "Accept"), ARTIST);
        Query same = Query.from(ARTIST).where(ARTIST.name.isIn(List.of("AC/DC", "Accept")))
                .include("albums", a -> a.attributes(ALBUM.albumId, ALBUM.title).include("tracks", t -> t.attributes(TRACK.trackId, TRACK.name)))
                .order(ARTIST.name.asc(), ALBUM.title.at("albums").asc(), TRACK.trackId.at("albums", "tracks").asc());
        assertThat(artists).extracting(a -> a.get(ARTIST.name)).containsExactly("AC/DC", "Accept");
        assertThat(artists.get(0).many("albums")).extracting(a -> a.get(ALBUM.title))
                .containsExactly("For Those About To Rock We Salute You", "Let There Be Rock");
        assertThat(artists.get(0).many("albums").get(0).many("tracks")).hasSize(10);
        assertThat(artists.get(0).many("albums").get(1).many("tracks")).hasSize(8);
        assertThat(artists.stream().map(Entity::toJson).collect(Collectors.toList()))
                .isEqualTo(db.findAll(same).stream().map(Entity::toJson).collect(Collectors.toList()));
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("to-one paths nest too, a missing one is null, and the rows map to records")
    void toOneAndTyped(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        String sql = Jdbc.sql(db, "SELECT t.\"TrackId\", t.\"Name\", t.\"UnitPrice\", b.\"AlbumId\" AS \"album.AlbumId\", "
                + "b.\"Title\" AS \"album.Title\", a.\"ArtistId\" AS \"album.artist.ArtistId\", a.\"Name\" AS \"album.artist.Name\" "
                + "FROM \"Track\" t LEFT JOIN \"Album\" b ON b.\"AlbumId\" = t.\"AlbumId\" AND b.\"Title\" <> ? "
                + "LEFT JOIN \"Artist\" a ON a.\"ArtistId\" = b.\"ArtistId\" WHERE t.\"TrackId\" IN (?, ?) ORDER BY t.\"TrackId\"");
        List<Object> binds = List.of("Let There Be Rock", 1, 15);
        List<Entity> tracks = db.query(sql, binds, TRACK);
        assertThat(tracks).extracting(t -> t.get(TRACK.trackId)).containsExactly(1, 15);
        assertThat(tracks.get(0).one("album").one("artist").get(ARTIST.name)).isEqualTo("AC/DC");
        assertThat(tracks.get(1).one("album")).isNull();      // track 15 is on "Let There Be Rock", which the join left out

        List<TrackRow> rows = db.query(sql, binds, TRACK, TrackRow.class);
        assertThat(rows).containsExactly(
                new TrackRow(1, "For Those About To Rock (We Salute You)", new BigDecimal("0.99"),
                        new AlbumRow("For Those About To Rock We Salute You", new ArtistRow("AC/DC"))),
                new TrackRow(15, "Go Down", new BigDecimal("0.99"), null));
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a belongsToMany path collects each parent's children once, however the rows repeat")
    void belongsToMany(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        List<Entity> playlists = db.query(Jdbc.sql(db, "SELECT p.\"PlaylistId\", p.\"Name\", t.\"TrackId\" AS \"tracks.TrackId\" "
                + "FROM \"Playlist\" p JOIN \"PlaylistTrack\" pt ON pt.\"PlaylistId\" = p.\"PlaylistId\" "
                + "JOIN \"Track\" t ON t.\"TrackId\" = pt.\"TrackId\" WHERE p.\"PlaylistId\" IN (?, ?) ORDER BY t.\"TrackId\" DESC"),
                List.of(3, 18), PLAYLIST);
        List<Integer> expected = Jdbc.rows(db, "SELECT \"PlaylistId\", count(*) FROM \"PlaylistTrack\" WHERE \"PlaylistId\" IN (?, ?) "
                + "GROUP BY \"PlaylistId\" ORDER BY \"PlaylistId\"", 3, 18).stream().map(r -> ((Number) r.get(1)).intValue()).toList();
        assertThat(playlists).extracting(p -> p.get(PLAYLIST.playlistId)).containsExactlyInAnyOrder(3, 18);
        Entity three = playlists.stream().filter(p -> p.get(PLAYLIST.playlistId) == 3).findFirst().orElseThrow();
        Entity eighteen = playlists.stream().filter(p -> p.get(PLAYLIST.playlistId) == 18).findFirst().orElseThrow();
        assertThat(List.of(three.many("tracks").size(), eighteen.many("tracks").size())).isEqualTo(expected);
        assertThat(three.many("tracks")).extracting(t -> t.get(TRACK.trackId)).isSortedAccordingTo((x, y) -> y - x).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a column label that names no attribute or alias fails, naming what exists")
    void unknownLabels(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        assertThatThrownBy(() -> db.query(Jdbc.sql(db, "SELECT \"TrackId\", \"Name\" AS \"Titel\" FROM \"Track\""), List.of(), TRACK))
                .isInstanceOf(UnknownColumnException.class)
                .hasMessage("Result column 'Titel' is not an attribute of the root Track; Track has: " + TRACK.attributeNames()
                        + "; label an included model's column by its path, e.g. \"album.Title\"");
        assertThatThrownBy(() -> db.query(Jdbc.sql(db, "SELECT \"TrackId\", \"Name\" AS \"albm.Title\" FROM \"Track\""), List.of(), TRACK))
                .isInstanceOf(AssociationNotFoundException.class)
                .hasMessage("Result column 'albm.Title': 'albm' is not an association of Track; Track has: album, genre, mediaType, "
                        + "playlists, invoiceLines");
        assertThatThrownBy(() -> db.query(Jdbc.sql(db, "SELECT \"TrackId\", \"Name\" AS \"album.Titel\" FROM \"Track\""), List.of(), TRACK))
                .isInstanceOf(UnknownColumnException.class)
                .hasMessage("Result column 'album.Titel' is not an attribute of 'album' (Album); Album has: AlbumId, Title, ArtistId");
        assertThatThrownBy(() -> db.query(Jdbc.sql(db, "SELECT \"TrackId\", \"AlbumId\" AS \"trackid\" FROM \"Track\""), List.of(), TRACK))
                .isInstanceOf(QueryException.class)
                .hasMessage("Result columns 'TrackId' and 'trackid' both give Track.TrackId; give each attribute one column");
    }
}
