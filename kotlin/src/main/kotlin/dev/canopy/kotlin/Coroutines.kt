@file:JvmName("Coroutines")

package dev.canopy.kotlin

import dev.canopy.Canopy
import dev.canopy.result.Entity
import dev.canopy.query.Query
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/**
 * Canopy for coroutines: each call runs the blocking JDBC work on [dispatcher] (by default [Dispatchers.IO]) and
 * suspends the caller until it is done. Nothing here is non-blocking: a thread of the dispatcher waits on the
 * database for each call, exactly as a plain call would; what a coroutine gains is that its own thread (a UI thread,
 * an event loop) is not the one that waits. Size the dispatcher (and the pool) for the concurrent queries you expect.
 *
 * ```
 * val db = canopy.suspending()
 * val artists = db.findAll<ArtistView>(q)          // in a suspend function
 * ```
 */
class SuspendingCanopy internal constructor(
    /** The Canopy every call delegates to. */
    val canopy: Canopy,
    /** Where the blocking calls run. */
    val dispatcher: CoroutineContext,
) {
    /** [Canopy.findAll] as [T]s, on the dispatcher. */
    suspend inline fun <reified T : Any> findAll(query: Query): List<T> = withContext(dispatcher) { canopy.findAll(query, T::class.java) }

    /** [Canopy.findOne] as a [T], on the dispatcher. */
    suspend inline fun <reified T : Any> findOne(query: Query): T? = withContext(dispatcher) { canopy.findOne(query, T::class.java) }

    /** Entity graphs, on the dispatcher. */
    suspend fun findEntities(query: Query): List<Entity> = withContext(dispatcher) { canopy.findAll(query) }

    /** [Canopy.count], on the dispatcher. */
    suspend fun count(query: Query): Long = withContext(dispatcher) { canopy.count(query) }

    /** [Canopy.execute], on the dispatcher. */
    suspend fun execute(sql: String, vararg binds: Any?): Int = withContext(dispatcher) { canopy.execute(sql, *binds) }

    /**
     * [Canopy.transaction], on the dispatcher. [work] is not a suspend function on purpose: Canopy's transaction is
     * bound to the thread that runs it, and a suspension could resume on another thread, outside it.
     */
    suspend fun <R> transaction(work: Canopy.() -> R): R = withContext(dispatcher) { canopy.transaction { canopy.work() } }
}

/** This Canopy for coroutines, its blocking calls run on [dispatcher]. */
fun Canopy.suspending(dispatcher: CoroutineContext = Dispatchers.IO): SuspendingCanopy = SuspendingCanopy(this, dispatcher)
