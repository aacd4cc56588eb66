@file:JvmName("Links")

package dev.canopy.kotlin

import dev.canopy.model.Association
import dev.canopy.model.Column
import dev.canopy.model.Model
import dev.canopy.query.ColumnRef

/**
 * An [Association] that carries its source and target models' types, so that the Kotlin compiler can check a path
 * of associations: each link must start at the model where the previous one ends, and the column must belong to the
 * last one's target. Make one with [typed] (`Chinook.ARTIST_ALBUMS.typed(ARTIST, ALBUM)`) or with the typed factories
 * [hasMany], [belongsTo], [hasOne], [belongsToMany].
 *
 * Java's `Association` has no such type parameters (adding them would break every declared association); Java's
 * `column.via(associations...)` checks the same chain when it is built.
 */
class Link<S : Model, T : Model> internal constructor(
    /** The association itself, for everything that takes one (`Schema.builder().associations(...)`, `include`). */
    val association: Association,
    /** The association's source model. */
    val source: S,
    /** The association's target model. */
    val target: T,
) {
    /** This link followed by [next], which must start where this one ends: `ARTIST_ALBUMS / ALBUM_TRACKS`. */
    operator fun <U : Model> div(next: Link<T, U>): Path<S, U> = Path(listOf(association, next.association), target = next.target)

    /** This link as a one-step path. */
    fun path(): Path<S, T> = Path(listOf(association), target)

    override fun equals(other: Any?): Boolean = other is Link<*, *> && other.association == association

    override fun hashCode(): Int = association.hashCode()

    override fun toString(): String = association.toString()
}

/** A chain of associations from a model of type [S] to a model of type [T], checked by the compiler as it is built. */
class Path<S : Model, T : Model> internal constructor(
    /** The associations, in order from the root. */
    val associations: List<Association>,
    /** The model the path ends at. */
    val target: T,
) {
    /** This path followed by [next], which must start where this path ends. */
    operator fun <U : Model> div(next: Link<T, U>): Path<S, U> = Path(associations + next.association, next.target)

    /** The column [column] of the path's end: `(ARTIST_ALBUMS / ALBUM_TRACKS).column { name }`. */
    fun <V : Any> column(column: T.() -> Column<V>): ColumnRef<V> = target.column().via(*associations.toTypedArray())

    override fun equals(other: Any?): Boolean = other is Path<*, *> && other.associations == associations

    override fun hashCode(): Int = associations.hashCode()

    override fun toString(): String = associations.joinToString(" / ") { it.alias() }
}

/**
 * This association with its models' types: `val ARTIST_ALBUMS = Chinook.ARTIST_ALBUMS.typed(ARTIST, ALBUM)`.
 *
 * @throws IllegalArgumentException when [source] or [target] is not the association's own
 */
fun <S : Model, T : Model> Association.typed(source: S, target: T): Link<S, T> {
    require(source() === source && target() === target) {
        "'${alias()}' goes from ${source().name()} to ${target().name()}, not from ${source.name()} to ${target.name()}"
    }
    return Link(this, source, target)
}

/** `hasMany(ARTIST, ALBUM) { alias("albums").foreignKey("ArtistId") }`, typed. */
fun <S : Model, T : Model> hasMany(source: S, target: T, options: Association.() -> Association = { this }): Link<S, T> =
    Link(Association.hasMany(source, target).options(), source, target)

/** `hasOne(USER, PROFILE) { foreignKey("userId") }`, typed. */
fun <S : Model, T : Model> hasOne(source: S, target: T, options: Association.() -> Association = { this }): Link<S, T> =
    Link(Association.hasOne(source, target).options(), source, target)

/** `belongsTo(ALBUM, ARTIST) { alias("artist").foreignKey("ArtistId") }`, typed. */
fun <S : Model, T : Model> belongsTo(source: S, target: T, options: Association.() -> Association = { this }): Link<S, T> =
    Link(Association.belongsTo(source, target).options(), source, target)

/** `belongsToMany(PLAYLIST, TRACK, PLAYLIST_TRACK) { alias("tracks") }`, typed. */
fun <S : Model, T : Model> belongsToMany(source: S, target: T, through: Model, options: Association.() -> Association = { this }): Link<S, T> =
    Link(Association.belongsToMany(source, target, through).options(), source, target)

// ---- typed paths: the links first, then the column, read on the last link's target ----
// `via(ARTIST_ALBUMS, ALBUM_TRACKS) { name }`: the block's receiver is the last target (a TrackModel here), so a
// link that does not start where the previous one ends is a type error, and so is a column its model lacks.
// (A property reference, `TrackModel::name`, would read closer to Java's form but is ambiguous for every column
// named like a method of Model, `name` first among them.)

/** A column of the target of [a]: `via(ARTIST_ALBUMS) { title }`. */
fun <A : Model, B : Model, V : Any> via(a: Link<A, B>, column: B.() -> Column<V>): ColumnRef<V> = a.target.column().via(a.association)

/** A column two links away: `via(ARTIST_ALBUMS, ALBUM_TRACKS) { name }`. */
fun <A : Model, B : Model, C : Model, V : Any> via(a: Link<A, B>, b: Link<B, C>, column: C.() -> Column<V>): ColumnRef<V> =
    b.target.column().via(a.association, b.association)

/** A column three links away. */
fun <A : Model, B : Model, C : Model, D : Model, V : Any> via(a: Link<A, B>, b: Link<B, C>, c: Link<C, D>, column: D.() -> Column<V>): ColumnRef<V> =
    c.target.column().via(a.association, b.association, c.association)

/** A column four links away. */
fun <A : Model, B : Model, C : Model, D : Model, E : Model, V : Any> via(
    a: Link<A, B>, b: Link<B, C>, c: Link<C, D>, d: Link<D, E>, column: E.() -> Column<V>,
): ColumnRef<V> = d.target.column().via(a.association, b.association, c.association, d.association)

/**
 * The column value form, as in Java: `ALBUM.title.via(ARTIST_ALBUMS)`. A `Column` does not carry its model's type,
 * so this one is checked when it is built (each link starts where the previous one ends, the column is of the last
 * target); the `via(links...) { column }` forms above are checked by the compiler.
 */
fun <V : Any> Column<V>.via(vararg links: Link<*, *>): ColumnRef<V> = via(*links.map { it.association }.toTypedArray())
