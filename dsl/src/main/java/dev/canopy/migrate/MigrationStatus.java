package dev.canopy.migrate;

import java.time.Duration;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * Where one migration stands: applied (when, how long), pending, failed (at which step), changed since it was
 * applied, or applied but missing from the source.
 */
public record MigrationStatus(String name, State state, @Nullable LocalDateTime appliedAt, @Nullable Duration duration,
                              @Nullable String problem) {
    /** The states a migration can be in. */
    public enum State { APPLIED, PENDING, FAILED, CHANGED, MISSING }

    /**
     * One line for {@code canopy db:migrate:status}: the name, the applied-at time or {@code pending}, and any problem:
     * {@code 20261201093000-create-users  applied 2026-12-01 09:31:07 (42 ms)}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(name).append("  ");
        if (state == State.PENDING) {
            sb.append("pending");
        } else {
            sb.append(state == State.FAILED ? "failed " : "applied ").append(appliedAt == null ? "?" : appliedAt.toString().replace('T', ' '));
            if (duration != null) {
                sb.append(" (").append(duration.toMillis()).append(" ms)");
            }
        }
        if (problem != null) {
            sb.append("  ").append(problem);
        }
        return sb.toString();
    }
}
