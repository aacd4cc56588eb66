package dev.canopy.migrate;

import dev.canopy.Canopy;
import dev.canopy.error.ConstraintViolationException;
import dev.canopy.schema.ColumnDefinition;
import dev.canopy.schema.Columns;
import dev.canopy.schema.SchemaApi;
import dev.canopy.schema.TableOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The lock that lets one migrator at a time work on a database, so that two processes started together apply each
 * migration once. PostgreSQL: a session advisory lock ({@code pg_try_advisory_lock}); MySQL and MariaDB:
 * {@code GET_LOCK}; both are held by one connection kept open while the migrator works and vanish with it, so a
 * crashed migrator never blocks the next. Elsewhere: a row in a lock table, with its owner and time; a row older than
 * the stale limit (a migrator that crashed) is taken over, and a working migrator refreshes its row after each
 * migration.
 */
abstract class MigrationLock implements AutoCloseable {
    /** Takes the lock, waiting up to {@code timeout}; tells {@code progress} when it has to wait. */
    static MigrationLock acquire(Canopy db, SchemaApi api, String name, Duration timeout, Duration staleAfter, Consumer<String> progress) {
        String family = db.dialect().jooqDialect().family().name();
        if (family.equals("POSTGRES")) {
            return new Session(db, "SELECT pg_try_advisory_lock(?)", "SELECT pg_advisory_unlock(?)", 0x63616E6F7079L ^ name.hashCode(),
                    timeout, progress, "PostgreSQL advisory lock " + (0x63616E6F7079L ^ name.hashCode()));
        }
        if (family.equals("MYSQL") || family.equals("MARIADB")) {
            String key = "canopy." + name;
            return new Session(db, "SELECT GET_LOCK(?, 0)", "SELECT RELEASE_LOCK(?)", key.length() > 64 ? key.substring(0, 64) : key,
                    timeout, progress, "MySQL lock '" + key + "' (GET_LOCK)");
        }
        return new Row(api, name + "_lock", timeout, staleAfter, progress);
    }

    /** No lock, for a dry run. */
    static MigrationLock none() {
        return new MigrationLock() {
            @Override
            public void close() {}
        };
    }

    /** After each migration: a lock row stays fresh while its migrator works. */
    void refresh() {}

    @Override
    public abstract void close();

    static MigrationException held(String what, Duration waited, String owner) {
        return new MigrationException("The migration lock is held by another migrator" + owner + " (" + what + "); waited "
                + waited.toSeconds() + " s. Another canopy db:migrate may still be running: wait for it, or raise the lock timeout.");
    }

    /** A lock held by one connection's session. */
    private static final class Session extends MigrationLock {
        private final Connection connection;
        private final String release;
        private final Object key;

        Session(Canopy db, String tryLock, String release, Object key, Duration timeout, Consumer<String> progress, String what) {
            this.release = release;
            this.key = key;
            try {
                this.connection = db.dataSource().getConnection();
            } catch (SQLException e) {
                throw new MigrationException("Cannot connect to take the migration lock: " + e.getMessage(), e);
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean told = false;
            try {
                while (true) {
                    try (PreparedStatement ps = connection.prepareStatement(tryLock)) {
                        ps.setObject(1, key);
                        try (ResultSet rs = ps.executeQuery()) {
                            Object got = rs.next() ? rs.getObject(1) : null;
                            if (Boolean.TRUE.equals(got) || got instanceof Number n && n.intValue() == 1) {
                                return;
                            }
                        }
                    }
                    if (System.nanoTime() > deadline) {
                        throw held(what, timeout, "");
                    }
                    if (!told) {
                        progress.accept("Waiting for the migration lock (" + what + "): another migrator holds it");
                        told = true;
                    }
                    Thread.sleep(200);
                }
            } catch (SQLException e) {
                closeQuietly();
                throw new MigrationException("Cannot take the migration lock (" + what + "): " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeQuietly();
                throw new MigrationException("Interrupted while waiting for the migration lock (" + what + ")", e);
            } catch (RuntimeException e) {
                closeQuietly();
                throw e;
            }
        }

        @Override
        public void close() {
            try (PreparedStatement ps = connection.prepareStatement(release)) {
                ps.setObject(1, key);
                ps.executeQuery().close();
            } catch (SQLException ignored) {
                // closing the connection below ends the session, and the lock with it
            }
            closeQuietly();
        }

        private void closeQuietly() {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a session lock ends with its connection in any case
            }
        }
    }

    /** A lock row in a table of its own. */
    private static final class Row extends MigrationLock {
        private final SchemaApi api;
        private final String q;
        private final String owner;

        Row(SchemaApi api, String table, Duration timeout, Duration staleAfter, Consumer<String> progress) {
            this.api = api;
            this.owner = ProcessHandle.current().pid() + "@" + host() + "/" + UUID.randomUUID().toString().substring(0, 8);
            if (!api.tableExists(table)) {
                try {
                    api.createTable(table, Columns.of("id", ColumnDefinition.integer().primaryKey())
                            .and("owner", ColumnDefinition.string(200).notNull())
                            .and("locked_at", ColumnDefinition.timestamp().notNull()), TableOptions.none().ifNotExists());
                } catch (RuntimeException e) {
                    if (!api.tableExists(table)) {
                        throw e;
                    }
                }
            }
            this.q = api.quote(table);
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean told = false;
            while (true) {
                try {
                    api.execute("INSERT INTO " + q + " (" + api.quote("id") + ", " + api.quote("owner") + ", " + api.quote("locked_at")
                            + ") VALUES (1, ?, ?)", owner, LocalDateTime.now());
                    return;
                } catch (ConstraintViolationException taken) {
                    List<Map<String, @Nullable Object>> rows = api.select("SELECT " + api.quote("owner") + ", " + api.quote("locked_at")
                            + " FROM " + q + " WHERE " + api.quote("id") + " = 1");
                    if (rows.isEmpty()) {
                        continue;
                    }
                    Object[] row = rows.get(0).values().toArray();
                    LocalDateTime since = History.time(row[1]);
                    if (since != null && since.isBefore(LocalDateTime.now().minus(staleAfter))) {
                        progress.accept("Taking over a stale migration lock of " + row[0] + " from " + since + " (older than "
                                + staleAfter.toMinutes() + " min: its migrator is gone)");
                        api.execute("DELETE FROM " + q + " WHERE " + api.quote("id") + " = 1 AND " + api.quote("owner") + " = ?", row[0]);
                        continue;
                    }
                    if (System.nanoTime() > deadline) {
                        throw held("lock row in " + table, timeout, " " + row[0] + " since " + since);
                    }
                    if (!told) {
                        progress.accept("Waiting for the migration lock: " + row[0] + " holds it since " + since);
                        told = true;
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new MigrationException("Interrupted while waiting for the migration lock", e);
                    }
                }
            }
        }

        @Override
        void refresh() {
            api.execute("UPDATE " + q + " SET " + api.quote("locked_at") + " = ? WHERE " + api.quote("id") + " = 1 AND "
                    + api.quote("owner") + " = ?", LocalDateTime.now(), owner);
        }

        @Override
        public void close() {
            api.execute("DELETE FROM " + q + " WHERE " + api.quote("id") + " = 1 AND " + api.quote("owner") + " = ?", owner);
        }

        private static String host() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "localhost";
            }
        }
    }
}
