package dev.canopy.samples.dataclasses

import dev.canopy.Canopy
import dev.canopy.chinook.ChinookData
import java.math.BigDecimal
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test

/** The Kotlin catalog sample returns what Chinook holds; its twin is dev.canopy.samples.records.CatalogTest. */
class CatalogTest {
    companion object {
        private lateinit var db: Canopy

        @JvmStatic @BeforeAll
        fun load() {
            db = Canopy.connect("jdbc:h2:mem:catalog-kotlin-test;DB_CLOSE_DELAY=-1", dev.canopy.chinook.Chinook.SCHEMA)
            ChinookData.load(db.dataSource())
        }

        @JvmStatic @AfterAll
        fun close() = db.close()
    }

    @Test
    fun `an artist comes with their albums, and each album with its tracks and their genre`() {
        val acdc = artists(db, "AC/DC").single()
        assertThat(acdc.artistId).isEqualTo(1)
        assertThat(acdc.albums.map { it.title to it.tracks.size })
            .containsExactly("For Those About To Rock We Salute You" to 10, "Let There Be Rock" to 8)
        assertThat(acdc.albums[0].tracks[0]).isEqualTo(
            TrackView("For Those About To Rock (We Salute You)", "Angus Young, Malcolm Young, Brian Johnson", 343719, BigDecimal("0.99"), GenreView("Rock")))
        assertThat(acdc.albums.flatMap { it.tracks }).allSatisfy { assertThat(it.genre?.name).isEqualTo("Rock") }
    }

    @Test
    fun `an employee comes with their manager and their reports`() {
        assertThat(employee(db, 2)).isEqualTo(EmployeeView("Nancy", "Edwards", "Sales Manager", Person("Andrew", "Adams"),
            listOf(Person("Steve", "Johnson"), Person("Margaret", "Park"), Person("Jane", "Peacock"))))
        assertThat(employee(db, 1)?.manager).isNull()
        assertThat(employee(db, 99)).isNull()
    }

    @Test
    fun `a playlist comes with its tracks, a parameter bound by @Attribute`() {
        assertThat(playlist(db, 18)).isEqualTo(PlaylistView("On-The-Go 1", listOf(PlaylistTrack(597, "Now's The Time", "Miles Davis"))))
    }

    @Test
    fun `the sample runs`() {
        main()
    }
}
