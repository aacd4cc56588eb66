package dev.canopy.translate;

import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The translator's test schema (the Chinook module depends on dsl, so dsl tests build their own): the seed's
 * events and zones, keys that are not {@code id}; and a small music store with a hasMany / belongsTo chain, a
 * belongsToMany through a junction, and a self-association. Public, with public fields, so that generated typed
 * Java compiles against it.
 */
public final class Music {
    private Music() {}

    private static ModelOptions frozen() {
        return ModelOptions.defaults().freezeTableName().timestamps(false);
    }

    public static final class ZoneModel extends Model {
        public final Column<Integer> zid = integer("zid").primaryKey();
        public final Column<String> zoneName = string("zoneName", 64).field("zone_name");

        ZoneModel() { super("Zone", ModelOptions.defaults().timestamps(false).table("zones")); }
    }

    public static final class EventModel extends Model {
        public final Column<Integer> eventId = integer("eventId").primaryKey().field("event_id");
        public final Column<String> eventName = string("eventName", 64).notNull().field("event_name");
        public final Column<Integer> eventTz = integer("eventTz").field("event_tz");
        public final Column<Integer> eventCreatorFk = integer("eventCreatorFk").notNull().field("event_creator_fk");
        public final Column<LocalDate> eventDate = date("eventDate").field("event_date");

        EventModel() { super("Event", ModelOptions.defaults().timestamps(false).table("events")); }
    }

    public static final class ArtistModel extends Model {
        public final Column<Integer> artistId = integer("ArtistId").primaryKey();
        public final Column<String> name = string("Name", 120);

        ArtistModel() { super("Artist", frozen()); }
    }

    public static final class AlbumModel extends Model {
        public final Column<Integer> albumId = integer("AlbumId").primaryKey();
        public final Column<String> title = string("Title", 160).notNull();
        public final Column<Integer> artistId = integer("ArtistId").notNull();

        AlbumModel() { super("Album", frozen()); }
    }

    public static final class TrackModel extends Model {
        public final Column<Integer> trackId = integer("TrackId").primaryKey();
        public final Column<String> name = string("Name", 200).notNull();
        public final Column<Integer> albumId = integer("AlbumId");
        public final Column<Long> bytes = bigint("Bytes");
        public final Column<BigDecimal> unitPrice = decimal("UnitPrice", 10, 2).notNull();

        TrackModel() { super("Track", frozen()); }
    }

    public static final class PlaylistModel extends Model {
        public final Column<Integer> playlistId = integer("PlaylistId").primaryKey();
        public final Column<String> name = string("Name", 120);

        PlaylistModel() { super("Playlist", frozen()); }
    }

    public static final class PlaylistTrackModel extends Model {
        public final Column<Integer> playlistId = integer("PlaylistId").primaryKey();
        public final Column<Integer> trackId = integer("TrackId").primaryKey();

        PlaylistTrackModel() { super("PlaylistTrack", frozen()); }
    }

    public static final class EmployeeModel extends Model {
        public final Column<Integer> employeeId = integer("EmployeeId").primaryKey();
        public final Column<String> lastName = string("LastName", 20).notNull();
        public final Column<Integer> reportsTo = integer("ReportsTo");

        EmployeeModel() { super("Employee", frozen()); }
    }

    public static final ZoneModel ZONE = new ZoneModel();
    public static final EventModel EVENT = new EventModel();
    public static final ArtistModel ARTIST = new ArtistModel();
    public static final AlbumModel ALBUM = new AlbumModel();
    public static final TrackModel TRACK = new TrackModel();
    public static final PlaylistModel PLAYLIST = new PlaylistModel();
    public static final PlaylistTrackModel PLAYLIST_TRACK = new PlaylistTrackModel();
    public static final EmployeeModel EMPLOYEE = new EmployeeModel();

    public static final Schema SCHEMA = Schema.builder()
            .models(ZONE, EVENT, ARTIST, ALBUM, TRACK, PLAYLIST, PLAYLIST_TRACK, EMPLOYEE)
            .associations(
                    Association.belongsTo(EVENT, ZONE).alias("zone").foreignKey("eventTz").targetKey("zid"),
                    Association.hasMany(ARTIST, ALBUM).alias("albums").foreignKey("ArtistId"),
                    Association.belongsTo(ALBUM, ARTIST).alias("artist").foreignKey("ArtistId"),
                    Association.hasMany(ALBUM, TRACK).alias("tracks").foreignKey("AlbumId"),
                    Association.belongsTo(TRACK, ALBUM).alias("album").foreignKey("AlbumId"),
                    Association.belongsToMany(PLAYLIST, TRACK, PLAYLIST_TRACK).alias("tracks").foreignKey("PlaylistId").otherKey("TrackId"),
                    Association.belongsToMany(TRACK, PLAYLIST, PLAYLIST_TRACK).alias("playlists").foreignKey("TrackId").otherKey("PlaylistId"),
                    Association.belongsTo(EMPLOYEE, EMPLOYEE).alias("manager").foreignKey("ReportsTo"),
                    Association.hasMany(EMPLOYEE, EMPLOYEE).alias("reports").foreignKey("ReportsTo"))
            .build();
}
