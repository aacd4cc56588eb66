package dev.canopy.sql;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One statement that ran: its SQL, its binds, how long it took, how many rows it returned (or changed), the error if
 * it failed, and the server that ran it: {@code primary}, or {@code replica 1}, {@code replica 2}, ... in the order
 * {@code Canopy.builder(url).readReplicas(...)} named them. Tests use {@link #rows()} to show how many rows a plan
 * really read, and {@link #server()} to show where a read went.
 */
public record StatementEvent(String sql, List<@Nullable Object> binds, Duration elapsed, long rows, @Nullable Throwable error,
                             String server) {

    /** A statement the primary (or only) database ran. */
    public StatementEvent(String sql, List<@Nullable Object> binds, Duration elapsed, long rows, @Nullable Throwable error) {
        this(sql, binds, elapsed, rows, error, "primary");
    }

    /** Whether a read replica ran it. */
    public boolean onReplica() {
        return !"primary".equals(server);
    }

    /** {@code Executed (3 ms, 12 rows): SELECT ... -- binds [1]}, the line Canopy logs ({@code 12 rows, replica 1} on a replica). */
    public String describe() {
        return (error == null ? "Executed (" : "Failed (") + elapsed.toMillis() + " ms, " + rows + " rows"
                + (onReplica() ? ", " + server : "") + "): " + sql
                + (binds.isEmpty() ? "" : " -- binds " + binds);
    }
}
