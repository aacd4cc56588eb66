package dev.canopy.kotlin

import dev.canopy.Canopy
import dev.canopy.chinook.Chinook.ALBUM
import dev.canopy.chinook.Chinook.ARTIST
import dev.canopy.chinook.Chinook.GENRE
import dev.canopy.chinook.Chinook.TRACK
import dev.canopy.chinook.ChinookData
import dev.canopy.error.QueryException
import dev.canopy.kotlin.Music.ALBUM_ARTIST
import dev.canopy.kotlin.Music.ALBUM_TRACKS
import dev.canopy.kotlin.Music.ARTIST_ALBUMS
import dev.canopy.kotlin.Music.TRACK_GENRE
import dev.canopy.query.Query
import kotlinx.coroutines.runBlocking
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import dev.canopy.chinook.Chinook.ALBUM_TRACKS as ALBUM_TRACKS_UNTYPED
import dev.canopy.chinook.Chinook.ARTIST_ALBUMS as ARTIST_ALBUMS_UNTYPED

data class TrackView(val name: String, val composer: String?)

data class AlbumView(val title: String, val tracks: List<TrackView>)

data class ArtistView(val name: String?, val albums: List<AlbumView>)

/** The Kotlin extensions on Chinook in H2: reified results, the query scope, typed paths, suspend variants. */
class KotlinExtensionsTest {
    companion object {
        private lateinit var db: Canopy

        @JvmStatic @BeforeAll
        fun load() {
            db = Canopy.connect("jdbc:h2:mem:canopy-kotlin-test;DB_CLOSE_DELAY=-1", dev.canopy.chinook.Chinook.SCHEMA)
            ChinookData.load(db.dataSource())
        }

        @JvmStatic @AfterAll
        fun close() = db.close()
    }

    private val acdc = query(ARTIST) {
        where { ARTIST.name.eq("AC/DC") }
        include(ARTIST_ALBUMS) {
            include(ALBUM_TRACKS) { where { TRACK.milliseconds.lt(250_000) } ; required(false) }
        }
        order(via(ARTIST_ALBUMS) { title }.desc(), via(ARTIST_ALBUMS, ALBUM_TRACKS) { name }.asc())
    }

    @Test
    fun `findAll with a type argument maps to data classes`() {
        val artists = db.findAll<ArtistView>(acdc)
        assertThat(artists.map { it.name }).containsExactly("AC/DC")
        assertThat(artists.single().albums.map { it.title }).containsExactly("Let There Be Rock", "For Those About To Rock We Salute You")
        assertThat(artists.single().albums[0].tracks.map { it.name }).containsExactly("Dog Eat Dog")
        assertThat(artists.single().albums[1].tracks.map { it.name })
            .containsExactly("C.O.D.", "Inject The Venom", "Let's Get It Up", "Night Of The Long Knives", "Put The Finger On You", "Snowballed")
    }

    @Test
    fun `findOne with a type argument is null when nothing matches, and stream closes its connection`() {
        assertThat(db.findOne<ArtistView>(acdc)?.albums?.size).isEqualTo(2)
        assertThat(db.findOne<ArtistView>(acdc.with { where(ARTIST.name.eq("nobody")) })).isNull()
        val names = db.stream<TrackView>(Query.from(TRACK).where(TRACK.albumId.eq(4)).order(TRACK.trackId.asc())).use { s -> s.map { it.name }.toList() }
        assertThat(names).hasSize(8).startsWith("Go Down", "Dog Eat Dog")
    }

    @Test
    fun `the Kotlin scope builds the same query value as the Java builder`() {
        val java = Query.from(ARTIST).where(ARTIST.name.eq("AC/DC"))
            .include(ARTIST_ALBUMS_UNTYPED) { albums ->
                albums.include(ALBUM_TRACKS_UNTYPED) { it.where(TRACK.milliseconds.lt(250_000)).required(false) }
            }
            .order(ALBUM.title.at("albums").desc(), TRACK.name.at("albums", "tracks").asc())
        assertThat(acdc).isEqualTo(java)
        assertThat(db.toSql(acdc)).isEqualTo(db.toSql(java))
    }

    @Test
    fun `typed paths are the alias paths, in every form`() {
        assertThat(via(ARTIST_ALBUMS, ALBUM_TRACKS) { name }).isEqualTo(TRACK.name.at("albums", "tracks"))
        assertThat((ARTIST_ALBUMS / ALBUM_TRACKS).column { name }).isEqualTo(TRACK.name.at("albums", "tracks"))
        assertThat((ARTIST_ALBUMS / ALBUM_TRACKS / TRACK_GENRE).column { name }).isEqualTo(GENRE.name.at("albums", "tracks", "genre"))
        assertThat(via(ARTIST_ALBUMS, ALBUM_TRACKS, TRACK_GENRE) { name }).isEqualTo(GENRE.name.at("albums", "tracks", "genre"))
        assertThat(ALBUM.title.via(ARTIST_ALBUMS)).isEqualTo(ALBUM.title.at("albums"))
    }

    @Test
    fun `the column-value form checks the chain when it is built`() {
        assertThatThrownBy { TRACK.name.via(ALBUM_TRACKS, ALBUM_ARTIST) }
            .isInstanceOf(QueryException::class.java)
            .hasMessage("Track.Name.via(tracks, artist): 'artist' (Album -> Artist) does not start at Track, where the path before it ends")
        // A block may name another model's column outright; the compiler cannot see that, the build of the path does.
        assertThatThrownBy { via(ALBUM_TRACKS) { ALBUM.title } }
            .isInstanceOf(QueryException::class.java)
            .hasMessage("Album.Title.via(tracks): the path ends at Track, but Title is a column of Album")
    }

    @Test
    fun `a link is checked against its association's models once, when it is declared`() {
        assertThatThrownBy { ARTIST_ALBUMS_UNTYPED.typed(ALBUM, TRACK) }
            .isInstanceOf(IllegalArgumentException::class.java)
            .hasMessage("'albums' goes from Artist to Album, not from Album to Track")
    }

    @Test
    fun `suspend variants run on the dispatcher and return the same results`(): Unit = runBlocking {
        val s = db.suspending()
        assertThat(s.findAll<ArtistView>(acdc)).isEqualTo(db.findAll<ArtistView>(acdc))
        assertThat(s.findOne<ArtistView>(acdc)?.name).isEqualTo("AC/DC")
        assertThat(s.count(Query.from(ARTIST))).isEqualTo(275L)
        val n = s.transaction {
            execute("UPDATE \"Artist\" SET \"Name\" = ? WHERE \"ArtistId\" = ?", "AC/DC", 1)
        }
        assertThat(n).isEqualTo(1)
    }
}
