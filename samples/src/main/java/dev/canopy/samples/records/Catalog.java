package dev.canopy.samples.records;

import static dev.canopy.chinook.Chinook.ALBUM;
import static dev.canopy.chinook.Chinook.ALBUM_TRACKS;
import static dev.canopy.chinook.Chinook.ARTIST;
import static dev.canopy.chinook.Chinook.ARTIST_ALBUMS;
import static dev.canopy.chinook.Chinook.EMPLOYEE;
import static dev.canopy.chinook.Chinook.EMPLOYEE_MANAGER;
import static dev.canopy.chinook.Chinook.EMPLOYEE_REPORTS;
import static dev.canopy.chinook.Chinook.PLAYLIST;
import static dev.canopy.chinook.Chinook.PLAYLIST_TRACKS;
import static dev.canopy.chinook.Chinook.TRACK;
import static dev.canopy.chinook.Chinook.TRACK_GENRE;

import dev.canopy.Canopy;
import dev.canopy.chinook.ChinookData;
import dev.canopy.query.Query;
import dev.canopy.result.Attribute;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Chinook into records: artists with their albums and each album's tracks with genre; an employee with manager
 * and reports; a playlist with its tracks. The same sample in Kotlin is {@code dev.canopy.samples.dataclasses}.
 */
public final class Catalog {
    private Catalog() {}

    // ---- artists, albums, tracks, genre ----

    /** Components match attributes by name: {@code artistId} is {@code ArtistId}, {@code name} is {@code Name}. */
    public record ArtistView(int artistId, @Nullable String name, List<AlbumView> albums) {}

    public record AlbumView(String title, List<TrackView> tracks) {}

    /** {@code genre} is an optional include: null when a track has none. */
    public record TrackView(String name, @Nullable String composer, int milliseconds, BigDecimal unitPrice, @Nullable GenreView genre) {}

    public record GenreView(@Nullable String name) {}

    public static List<ArtistView> artists(Canopy db, String name) {
        Query q = Query.from(ARTIST)
                .where(ARTIST.name.eq(name))
                .include(ARTIST_ALBUMS, albums -> albums.include(ALBUM_TRACKS, tracks -> tracks.include(TRACK_GENRE)))
                .order(ARTIST.name.asc(), ALBUM.title.at("albums").asc(), TRACK.trackId.at("albums", "tracks").asc());
        return db.findAll(q, ArtistView.class);
    }

    // ---- an employee, their manager and their reports (a self-association both ways) ----

    public record EmployeeView(String firstName, String lastName, @Nullable String title, @Nullable Person manager, List<Person> reports) {}

    public record Person(String firstName, String lastName) {}

    public static @Nullable EmployeeView employee(Canopy db, int id) {
        Query q = Query.from(EMPLOYEE)
                .where(EMPLOYEE.employeeId.eq(id))
                .include(EMPLOYEE_MANAGER)
                .include(EMPLOYEE_REPORTS)
                .order(EMPLOYEE.lastName.at("reports").asc());
        return db.findOne(q, EmployeeView.class);
    }

    // ---- a playlist and its tracks (many to many) ----

    /** {@code @Attribute} binds a component whose name differs; {@code Optional} stands for a nullable attribute. */
    public record PlaylistView(@Nullable String name, List<PlaylistTrack> tracks) {}

    public record PlaylistTrack(@Attribute("TrackId") int id, String name, Optional<String> composer) {}

    public static @Nullable PlaylistView playlist(Canopy db, int id) {
        return db.findOne(Query.from(PLAYLIST).where(PLAYLIST.playlistId.eq(id)).include(PLAYLIST_TRACKS), PlaylistView.class);
    }

    /** Loads Chinook into an in-memory H2 database and prints the three results. */
    public static void main(String[] args) {
        try (Canopy db = Canopy.connect("jdbc:h2:mem:catalog-java;DB_CLOSE_DELAY=-1", dev.canopy.chinook.Chinook.SCHEMA)) {
            ChinookData.load(db.dataSource());
            for (ArtistView artist : artists(db, "AC/DC")) {
                System.out.println(artist.name());
                for (AlbumView album : artist.albums()) {
                    System.out.println("  " + album.title() + " (" + album.tracks().size() + " tracks)");
                    for (TrackView t : album.tracks()) {
                        System.out.println("    " + t.name() + " [" + (t.genre() == null ? "no genre" : t.genre().name()) + "]");
                    }
                }
            }
            EmployeeView nancy = employee(db, 2);
            if (nancy != null) {
                System.out.println(nancy.firstName() + " " + nancy.lastName() + ", " + nancy.title()
                        + (nancy.manager() == null ? "" : ", reports to " + nancy.manager().firstName())
                        + "; reports: " + nancy.reports().stream().map(Person::firstName).toList());
            }
            PlaylistView playlist = playlist(db, 18);
            if (playlist != null) {
                System.out.println(playlist.name() + ": " + playlist.tracks().stream()
                        .map(t -> t.name() + t.composer().map(c -> " by " + c).orElse("")).toList());
            }
        }
    }
}
