package dev.canopy.exec;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read replicas of a database (Sequelize's {@code replication: { read: [...] }}): reads outside a transaction take
 * a connection from them in turn (round robin). A replica that gives no connection is skipped with a WARN on the
 * logger {@code dev.canopy.replicas} and left alone for {@code retryAfter}, then tried again; when every replica is
 * down, the caller goes to the primary.
 */
public final class ReadReplicas {
    private static final Logger LOG = LoggerFactory.getLogger("dev.canopy.replicas");

    /** One replica: the name statements report ({@code replica 1}), the URL the warnings show, and its pool. */
    public record Replica(String name, String url, DataSource dataSource) {
        public Replica {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(url, "url is null");
            Objects.requireNonNull(dataSource, "dataSource is null");
        }
    }

    /** A connection taken from a replica, and that replica's name. */
    public record Routed(Connection connection, String server) {}

    private final List<Replica> replicas;
    private final long retryAfterNanos;
    private final AtomicInteger next = new AtomicInteger();
    /** Per replica, the {@link System#nanoTime()} before which it is not tried again; 0 when up. */
    private final AtomicLongArray downUntil;

    public ReadReplicas(List<Replica> replicas, Duration retryAfter) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("no read replicas given");
        }
        this.replicas = List.copyOf(replicas);
        this.retryAfterNanos = retryAfter.toNanos();
        this.downUntil = new AtomicLongArray(replicas.size());
    }

    public List<Replica> replicas() {
        return replicas;
    }

    /**
     * A connection of the next replica that is up, in turn; null when every replica is down (or was found down less
     * than {@code retryAfter} ago), so the read goes to the primary.
     */
    @Nullable Routed connect() {
        int n = replicas.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int k = 0; k < n; k++) {
            int i = (start + k) % n;
            long until = downUntil.get(i);
            if (until != 0 && System.nanoTime() - until < 0) {
                continue;
            }
            Replica r = replicas.get(i);
            try {
                Connection c = r.dataSource().getConnection();
                if (until != 0 && downUntil.compareAndSet(i, until, 0)) {
                    LOG.info("Read {} ({}) is back; reads go to it again", r.name(), r.url());
                }
                return new Routed(c, r.name());
            } catch (SQLException | RuntimeException e) {
                down(i, e);
            }
        }
        return null;
    }

    /** Marks the replica named {@code server} down after a read on it lost its connection. */
    void markDown(String server, Throwable cause) {
        for (int i = 0; i < replicas.size(); i++) {
            if (replicas.get(i).name().equals(server)) {
                down(i, cause);
            }
        }
    }

    private void down(int i, Throwable cause) {
        downUntil.set(i, System.nanoTime() + Math.max(1, retryAfterNanos));
        Replica r = replicas.get(i);
        LOG.warn("Read {} ({}) is down, skipped for {} ms: {}; its reads go to another replica, or to the primary when none is up",
                r.name(), r.url(), Duration.ofNanos(retryAfterNanos).toMillis(), cause.getMessage());
    }
}
