package dev.canopy.bench.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Data sources that answer queries from memory, for the libraries that cannot be handed a {@link ResultSet}
 * (MyBatis and Hibernate run their own statements). Their statements go through their whole JDBC path — prepare,
 * bind, execute, read — against a stub connection whose queries return a {@link MemoryTable} cursor, so that the
 * hydration benchmarks time their mapping without a database, as for the contestants that do take a result set.
 */
public final class Replay {
    private Replay() {}

    /** A data source whose every query returns a fresh cursor over {@code table}, whatever its SQL. */
    public static DataSource returning(MemoryTable table) {
        return new StubDataSource(sql -> table);
    }

    /**
     * A data source that first runs statements on {@code real} and keeps each query's rows by SQL text; after
     * {@link Recorder#replay()} it answers the same SQL from memory and never touches {@code real} again.
     */
    public static Recorder recorder(DataSource real) {
        return new Recorder(real);
    }

    /** Records on a real data source, then replays. */
    public static final class Recorder extends StubDataSource {
        private final DataSource real;
        private final Map<String, MemoryTable> recorded = new ConcurrentHashMap<>();
        private volatile boolean replaying;

        private Recorder(DataSource real) {
            super(null);
            this.real = real;
        }

        /** From now on, answers recorded SQL from memory; any other SQL fails. */
        public void replay() {
            replaying = true;
        }

        /** The SQL texts recorded so far, with their row counts. */
        public Map<String, Integer> recorded() {
            Map<String, Integer> out = new java.util.LinkedHashMap<>();
            recorded.forEach((sql, t) -> out.put(sql, t.rowCount()));
            return out;
        }

        @Override MemoryTable tableFor(String sql) {
            MemoryTable t = recorded.get(sql);
            if (t == null) {
                throw new IllegalStateException("No rows were recorded for: " + sql);
            }
            return t;
        }

        @Override public Connection getConnection() throws SQLException {
            if (replaying) {
                return super.getConnection();
            }
            Connection c = real.getConnection();
            return proxy(Connection.class, (proxy, m, args) -> {
                Object result = invoke(c, m, args);
                if (result instanceof PreparedStatement && args != null && args.length > 0 && args[0] instanceof String) {
                    PreparedStatement ps = (PreparedStatement) result;
                    String sql = (String) args[0];
                    return proxy(PreparedStatement.class, (p2, m2, a2) -> {
                        if (m2.getName().equals("executeQuery") && (a2 == null || a2.length == 0)) {
                            MemoryTable t = MemoryTable.of(ps.executeQuery());
                            recorded.put(sql, t);
                            return t.cursor();
                        }
                        return invoke(ps, m2, a2);
                    });
                }
                return result;
            });
        }
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(Replay.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    /** A data source of stub connections: statements answer queries from memory and accept everything else. */
    static class StubDataSource implements DataSource {
        private final Function<String, MemoryTable> tables;

        StubDataSource(Function<String, MemoryTable> tables) {
            this.tables = tables;
        }

        MemoryTable tableFor(String sql) {
            return tables.apply(sql);
        }

        @Override public Connection getConnection() throws SQLException {
            boolean[] autoCommit = {true};
            Connection[] self = new Connection[1];
            self[0] = proxy(Connection.class, (proxy, m, args) -> {
                switch (m.getName()) {
                    case "prepareStatement": case "prepareCall":
                        return statement(PreparedStatement.class, (String) args[0], self[0]);
                    case "createStatement":
                        return statement(Statement.class, null, self[0]);
                    case "getAutoCommit": return autoCommit[0];
                    case "setAutoCommit": autoCommit[0] = (Boolean) args[0]; return null;
                    case "getTransactionIsolation": return Connection.TRANSACTION_READ_COMMITTED;
                    case "isValid": return true;
                    case "unwrap": return null;
                    case "toString": return "replay connection";
                    case "hashCode": return System.identityHashCode(proxy);
                    case "equals": return proxy == args[0];
                    default: return defaultValue(m.getReturnType());
                }
            });
            return self[0];
        }

        private <S extends Statement> S statement(Class<S> type, String preparedSql, Connection connection) {
            ResultSet[] current = new ResultSet[1];
            return proxy(type, (proxy, m, args) -> {
                switch (m.getName()) {
                    case "executeQuery":
                        current[0] = tableFor(preparedSql != null ? preparedSql : (String) args[0]).cursor();
                        return current[0];
                    case "execute":
                        current[0] = tableFor(preparedSql != null ? preparedSql : (String) args[0]).cursor();
                        return true;
                    case "getResultSet": {
                        ResultSet rs = current[0];
                        current[0] = null;
                        return rs;
                    }
                    case "getMoreResults": return false;
                    case "getUpdateCount": return -1;
                    case "getConnection": return connection;
                    case "getMaxRows": case "getQueryTimeout": case "getFetchSize": return 0;
                    case "unwrap": return null;
                    case "toString": return "replay statement: " + preparedSql;
                    case "hashCode": return System.identityHashCode(proxy);
                    case "equals": return proxy == args[0];
                    default: return defaultValue(m.getReturnType());
                }
            });
        }

        private static Object defaultValue(Class<?> type) {
            if (type == boolean.class) {
                return false;
            }
            if (type == int.class) {
                return 0;
            }
            if (type == long.class) {
                return 0L;
            }
            return null;
        }

        @Override public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override public PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(PrintWriter out) {}
        @Override public void setLoginTimeout(int seconds) {}
        @Override public int getLoginTimeout() { return 0; }
        @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { throw new SQLFeatureNotSupportedException(); }
        @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
        @Override public boolean isWrapperFor(Class<?> iface) { return false; }
    }
}
