@file:JvmName("Builders")

package dev.canopy.kotlin

import dev.canopy.model.Association
import dev.canopy.model.Column
import dev.canopy.model.Model
import dev.canopy.query.Condition
import dev.canopy.query.Include
import dev.canopy.query.Order
import dev.canopy.query.Query

/**
 * Marks Canopy's builder scopes, so that an inner `include { }` cannot reach the outer scope's `where` by accident.
 */
@DslMarker
annotation class CanopyDsl

/**
 * A query written as Kotlin:
 * ```
 * val q = query(ARTIST) {
 *     where(ARTIST.name.startsWith("A"))
 *     include(ARTIST_ALBUMS) {
 *         required()
 *         where { ALBUM.title.iLike("%live%") }
 *         include(ALBUM_TRACKS)
 *     }
 *     order(ARTIST.name.asc(), AlbumModel::title.via(ARTIST_ALBUMS).desc())
 *     limit(5)
 * }
 * ```
 * The result is the same immutable [Query] the Java builder makes (equal to it, and a cache key like it); the
 * scope only collects the calls.
 */
fun query(root: Model, build: QueryScope.() -> Unit): Query = QueryScope(Query.from(root)).apply(build).query

/** Continues a query in the Kotlin form: `base.with { limit(10) }`; [this] is unchanged. */
fun Query.with(build: QueryScope.() -> Unit): Query = QueryScope(this).apply(build).query

/** The receiver of [query]: each call replaces the query under construction with the Java builder's result. */
@CanopyDsl
class QueryScope internal constructor(
    /** The query so far. */
    var query: Query,
) {
    /** Adds a condition on the roots (AND with earlier ones). */
    fun where(condition: Condition) { query = query.where(condition) }

    /** Adds the condition the block returns: `where { ARTIST.name.eq("AC/DC") }`. */
    fun where(condition: () -> Condition) { query = query.where(condition()) }

    fun attributes(vararg columns: Column<*>) { query = query.attributes(*columns) }

    fun exclude(vararg columns: Column<*>) { query = query.exclude(*columns) }

    /** Includes an association, configured by [spec]. */
    fun include(association: Association, spec: IncludeScope.() -> Unit = {}) { query = query.include(association) { configure(it, spec) } }

    /** Includes a typed association, configured by [spec]. */
    fun include(link: Link<*, *>, spec: IncludeScope.() -> Unit = {}) = include(link.association, spec)

    /** Includes an association of the root by alias (the string form, as read from JSON). */
    fun include(alias: String, spec: IncludeScope.() -> Unit = {}) { query = query.include(alias) { configure(it, spec) } }

    fun order(vararg terms: Order) { query = query.order(*terms) }

    fun limit(n: Int) { query = query.limit(n) }

    fun offset(n: Int) { query = query.offset(n) }

    fun paranoid(on: Boolean) { query = query.paranoid(on) }
}

/** The receiver of an `include(...) { }` block: `required()`, `where { }`, nested `include`s, and the rest. */
@CanopyDsl
class IncludeScope internal constructor(
    /** The include node so far. */
    var include: Include,
) {
    fun required() { include = include.required() }

    fun required(on: Boolean) { include = include.required(on) }

    fun optional() { include = include.optional() }

    fun right() { include = include.right() }

    /** Adds a condition on this node's model (the include becomes required unless `required(false)`). */
    fun where(condition: Condition) { include = include.where(condition) }

    /** Adds the condition the block returns: `where { ALBUM.title.iLike("%live%") }`. */
    fun where(condition: () -> Condition) { include = include.where(condition()) }

    fun attributes(vararg columns: Column<*>) { include = include.attributes(*columns) }

    fun exclude(vararg columns: Column<*>) { include = include.exclude(*columns) }

    fun include(association: Association, spec: IncludeScope.() -> Unit = {}) {
        include = include.include(association) { configure(it, spec) }
    }

    fun include(link: Link<*, *>, spec: IncludeScope.() -> Unit = {}) = include(link.association, spec)

    fun include(alias: String, spec: IncludeScope.() -> Unit = {}) {
        include = include.include(alias) { configure(it, spec) }
    }

    /** Loads this to-many include by its own keyed query. */
    fun separate() { include = include.separate() }

    fun separate(on: Boolean) { include = include.separate(on) }

    fun order(vararg terms: Order) { include = include.order(*terms) }

    /** At most [n] children per parent. */
    fun limit(n: Int) { include = include.limit(n) }
}

private fun configure(start: Include, spec: IncludeScope.() -> Unit): Include = IncludeScope(start).apply(spec).include

/** Java's `include(association)` for a typed link. */
fun Query.include(link: Link<*, *>): Query = include(link.association)

/** Java's `include(association, spec)` with the Kotlin scope, for a typed link. */
fun Query.include(link: Link<*, *>, spec: IncludeScope.() -> Unit): Query = include(link.association) { configure(it, spec) }
