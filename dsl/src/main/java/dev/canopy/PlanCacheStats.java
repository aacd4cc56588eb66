package dev.canopy;

/**
 * How a {@link Canopy}'s plan cache is doing. Plans are kept per query shape (the query with its values as slots, so
 * {@code where id = 7} and {@code where id = 8} share one), at most 2,048, the least used evicted first, and the
 * statements of {@code count} likewise, at most 512; a service whose queries repeat in shape should see a hit rate
 * close to 1. Each run of a query, and each count, counts once: a hit when it needed no planning.
 *
 * @param hits      lookups that found a plan for the query's shape
 * @param misses    lookups that planned anew
 * @param evictions plans dropped to stay within the bound
 * @param size      plans and count statements held now (an estimate while other threads work)
 */
public record PlanCacheStats(long hits, long misses, long evictions, long size) {
    /** Hits over lookups; 1 when nothing was looked up yet. */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 1.0 : (double) hits / lookups;
    }
}
