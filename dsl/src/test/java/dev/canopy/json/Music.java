package dev.canopy.json;

import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A small music schema for the JSON tests (the Chinook module depends on dsl, so dsl tests build their own):
 * artists, albums, tracks with one column of every type, two associations from Track to Genre (so that an include
 * by model can be ambiguous), playlists through a junction, and employees with a manager.
 */
final class Music {
    private Music() {}

    private static ModelOptions frozen() {
        return ModelOptions.defaults().freezeTableName().timestamps(false);
    }

    static final class ArtistModel extends Model {
        final Column<Integer> artistId = integer("ArtistId").primaryKey();
        final Column<String> name = string("Name", 120);

        ArtistModel() { super("Artist", frozen()); }
    }

    static final class AlbumModel extends Model {
        final Column<Integer> albumId = integer("AlbumId").primaryKey();
        final Column<String> title = string("Title", 160).notNull();
        final Column<Integer> artistId = integer("ArtistId").notNull();
        final Column<LocalDate> released = date("Released");

        AlbumModel() { super("Album", frozen()); }
    }

    static final class GenreModel extends Model {
        final Column<Integer> genreId = integer("GenreId").primaryKey();
        final Column<String> name = string("Name", 120);

        GenreModel() { super("Genre", frozen()); }
    }

    static final class TrackModel extends Model {
        final Column<Integer> trackId = integer("TrackId").primaryKey();
        final Column<String> name = string("Name", 200).notNull();
        final Column<Integer> albumId = integer("AlbumId");
        final Column<Integer> genreId = integer("GenreId");
        final Column<Integer> altGenreId = integer("AltGenreId");
        final Column<String> composer = string("Composer", 220);
        final Column<BigDecimal> unitPrice = decimal("UnitPrice", 10, 2).notNull();
        final Column<Long> bytes = bigint("Bytes");
        final Column<Boolean> explicit = bool("Explicit");
        final Column<LocalDateTime> recordedAt = timestamp("RecordedAt");
        final Column<UUID> code = uuid("Code");

        TrackModel() { super("Track", frozen()); }
    }

    static final class PlaylistModel extends Model {
        final Column<Integer> playlistId = integer("PlaylistId").primaryKey();
        final Column<String> name = string("Name", 120);

        PlaylistModel() { super("Playlist", frozen()); }
    }

    static final class PlaylistTrackModel extends Model {
        final Column<Integer> playlistId = integer("PlaylistId").primaryKey();
        final Column<Integer> trackId = integer("TrackId").primaryKey();

        PlaylistTrackModel() { super("PlaylistTrack", frozen()); }
    }

    static final class EmployeeModel extends Model {
        final Column<Integer> employeeId = integer("EmployeeId").primaryKey();
        final Column<String> name = string("Name", 40);
        final Column<Integer> reportsTo = integer("ReportsTo");

        EmployeeModel() { super("Employee", frozen()); }
    }

    static final ArtistModel ARTIST = new ArtistModel();
    static final AlbumModel ALBUM = new AlbumModel();
    static final GenreModel GENRE = new GenreModel();
    static final TrackModel TRACK = new TrackModel();
    static final PlaylistModel PLAYLIST = new PlaylistModel();
    static final PlaylistTrackModel PLAYLIST_TRACK = new PlaylistTrackModel();
    static final EmployeeModel EMPLOYEE = new EmployeeModel();

    static final Schema SCHEMA = Schema.builder()
            .models(ARTIST, ALBUM, GENRE, TRACK, PLAYLIST, PLAYLIST_TRACK, EMPLOYEE)
            .associations(
                    Association.hasMany(ARTIST, ALBUM).alias("albums").foreignKey("ArtistId"),
                    Association.belongsTo(ALBUM, ARTIST).alias("artist").foreignKey("ArtistId"),
                    Association.hasMany(ALBUM, TRACK).alias("tracks").foreignKey("AlbumId"),
                    Association.belongsTo(TRACK, ALBUM).alias("album").foreignKey("AlbumId"),
                    Association.belongsTo(TRACK, GENRE).alias("genre").foreignKey("GenreId"),
                    Association.belongsTo(TRACK, GENRE).alias("altGenre").foreignKey("AltGenreId"),
                    Association.hasMany(GENRE, TRACK).alias("tracks").foreignKey("GenreId"),
                    Association.belongsToMany(PLAYLIST, TRACK, PLAYLIST_TRACK).alias("tracks").foreignKey("PlaylistId").otherKey("TrackId"),
                    Association.belongsToMany(TRACK, PLAYLIST, PLAYLIST_TRACK).alias("playlists").foreignKey("TrackId").otherKey("PlaylistId"),
                    Association.belongsTo(EMPLOYEE, EMPLOYEE).alias("manager").foreignKey("ReportsTo"),
                    Association.hasMany(EMPLOYEE, EMPLOYEE).alias("reports").foreignKey("ReportsTo"))
            .build();
}
