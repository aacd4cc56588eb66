@file:JvmName("Results")

package dev.canopy.kotlin

import dev.canopy.Canopy
import dev.canopy.query.Query
import java.util.stream.Stream

// Reified results: the type argument replaces `ArtistView::class.java`. Canopy's members of the same name without a
// type argument (`db.findAll(q)`, entity graphs) stay as they are; these apply when a type argument is given.

/** Every root of [query] as a [T] (a Kotlin class or a Java record): `db.findAll<ArtistView>(q)`. */
inline fun <reified T : Any> Canopy.findAll(query: Query): List<T> = findAll(query, T::class.java)

/** The first root of [query] as a [T], or null when there is none: `db.findOne<ArtistView>(q)`. */
inline fun <reified T : Any> Canopy.findOne(query: Query): T? = findOne(query, T::class.java)

/**
 * The roots of [query] as [T]s, read as the cursor moves; close the stream (`use { }`), which returns the connection:
 * `db.stream<TrackView>(q).use { s -> s.forEach(::println) }`.
 */
inline fun <reified T : Any> Canopy.stream(query: Query): Stream<T> = stream(query, T::class.java)
