package dev.canopy;

/**
 * How a {@link Canopy}'s plan cache is doing. Plans are kept per query value, at most 2,048, the least used evicted
 * first; a service whose queries repeat should see a hit rate close to 1.
 *
 * @param hits      lookups that found a plan
 * @param misses    lookups that planned anew
 * @param evictions plans dropped to stay within the bound
 * @param size      plans held now (an estimate while other threads work)
 */
public record PlanCacheStats(long hits, long misses, long evictions, long size) {
    /** Hits over lookups; 1 when nothing was looked up yet. */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 1.0 : (double) hits / lookups;
    }
}
