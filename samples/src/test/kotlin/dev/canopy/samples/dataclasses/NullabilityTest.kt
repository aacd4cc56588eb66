package dev.canopy.samples.dataclasses

import dev.canopy.Canopy
import dev.canopy.chinook.Chinook.ALBUM
import dev.canopy.chinook.Chinook.ARTIST
import dev.canopy.chinook.Chinook.ARTIST_ALBUMS
import dev.canopy.chinook.ChinookData
import dev.canopy.result.Entity
import dev.canopy.query.Query
import dev.canopy.sql.SqlStatement
import kotlin.reflect.typeOf
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test

data class ArtistAlbums(val name: String?, val albums: List<AlbumTitle>)

data class AlbumTitle(val title: String)

/**
 * Kotlin sees Canopy's JSpecify nullness as Kotlin types, not as platform types. How this test proves it:
 *
 * 1. The samples' Kotlin is compiled with `-Xjspecify-annotations=strict` and `-Werror` (samples/pom.xml). A safe
 *    call (`?.`) on a non-null type is a compiler warning, so each `?.` below on `findOne`, `get` and `one` fails the
 *    build unless those return nullable types. Assigning a `@Nullable` return to a non-null type would fail too.
 * 2. Neither of those catches a platform type (`Entity!`), which accepts `?.` and non-null assignments alike. So
 *    [staticType] captures the static type the compiler inferred for an expression (a reified type parameter) and
 *    renders it at run time with `typeOf`: a platform type renders with `!`. Each return is asserted to be free of
 *    `!`, and nullable (`?`) exactly where Canopy says null can come.
 */
class NullabilityTest {
    companion object {
        private lateinit var db: Canopy

        @JvmStatic @BeforeAll
        fun load() {
            db = Canopy.connect("jdbc:h2:mem:nullability-kotlin;DB_CLOSE_DELAY=-1", dev.canopy.chinook.Chinook.SCHEMA)
            ChinookData.load(db.dataSource())
        }

        @JvmStatic @AfterAll
        fun close() = db.close()
    }

    private val acdc = Query.from(ARTIST).where(ARTIST.name.eq("AC/DC")).include(ARTIST_ALBUMS) { it.required().where(ALBUM.title.like("L%")) }

    @Test
    fun `nullable returns are nullable Kotlin types`() {
        val name: String? = db.findOne(acdc)?.get(ARTIST.name)
        val album: Entity? = db.findOne(Query.from(ALBUM).include("artist"))?.one("artist")
        val view: ArtistAlbums? = db.findOne(acdc, ArtistAlbums::class.java)
        assertThat(name).isEqualTo("AC/DC")
        assertThat(album?.get(ARTIST.name)).isEqualTo("AC/DC")
        assertThat(view?.albums?.map { it.title }).containsExactly("Let There Be Rock")

        assertThat(staticType(db.findOne(acdc))).isEqualTo("dev.canopy.result.Entity?")
        assertThat(staticType(db.findOne(acdc, ArtistAlbums::class.java))).isEqualTo("dev.canopy.samples.dataclasses.ArtistAlbums?")
        assertThat(staticType(db.findOne(acdc)!!.get(ARTIST.name))).isEqualTo("java.lang.String?")
        assertThat(staticType(db.findOne(acdc)!!.get("Name"))).isEqualTo("java.lang.Object?")
        assertThat(staticType(db.findOne(Query.from(ALBUM).include("artist"))!!.one("artist"))).isEqualTo("dev.canopy.result.Entity?")
        assertThat(staticType(ARTIST.findColumn("Name"))).isEqualTo("dev.canopy.model.Column<*>?")
    }

    @Test
    fun `non-null returns are non-null Kotlin types, not platform types`() {
        val all: List<Entity> = db.findAll(acdc)
        val views: List<ArtistAlbums> = db.findAll(acdc, ArtistAlbums::class.java)
        val albums: List<Entity> = all.first().many("albums")
        val into: ArtistAlbums = all.first().into(ArtistAlbums::class.java)
        val sql: SqlStatement = db.toSql(acdc)
        assertThat(views.single()).isEqualTo(into)
        assertThat(albums).hasSize(1)

        assertThat(staticType(all)).isEqualTo("java.util.List<dev.canopy.result.Entity>")
        assertThat(staticType(views)).isEqualTo("java.util.List<dev.canopy.samples.dataclasses.ArtistAlbums>")
        assertThat(staticType(albums)).isEqualTo("java.util.List<dev.canopy.result.Entity>")
        assertThat(staticType(into)).isEqualTo("dev.canopy.samples.dataclasses.ArtistAlbums")
        assertThat(staticType(acdc)).isEqualTo("dev.canopy.query.Query")
        assertThat(staticType(ARTIST.name)).isEqualTo("dev.canopy.model.Column<java.lang.String>")
        assertThat(staticType(sql.binds())).isEqualTo("java.util.List<java.lang.Object?>")
        assertThat(staticType(all.first().toMap())).isEqualTo("java.util.Map<java.lang.String, java.lang.Object?>")
    }
}

/** The static type the compiler inferred for [value], as `typeOf` renders it: `Foo?` nullable, `Foo!` platform. */
inline fun <reified T> staticType(@Suppress("UNUSED_PARAMETER") value: T): String =
    typeOf<T>().toString().removeSuffix(" (Kotlin reflection is not available)")
