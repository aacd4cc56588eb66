package dev.canopy.exec;

import dev.canopy.sql.StatementEvent;
import dev.canopy.sql.StatementListener;

import dev.canopy.dialect.Dialect;
import dev.canopy.error.ConnectionException;
import dev.canopy.sql.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs statements on a data source. Each statement takes a connection from the pool (or the current transaction's),
 * binds every value by position, reports a {@link StatementEvent} to the SLF4J logger {@code dev.canopy.sql}
 * (debug level) and to the listener, and maps vendor errors to Canopy's exceptions.
 */
public final class Executor {
    private static final Logger SQL_LOG = LoggerFactory.getLogger("dev.canopy.sql");

    private final DataSource dataSource;
    private final Dialect dialect;
    private final @Nullable StatementListener listener;
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();
    /** The server of the connection {@link #transaction} holds when it is not the primary's (a read's replica). */
    private final ThreadLocal<String> pinnedServer = new ThreadLocal<>();
    /** Set while reads must see the primary's latest writes (a find-or-create). */
    private final ThreadLocal<Boolean> primaryOnly = new ThreadLocal<>();
    private final @Nullable ReadReplicas replicas;
    /** The replica each open stream reads from, so that its follow-up statements report the same server. */
    private final java.util.Map<Connection, String> streamServers = new java.util.concurrent.ConcurrentHashMap<>();

    /** The name statements on the primary (or the only) database report. */
    public static final String PRIMARY = "primary";

    public Executor(DataSource dataSource, Dialect dialect, @Nullable StatementListener listener) {
        this(dataSource, dialect, listener, null);
    }

    /** An executor whose {@link #reading reads} go to {@code replicas} outside transactions. */
    public Executor(DataSource dataSource, Dialect dialect, @Nullable StatementListener listener, @Nullable ReadReplicas replicas) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource is null");
        this.dialect = Objects.requireNonNull(dialect, "dialect is null");
        this.listener = listener;
        this.replicas = replicas;
    }

    /** The read replicas, or null when reads go to the one database. */
    public @Nullable ReadReplicas replicas() {
        return replicas;
    }

    /**
     * Runs a read ({@code work}: a query and its separate includes) on one connection of a read replica, in turn, when
     * there are replicas and this thread is in no transaction; otherwise (no replica up, a transaction, a
     * find-or-create) as every statement runs, on the primary. All statements of {@code work} share the replica's
     * connection, so a query and its separate includes read the same server.
     */
    public <T extends @Nullable Object> T reading(java.util.function.Supplier<T> work) {
        if (replicas == null || transaction.get() != null || Boolean.TRUE.equals(primaryOnly.get())) {
            return work.get();
        }
        for (int attempt = 0; ; attempt++) {
            ReadReplicas.Routed routed = replicas.connect();
            if (routed == null) {
                return work.get();
            }
            transaction.set(routed.connection());
            pinnedServer.set(routed.server());
            try {
                return work.get();
            } catch (dev.canopy.error.ConnectionException e) {
                // the replica went away since its pool last saw it: a read changes nothing, so it runs again elsewhere
                replicas.markDown(routed.server(), e);
                if (attempt + 1 >= replicas.replicas().size()) {
                    transaction.remove();
                    pinnedServer.remove();
                    return work.get();
                }
            } finally {
                transaction.remove();
                pinnedServer.remove();
                try {
                    routed.connection().close();
                } catch (SQLException ignored) {
                    // the connection goes back to the replica's pool or away
                }
            }
        }
    }

    /** Runs {@code work} with every read on the primary, also outside a transaction (reads that must see the latest writes). */
    public <T extends @Nullable Object> T onPrimary(java.util.function.Supplier<T> work) {
        if (replicas == null || Boolean.TRUE.equals(primaryOnly.get())) {
            return work.get();
        }
        primaryOnly.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            primaryOnly.remove();
        }
    }

    /** The server this thread's next statement runs on. */
    private String server() {
        String s = pinnedServer.get();
        return s != null ? s : PRIMARY;
    }

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs a query and hands its result set to {@code reader}. */
    public <R> R query(SqlStatement statement, ResultReader<R> reader) {
        return query(statement, reader, null);
    }

    /**
     * Runs a query that the database cancels after {@code timeout} (none when null), and hands its result set to
     * {@code reader}; a cancelled statement is a {@link dev.canopy.error.QueryTimeoutException}.
     */
    public <R> R query(SqlStatement statement, ResultReader<R> reader, @Nullable Duration timeout) {
        return run(statement, ps -> {
            try (Watchdog w = limit(ps, timeout); ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        });
    }

    /**
     * Runs a statement that changes rows and returns some ({@code INSERT ... RETURNING}) and hands the rows to
     * {@code reader}. Run with {@code execute()}, since some drivers (Connector/J) refuse an INSERT in
     * {@code executeQuery()} even when it returns rows.
     */
    public <R> R queryReturning(SqlStatement statement, ResultReader<R> reader) {
        return run(statement, ps -> {
            if (!ps.execute()) {
                throw new SQLException("The statement returned no rows: " + statement.sql());
            }
            try (ResultSet rs = ps.getResultSet()) {
                return reader.read(rs);
            }
        });
    }

    /** Cancels statements whose driver does not honour {@code setQueryTimeout}. */
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "canopy-query-timeout");
                t.setDaemon(true);
                return t;
            });

    /** A statement's pending cancellation; closing it calls the cancellation off. */
    private interface Watchdog extends AutoCloseable {
        @Override void close();
    }

    /**
     * Limits a statement to {@code timeout}: through the driver where it honours {@code setQueryTimeout} (in whole
     * seconds, 0 being none, so a part of a second is one), else by cancelling the statement when the time is up.
     */
    private Watchdog limit(java.sql.Statement st, @Nullable Duration timeout) throws SQLException {
        if (timeout == null) {
            return () -> { };
        }
        if (dialect.supports(dev.canopy.dialect.Capability.QUERY_TIMEOUT)) {
            long ms = timeout.toMillis();
            st.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, (ms + 999) / 1000)));
            return () -> { };
        }
        java.util.concurrent.ScheduledFuture<?> cancel = WATCHDOG.schedule(() -> {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // the statement finished or closed meanwhile
            }
        }, timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return () -> cancel.cancel(false);
    }

    /** Runs an INSERT, UPDATE, DELETE or DDL statement; returns the update count. */
    public int update(SqlStatement statement) {
        return run(statement, ps -> {
            int n = ps.executeUpdate();
            return new ResultReader.Result<>(n, Math.max(n, 0));
        });
    }

    /**
     * Runs an INSERT and reads the keys the database generated, one array per row inserted, in the order of the rows
     * (for drivers that report generated keys of a multi-row insert: H2, Connector/J). {@code keyColumns} are the
     * table's key columns as the database names them.
     */
    public List<Object[]> insertReturningKeys(SqlStatement statement, String[] keyColumns) {
        return run(statement, (c, sql) -> c.prepareStatement(sql, keyColumns), ps -> {
            int n = ps.executeUpdate();
            List<Object[]> keys = new java.util.ArrayList<>(Math.max(n, 0));
            try (ResultSet rs = ps.getGeneratedKeys()) {
                int width = Math.min(keyColumns.length, rs.getMetaData().getColumnCount());
                while (rs.next()) {
                    Object[] row = new Object[keyColumns.length];
                    for (int i = 0; i < width; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    keys.add(row);
                }
            }
            return new ResultReader.Result<>(keys, Math.max(n, 0));
        });
    }

    /** What a statement does once prepared and bound: its value and the rows it read or changed. */
    @FunctionalInterface
    private interface Work<R> {
        ResultReader.Result<R> apply(PreparedStatement ps) throws SQLException;
    }

    /**
     * Prepares and binds a statement on the transaction's connection or a pooled one, does {@code work}, reports the
     * statement, and translates a driver error.
     */
    private <R> R run(SqlStatement statement, Work<R> work) {
        return run(statement, (c, sql) -> c.prepareStatement(sql), work);
    }

    /** How a statement is prepared: plainly, or asking the driver for generated keys. */
    @FunctionalInterface
    private interface Preparer {
        PreparedStatement prepare(Connection c, String sql) throws SQLException;
    }

    private <R> R run(SqlStatement statement, Preparer preparer, Work<R> work) {
        long start = System.nanoTime();
        long rows = 0;
        Throwable failure = null;
        Connection tx = transaction.get();
        Connection c = null;
        try {
            c = tx != null ? tx : connect();
            try (PreparedStatement ps = preparer.prepare(c, statement.sql())) {
                bind(ps, statement.binds());
                ResultReader.Result<R> result = work.apply(ps);
                rows = result.rows();
                return result.value();
            }
        } catch (SQLException e) {
            failure = e;
            throw ErrorTranslator.translate(dialect, e, statement.sql());
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            closeUnlessTransaction(c, tx);
            report(statement, start, rows, failure, server());
        }
    }

    /**
     * Runs a query and streams what {@code cursor} makes of its rows. The connection stays open until the stream
     * is closed (use try-with-resources); closing it closes the result set, the statement and the connection.
     */
    public <T> java.util.stream.Stream<T> stream(SqlStatement statement, CursorFactory<T> cursor) {
        return stream(statement, cursor, null);
    }

    /** {@link #stream(SqlStatement, CursorFactory)}, with a statement the database cancels after {@code timeout}. */
    public <T> java.util.stream.Stream<T> stream(SqlStatement statement, CursorFactory<T> cursor, @Nullable Duration timeout) {
        return stream(statement, cursor, timeout, false);
    }

    /**
     * {@link #stream(SqlStatement, CursorFactory, Duration)}; with {@code read}, outside a transaction, on a connection
     * of a read replica when there is one up (see {@link #reading}).
     */
    public <T> java.util.stream.Stream<T> stream(SqlStatement statement, CursorFactory<T> cursor, @Nullable Duration timeout, boolean read) {
        long start = System.nanoTime();
        Connection tx = transaction.get();
        ReadReplicas.Routed routed = tx == null && read && replicas != null && !Boolean.TRUE.equals(primaryOnly.get()) ? replicas.connect() : null;
        Connection c = tx != null ? tx : routed != null ? routed.connection() : connect();
        String server = tx != null ? server() : routed != null ? routed.server() : PRIMARY;
        if (routed != null) {
            streamServers.put(c, server);
        }
        boolean ownTransaction = tx == null && dialect.supports(dev.canopy.dialect.Capability.STREAM_IN_TRANSACTION);
        PreparedStatement ps = null;
        ResultSet rs = null;
        try {
            if (ownTransaction) {
                c.setAutoCommit(false);
            }
            ps = c.prepareStatement(statement.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(STREAM_FETCH_SIZE);
            Watchdog watchdog = limit(ps, timeout);
            bind(ps, statement.binds());
            rs = ps.executeQuery();
            Cursor<T> it = cursor.open(rs);
            PreparedStatement openPs = ps;
            ResultSet openRs = rs;
            return java.util.stream.StreamSupport.stream(
                    java.util.Spliterators.spliteratorUnknownSize(it, java.util.Spliterator.ORDERED | java.util.Spliterator.NONNULL), false)
                    .onClose(() -> {
                        watchdog.close();
                        closeQuietly(openRs, openPs);
                        if (ownTransaction) {
                            endReadTransaction(c);
                        }
                        streamServers.remove(c);
                        closeUnlessTransaction(c, tx);
                        report(statement, start, it.rows(), null, server);
                    });
        } catch (SQLException e) {
            closeQuietly(rs, ps);
            if (ownTransaction) {
                endReadTransaction(c);
            }
            streamServers.remove(c);
            closeUnlessTransaction(c, tx);
            report(statement, start, 0, e, server);
            throw ErrorTranslator.translate(dialect, e, statement.sql());
        }
    }

    /** Ends the read-only transaction a stream ran in and gives the connection its auto-commit back. */
    private static void endReadTransaction(Connection c) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection goes back to the pool, which resets or evicts it
        }
    }

    /** How many rows a stream asks the driver for at a time. */
    private static final int STREAM_FETCH_SIZE = 500;

    /** Turns an open result set into an iterator that counts the rows it reads. */
    @FunctionalInterface
    public interface CursorFactory<T> {
        Cursor<T> open(ResultSet rs) throws SQLException;
    }

    /** An iterator over what a result set's rows make, and how many rows it has read so far. */
    public interface Cursor<T> extends java.util.Iterator<T> {
        long rows();
    }

    /**
     * Runs {@code work} with statements of this thread on the connection of an open result set (a stream's), so that
     * a stream's follow-up queries need no second connection from the pool.
     */
    public void onConnectionOf(ResultSet rs, Runnable work) {
        if (transaction.get() != null) {
            work.run();
            return;
        }
        try {
            Connection c = rs.getStatement().getConnection();
            transaction.set(c);
            String server = streamServers.get(c);
            if (server != null) {
                pinnedServer.set(server);
            }
        } catch (SQLException e) {
            throw ErrorTranslator.translate(dialect, e, "(stream)");
        }
        try {
            work.run();
        } finally {
            transaction.remove();
            pinnedServer.remove();
        }
    }

    /** The translated form of a driver error met while a stream reads, for cursors to throw. */
    public RuntimeException translate(SQLException e, SqlStatement statement) {
        return ErrorTranslator.translate(dialect, e, statement.sql());
    }

    private static void closeQuietly(@Nullable ResultSet rs, @Nullable PreparedStatement ps) {
        try {
            if (rs != null) {
                rs.close();
            }
        } catch (SQLException ignored) {
            // the statement is closed next, which closes the result set in any case
        }
        try {
            if (ps != null) {
                ps.close();
            }
        } catch (SQLException ignored) {
            // the connection is closed or returned next
        }
    }

    /**
     * Runs {@code work} in one transaction on one connection: committed when it returns, rolled back when it throws.
     * Statements run by this executor on the same thread inside {@code work} join it.
     */
    public <T extends @Nullable Object> T inTransaction(java.util.function.Supplier<T> work) {
        return inTransaction(-1, false, work);
    }

    /**
     * Runs {@code work} in one transaction, as {@link #inTransaction(java.util.function.Supplier)}, with a JDBC
     * isolation level ({@link Connection#TRANSACTION_SERIALIZABLE}, ...; {@code -1} for the pool's default) and
     * read-only when asked. Called inside another transaction on the same thread, {@code work} runs in a savepoint
     * instead: rolled back alone when it throws, so the outer transaction survives when the outer code catches; the
     * isolation and read-only options are then the outer transaction's.
     */
    public <T extends @Nullable Object> T inTransaction(int isolation, boolean readOnly, java.util.function.Supplier<T> work) {
        Connection outer = transaction.get();
        if (outer != null) {
            return inSavepoint(outer, work);
        }
        Connection c = connect();
        readOnly = readOnly && dialect.supports(dev.canopy.dialect.Capability.READ_ONLY_TRANSACTIONS);
        int isolationBefore = -1;
        try {
            if (isolation >= 0) {
                isolationBefore = c.getTransactionIsolation();
                c.setTransactionIsolation(isolation);
            }
            if (readOnly) {
                c.setReadOnly(true);
            }
            c.setAutoCommit(false);
            transaction.set(c);
            T result = work.get();
            c.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly(c, e);
            throw ErrorTranslator.translate(dialect, e, "COMMIT");
        } catch (RuntimeException | Error e) {
            rollbackQuietly(c, e);
            throw e;
        } finally {
            transaction.remove();
            try {
                c.setAutoCommit(true);
                if (readOnly) {
                    c.setReadOnly(false);
                }
                if (isolationBefore >= 0) {
                    c.setTransactionIsolation(isolationBefore);
                }
            } catch (SQLException ignored) {
                // the pool resets what it can; the connection is going back or away
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // the connection is going back to the pool or away; nothing more to do with it
            }
        }
    }

    /** Work on one connection that the caller controls (session settings, its own transaction). */
    @FunctionalInterface
    public interface ConnectionWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on one pooled connection that every statement of this thread joins meanwhile, as it would a
     * transaction's; {@code work} decides autocommit, commit and rollback. Schema changes need it where a session
     * setting must be made before a transaction begins (SQLite ignores {@code PRAGMA foreign_keys} inside one).
     * Inside a transaction, {@code work} gets the transaction's connection.
     */
    public <T extends @Nullable Object> T withConnection(ConnectionWork<T> work) {
        Connection tx = transaction.get();
        if (tx != null) {
            try {
                return work.apply(tx);
            } catch (SQLException e) {
                throw ErrorTranslator.translate(dialect, e, "(connection)");
            }
        }
        Connection c = connect();
        try {
            transaction.set(c);
            return work.apply(c);
        } catch (SQLException e) {
            throw ErrorTranslator.translate(dialect, e, "(connection)");
        } finally {
            transaction.remove();
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                c.close();
            } catch (SQLException ignored) {
                // the connection is going back to the pool or away; nothing more to do with it
            }
        }
    }

    /** Whether this thread's statements run in a transaction (or on a connection given by {@link #withConnection}). */
    public boolean inTransaction() {
        return transaction.get() != null;
    }

    private <T extends @Nullable Object> T inSavepoint(Connection c, java.util.function.Supplier<T> work) {
        java.sql.Savepoint savepoint;
        try {
            savepoint = c.setSavepoint();
        } catch (SQLException e) {
            throw ErrorTranslator.translate(dialect, e, "SAVEPOINT");
        }
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            try {
                c.rollback(savepoint);
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            throw e;
        }
        try {
            c.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw ErrorTranslator.translate(dialect, e, "RELEASE SAVEPOINT");
        }
        return result;
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new ConnectionException("Cannot connect to the " + dialect.name() + " database: " + e.getMessage(), e);
        }
    }

    private static void closeUnlessTransaction(@Nullable Connection c, @Nullable Connection tx) {
        if (c != null && c != tx) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing returns the connection to the pool; a failure here cannot change the result
            }
        }
    }

    private void bind(PreparedStatement ps, List<@Nullable Object> binds) throws SQLException {
        for (int i = 0; i < binds.size(); i++) {
            Object v = binds.get(i);
            if (v == null) {
                ps.setNull(i + 1, java.sql.Types.NULL);
            } else {
                ps.setObject(i + 1, dialect.toJdbc(v));
            }
        }
    }

    private void report(SqlStatement statement, long start, long rows, @Nullable Throwable failure, String server) {
        StatementEvent event = null;
        if (SQL_LOG.isDebugEnabled() || listener != null) {
            event = new StatementEvent(statement.sql(), statement.binds(), Duration.ofNanos(System.nanoTime() - start), rows, failure, server);
        }
        if (event != null && SQL_LOG.isDebugEnabled()) {
            SQL_LOG.debug(event.describe());
        }
        if (event != null && listener != null) {
            listener.onStatement(event);
        }
    }
}
