package dev.canopy.chinook;

import static dev.canopy.chinook.Chinook.ALBUM;
import static dev.canopy.chinook.Chinook.ARTIST;
import static dev.canopy.chinook.Chinook.EMPLOYEE;
import static dev.canopy.chinook.Chinook.GENRE;
import static dev.canopy.chinook.Chinook.PLAYLIST;
import static dev.canopy.chinook.Chinook.TRACK;

import dev.canopy.query.Query;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The include queries {@code canopy demo} shows, kept here so that the conformance suite can prove they return the
 * same graphs on every database.
 */
public final class DemoQueries {
    private DemoQueries() {}

    /** The queries whose graphs the demo prints, by title, in the order it prints them. */
    public static Map<String, Query> graphs() {
        Map<String, Query> q = new LinkedHashMap<>();
        q.put("1. belongsTo chain: each track with its album and the album's artist",
                Query.from(TRACK).attributes(TRACK.trackId, TRACK.name)
                        .include("album", a -> a.attributes(ALBUM.title).include("artist", ar -> ar.attributes(ARTIST.name)))
                        .order(TRACK.trackId.asc())
                        .limit(3));
        q.put("2. hasMany, required, with a where: artists with an album whose title contains 'Greatest'",
                Query.from(ARTIST)
                        .include("albums", a -> a.required().where(ALBUM.title.contains("Greatest")).attributes(ALBUM.title))
                        .order(ARTIST.name.asc(), ALBUM.title.at("albums").asc()));
        q.put("3. belongsToMany through PlaylistTrack: two small playlists with their tracks, albums and artists",
                Query.from(PLAYLIST).where(PLAYLIST.name.isIn("Music Videos", "On-The-Go 1"))
                        .include("tracks", t -> t.attributes(TRACK.name)
                                .include("album", a -> a.attributes(ALBUM.title).include("artist", ar -> ar.attributes(ARTIST.name))))
                        .order(PLAYLIST.playlistId.asc()));
        q.put("4. self-association: employees with their manager and the people who report to them",
                Query.from(EMPLOYEE).attributes(EMPLOYEE.employeeId, EMPLOYEE.firstName, EMPLOYEE.lastName, EMPLOYEE.title)
                        .include("manager", m -> m.attributes(EMPLOYEE.firstName, EMPLOYEE.lastName))
                        .include("reports", r -> r.attributes(EMPLOYEE.firstName, EMPLOYEE.lastName))
                        .order(EMPLOYEE.employeeId.asc(), EMPLOYEE.firstName.at("reports").asc()));
        q.put("5. a $album.Title$ where on an included path, and an order array through aliases",
                Query.from(TRACK).attributes(TRACK.trackId, TRACK.name)
                        .include("album", a -> a.attributes(ALBUM.title).include("artist", ar -> ar.attributes(ARTIST.name)))
                        .where(ALBUM.title.at("album").startsWith("Live"))
                        .order(ARTIST.name.at("album", "artist").desc(), ALBUM.title.at("album").asc(), TRACK.name.asc())
                        .limit(4));
        return q;
    }

    /** The query whose root count the demo prints. */
    public static Map<String, Query> counts() {
        Map<String, Query> q = new LinkedHashMap<>();
        q.put("6. count: artists with at least one Jazz track (distinct roots through required nested includes)",
                Query.from(ARTIST).include("albums", a -> a.required()
                        .include("tracks", t -> t.required().include("genre", g -> g.where(GENRE.name.eq("Jazz"))))));
        return q;
    }
}
