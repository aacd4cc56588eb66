package dev.canopy.sql;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One statement that ran: its SQL, its binds, how long it took, how many rows it returned (or changed), and the
 * error if it failed. Tests use {@link #rows()} to show how many rows a plan really read.
 */
public record StatementEvent(String sql, List<@Nullable Object> binds, Duration elapsed, long rows, @Nullable Throwable error) {

    /** {@code Executed (3 ms, 12 rows): SELECT ... -- binds [1]}, the line Canopy logs. */
    public String describe() {
        return (error == null ? "Executed (" : "Failed (") + elapsed.toMillis() + " ms, " + rows + " rows): " + sql
                + (binds.isEmpty() ? "" : " -- binds " + binds);
    }
}
