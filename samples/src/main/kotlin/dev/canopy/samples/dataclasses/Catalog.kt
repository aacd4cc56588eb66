package dev.canopy.samples.dataclasses

import dev.canopy.Canopy
import dev.canopy.chinook.Chinook.ALBUM
import dev.canopy.chinook.Chinook.ALBUM_TRACKS
import dev.canopy.chinook.Chinook.ARTIST
import dev.canopy.chinook.Chinook.ARTIST_ALBUMS
import dev.canopy.chinook.Chinook.EMPLOYEE
import dev.canopy.chinook.Chinook.EMPLOYEE_MANAGER
import dev.canopy.chinook.Chinook.EMPLOYEE_REPORTS
import dev.canopy.chinook.Chinook.PLAYLIST
import dev.canopy.chinook.Chinook.PLAYLIST_TRACKS
import dev.canopy.chinook.Chinook.TRACK
import dev.canopy.chinook.Chinook.TRACK_GENRE
import dev.canopy.chinook.ChinookData
import dev.canopy.query.Query
import dev.canopy.result.Attribute
import java.math.BigDecimal

// Chinook into Kotlin data classes: the same sample as dev.canopy.samples.records.Catalog, in Kotlin.
// Names and nullness come from the primary constructor: String? where a column may be null or an include may be
// absent, List<...> for to-many includes. No kotlin-reflect, no -java-parameters.

// ---- artists, albums, tracks, genre ----

data class ArtistView(val artistId: Int, val name: String?, val albums: List<AlbumView>)

data class AlbumView(val title: String, val tracks: List<TrackView>)

/** `genre` is an optional include: null when a track has none. */
data class TrackView(val name: String, val composer: String?, val milliseconds: Int, val unitPrice: BigDecimal, val genre: GenreView?)

data class GenreView(val name: String?)

fun artists(db: Canopy, name: String): List<ArtistView> {
    val q = Query.from(ARTIST)
        .where(ARTIST.name.eq(name))
        .include(ARTIST_ALBUMS) { albums -> albums.include(ALBUM_TRACKS) { it.include(TRACK_GENRE) } }
        .order(ARTIST.name.asc(), ALBUM.title.at("albums").asc(), TRACK.trackId.at("albums", "tracks").asc())
    return db.findAll(q, ArtistView::class.java)
}

// ---- an employee, their manager and their reports (a self-association both ways) ----

data class EmployeeView(val firstName: String, val lastName: String, val title: String?, val manager: Person?, val reports: List<Person>)

data class Person(val firstName: String, val lastName: String)

fun employee(db: Canopy, id: Int): EmployeeView? {
    val q = Query.from(EMPLOYEE)
        .where(EMPLOYEE.employeeId.eq(id))
        .include(EMPLOYEE_MANAGER)
        .include(EMPLOYEE_REPORTS)
        .order(EMPLOYEE.lastName.at("reports").asc())
    return db.findOne(q, EmployeeView::class.java)
}

// ---- a playlist and its tracks (many to many) ----

/** `@Attribute` binds a parameter whose name differs from the attribute's. */
data class PlaylistView(val name: String?, val tracks: List<PlaylistTrack>)

data class PlaylistTrack(@Attribute("TrackId") val id: Int, val name: String, val composer: String?)

fun playlist(db: Canopy, id: Int): PlaylistView? =
    db.findOne(Query.from(PLAYLIST).where(PLAYLIST.playlistId.eq(id)).include(PLAYLIST_TRACKS), PlaylistView::class.java)

/** Loads Chinook into an in-memory H2 database and prints the three results. */
fun main() {
    Canopy.connect("jdbc:h2:mem:catalog-kotlin;DB_CLOSE_DELAY=-1", dev.canopy.chinook.Chinook.SCHEMA).use { db ->
        ChinookData.load(db.dataSource())
        for (artist in artists(db, "AC/DC")) {
            println(artist.name)
            for (album in artist.albums) {
                println("  ${album.title} (${album.tracks.size} tracks)")
                album.tracks.forEach { println("    ${it.name} [${it.genre?.name ?: "no genre"}]") }
            }
        }
        employee(db, 2)?.let { nancy ->
            println("${nancy.firstName} ${nancy.lastName}, ${nancy.title}" +
                (nancy.manager?.let { ", reports to ${it.firstName}" } ?: "") +
                "; reports: ${nancy.reports.map { it.firstName }}")
        }
        playlist(db, 18)?.let { p -> println("${p.name}: ${p.tracks.map { t -> t.name + (t.composer?.let { " by $it" } ?: "") }}") }
    }
}
