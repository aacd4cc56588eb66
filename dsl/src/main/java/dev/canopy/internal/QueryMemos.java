package dev.canopy.internal;

import dev.canopy.query.Query;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The planner's memo on a query value, reached from outside the query package without a public method on
 * {@link Query}: the query registers its accessor here when it is initialised (so before any query exists), as
 * {@link Factories} does for constructors. A query is immutable, so what the planner derives from it alone (its shape
 * key and values, {@code dev.canopy.plan.Shape}) is computed once per value and kept on it, instead of on every run.
 */
public final class QueryMemos {
    /** Reads and writes a query's memo slot. */
    public interface Access {
        @Nullable Object get(Query query);

        void set(Query query, Object memo);
    }

    private static volatile @Nullable Access access;

    private QueryMemos() {}

    public static void register(Access a) {
        access = Objects.requireNonNull(a);
    }

    /** The memo kept on {@code query}, or null. */
    public static @Nullable Object get(Query query) {
        return access().get(query);
    }

    /** Keeps {@code memo} on {@code query}, replacing what was there. */
    public static void set(Query query, Object memo) {
        access().set(query, memo);
    }

    private static Access access() {
        Access a = access;
        if (a == null) {
            // A query exists, so its class is initialised and has registered; this is unreachable.
            throw new IllegalStateException("Query has not registered its memo accessor");
        }
        return a;
    }
}
