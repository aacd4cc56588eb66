package dev.canopy.samples.dataclasses

import dev.canopy.Canopy
import dev.canopy.chinook.Chinook.GENRE
import dev.canopy.chinook.Chinook.TRACK
import dev.canopy.chinook.Chinook.TRACK_GENRE
import dev.canopy.chinook.ChinookData
import dev.canopy.error.MappingException
import dev.canopy.query.Query
import dev.canopy.result.Included
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test

// Kotlin classes for the rules Kotlin adds: names and nullness from the primary constructor's metadata.
data class StrictTrack(val name: String, val composer: String, val bytes: Int, val genre: GenreView)

data class Mistyped(val name: Int?, val trackId: String, val milliseconds: Long, val albumTitle: String?)

data class LenientTrack(val name: String, val composer: String?, val bytes: Int?, val genre: GenreView?)

/** Not a data class: any Kotlin class with a primary constructor maps; default values and other constructors do not matter. */
class Tune(val trackId: Int, @Included("genre") val style: GenreView? = null, val name: String = "?") {
    constructor(name: String) : this(0, null, name)

    override fun toString() = "Tune($trackId, $style, $name)"
}

/** Kotlin classes fill as Java records do; Kotlin's nullness decides what may be null. */
class KotlinMappingTest {
    companion object {
        private lateinit var db: Canopy

        @JvmStatic @BeforeAll
        fun load() {
            db = Canopy.connect("jdbc:h2:mem:kotlin-mapping;DB_CLOSE_DELAY=-1", dev.canopy.chinook.Chinook.SCHEMA)
            ChinookData.load(db.dataSource())
        }

        @JvmStatic @AfterAll
        fun close() = db.close()
    }

    private val firstTracks = Query.from(TRACK).include(TRACK_GENRE).order(TRACK.trackId.asc()).limit(2)

    @Test
    fun `a non-null parameter fed by a nullable column or an optional include is a mapping error, before the query runs`() {
        assertThatThrownBy { db.findAll(firstTracks, StrictTrack::class.java) }
            .isInstanceOf(MappingException::class.java)
            .hasMessage("""
                Cannot map Track to dev.canopy.samples.dataclasses.StrictTrack:
                  - StrictTrack.composer (String): Track.Composer may be null, but the parameter's type is not nullable; add ? to it
                  - StrictTrack.bytes (Int): Track.Bytes may be null, but the parameter's type is not nullable; add ? to it
                  - StrictTrack.genre (GenreView): include 'genre' is optional, so it may be absent, but the parameter's type is not nullable; add ? to it, or make the include required()
                """.trimIndent())
    }

    @Test
    fun `types and names are checked too, and messages name Kotlin types`() {
        assertThatThrownBy { db.findAll(firstTracks, Mistyped::class.java) }
            .isInstanceOf(MappingException::class.java)
            .hasMessage("""
                Cannot map Track to dev.canopy.samples.dataclasses.Mistyped:
                  - Mistyped.name (Int?): cannot convert Track.Name (String) to Int?
                  - Mistyped.trackId (String): cannot convert Track.TrackId (Integer) to String
                  - Mistyped.albumTitle (String?): no attribute or include matches 'albumTitle' (Track reads TrackId, Name, AlbumId, MediaTypeId, GenreId, Composer, Milliseconds, Bytes, UnitPrice; includes genre)
                """.trimIndent())
    }

    @Test
    fun `a required include may feed a non-null parameter`() {
        val required = Query.from(TRACK).where(TRACK.composer.isNotNull().and(TRACK.bytes.isNotNull()))
            .include(TRACK_GENRE) { it.required() }.order(TRACK.trackId.asc()).limit(1)
        assertThatThrownBy { db.findAll(required, StrictTrack::class.java) }.hasMessageNotContaining("include 'genre'")
        assertThat(db.findAll(required, LenientTrack::class.java).single().genre).isEqualTo(GenreView("Rock"))
    }

    @Test
    fun `nullable parameters take nulls`() {
        val tracks = db.findAll(Query.from(TRACK).include(TRACK_GENRE).where(TRACK.trackId.isIn(1, 63)).order(TRACK.trackId.asc()), LenientTrack::class.java)
        assertThat(tracks.map { it.composer }).containsExactly("Angus Young, Malcolm Young, Brian Johnson", null)
    }

    @Test
    fun `a Kotlin class that is not a data class maps through its primary constructor`() {
        val tune = db.findOne(Query.from(TRACK).include(TRACK_GENRE) { it.attributes(GENRE.name) }.where(TRACK.trackId.eq(1)), Tune::class.java)
        assertThat(tune.toString()).isEqualTo("Tune(1, GenreView(name=Rock), For Those About To Rock (We Salute You))")
    }

    @Test
    fun `an entity maps into a data class`() {
        val entity = db.findOne(Query.from(TRACK).include(TRACK_GENRE).where(TRACK.trackId.eq(63)))!!
        assertThat(entity.into(LenientTrack::class.java)).isEqualTo(LenientTrack("Desafinado", null, 5990473, GenreView("Jazz")))
    }
}
