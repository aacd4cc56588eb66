package dev.canopy.bench.data;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.canopy.dialect.Dialect;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.jooq.SQLDialect;

/**
 * The databases the end-to-end benchmarks run on: embedded H2 (the default, needs nothing), and MariaDB and
 * PostgreSQL on their usual local ports when asked ({@code -p db=h2,mariadb,postgres}) and reachable. On the servers
 * the benchmarks use a database of their own, {@code canopy_bench}, created on first use.
 */
public enum BenchDatabase {
    /**
     * {@code OPTIMIZE_REUSE_RESULTS=0}: by default H2 hands back its last result when the same SQL runs again with the
     * same values over unchanged tables, so "end to end" would time the reading of a result H2 already holds (see
     * results/h2-end-to-end.md). A service's tables change between its queries; the benchmark makes H2 run each one.
     */
    H2("jdbc:h2:mem:canopy_bench;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE;OPTIMIZE_REUSE_RESULTS=0", null, "sa", "", SQLDialect.H2, null, 0),
    /** {@code allowMultiQueries}: jOOQ's MULTISET emulation raises {@code group_concat_max_len} around its query, in one call. */
    MARIADB("jdbc:mariadb://127.0.0.1:3306/canopy_bench?allowMultiQueries=true", "jdbc:mariadb://127.0.0.1:3306/test", "root", "", SQLDialect.MARIADB,
            "127.0.0.1", 3306),
    POSTGRES("jdbc:postgresql://127.0.0.1:5432/canopy_bench", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", SQLDialect.POSTGRES,
            "127.0.0.1", 5432),
    /** A file in the temporary directory (the Chinook scenario only). */
    SQLITE("jdbc:sqlite:" + java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "canopy_bench.sqlite"), null, "", "", SQLDialect.SQLITE,
            null, 0);

    /** The database the benchmarks create and fill on a server. */
    public static final String DATABASE = "canopy_bench";

    public final String url;
    private final String adminUrl;
    public final String user;
    public final String password;
    public final SQLDialect jooqDialect;
    private final String host;
    private final int port;

    BenchDatabase(String url, String adminUrl, String user, String password, SQLDialect jooqDialect, String host, int port) {
        this.url = url;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.jooqDialect = jooqDialect;
        this.host = host;
        this.port = port;
    }

    /** {@code h2}, {@code mariadb} or {@code postgres} (also {@code postgresql}, {@code mysql}). */
    public static BenchDatabase named(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "h2": return H2;
            case "mariadb": case "mysql": return MARIADB;
            case "postgres": case "postgresql": case "pg": return POSTGRES;
            case "sqlite": return SQLITE;
            default: throw new IllegalArgumentException("Unknown database '" + name + "'; use h2, mariadb, postgres or sqlite");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the server answers on its port (always true for embedded H2). */
    public boolean isReachable() {
        if (host == null) {
            return true;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * Canopy's dialect for this database. The benchmarks reach MariaDB through MariaDB's own driver
     * ({@code jdbc:mariadb:}), which Canopy's URL lookup does not serve, so that dialect is named.
     */
    public Dialect canopyDialect() {
        return url.startsWith("jdbc:mariadb:") ? Dialect.named("mariadb") : Dialect.forUrl(url);
    }

    /** A small pool, shared by every contestant of a benchmark so that each pays the same for a connection. */
    public HikariDataSource pool() {
        return pool(null);
    }

    private HikariDataSource pool(String initSql) {
        HikariConfig config = new HikariConfig();
        if (initSql != null) {
            config.setConnectionInitSql(initSql);
        }
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(1);
        config.setPoolName("bench-" + id());
        return new HikariDataSource(config);
    }

    /**
     * Loads the Chinook sample database (its own quoted PascalCase tables, beside the blog's) unless it is there.
     * On MariaDB the pool's sessions use {@code ANSI_QUOTES}, so that the hand-written SQL can quote as everyone else.
     */
    public void prepareChinook() {
        if (!isReachable()) {
            throw new IllegalStateException(id() + " is not reachable on " + host + ":" + port + "; start it, or leave it out");
        }
        try {
            createDatabase();
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                dev.canopy.chinook.ChinookData.load(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare Chinook on " + id() + ": " + e.getMessage(), e);
        }
    }

    /** {@link #pool()}, whose MariaDB sessions read double quotes as identifier quotes (as the other databases do). */
    public HikariDataSource chinookPool() {
        return pool(this == MARIADB ? "SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')" : null);
    }

    /**
     * Creates the tables and loads the dataset unless the database already holds exactly this dataset (a fingerprint
     * row says so), so that repeated forks against a server skip the load.
     */
    public void prepare(Dataset data) {
        if (!isReachable()) {
            throw new IllegalStateException(id() + " is not reachable on " + host + ":" + port
                    + "; start it, or leave it out of -p db=...");
        }
        try {
            createDatabase();
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                if (data.fingerprint().equals(fingerprint(c))) {
                    return;
                }
                load(c, data);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the " + id() + " benchmark database: " + e.getMessage(), e);
        }
    }

    /**
     * Runs statements on the benchmark database (created on a server if missing), each in its own auto-commit: how
     * the write benchmarks make and empty their own tables, which leave the read dataset alone.
     */
    public void execute(java.util.List<String> statements) {
        if (!isReachable()) {
            throw new IllegalStateException(id() + " is not reachable on " + host + ":" + port
                    + "; start it, or leave it out of -p db=...");
        }
        try {
            createDatabase();
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run " + statements + " on the " + id() + " benchmark database: " + e.getMessage(), e);
        }
    }

    private void createDatabase() throws SQLException {
        if (adminUrl == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            if (this == MARIADB) {
                s.execute("create database if not exists " + DATABASE);
            } else {
                try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                    if (rs.next()) {
                        return;
                    }
                }
                s.execute("create database " + DATABASE);
            }
        }
    }

    private static String fingerprint(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select fingerprint from bench_meta")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    private void load(Connection c, Dataset data) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String table : new String[] {"bench_meta", "comments", "posts", "users"}) {
                s.execute("drop table if exists " + table);
            }
            s.execute("create table users (id integer not null primary key, name varchar(80) not null)");
            s.execute("create table posts (id integer not null primary key, author_id integer not null, title varchar(200) not null,"
                    + " foreign key (author_id) references users (id))");
            s.execute("create table comments (id integer not null primary key, post_id integer not null, user_id integer not null,"
                    + " body varchar(500) not null, foreign key (post_id) references posts (id), foreign key (user_id) references users (id))");
            s.execute("create index posts_author on posts (author_id)");
            s.execute("create index comments_post on comments (post_id)");
            s.execute("create index comments_user on comments (user_id)");
            s.execute("create table bench_meta (fingerprint varchar(100) not null)");
        }
        c.commit();
        try (PreparedStatement ps = c.prepareStatement("insert into users (id, name) values (?, ?)")) {
            for (int u = 1; u <= data.users; u++) {
                ps.setInt(1, u);
                ps.setString(2, data.userNames[u - 1]);
                batch(ps, u);
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into posts (id, author_id, title) values (?, ?, ?)")) {
            for (int p = 1; p <= data.posts(); p++) {
                ps.setInt(1, p);
                ps.setInt(2, data.postAuthor(p));
                ps.setString(3, data.postTitles[p - 1]);
                batch(ps, p);
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into comments (id, post_id, user_id, body) values (?, ?, ?, ?)")) {
            for (int k = 1; k <= data.comments(); k++) {
                ps.setInt(1, k);
                ps.setInt(2, data.commentPost(k));
                ps.setInt(3, data.commentUser[k - 1]);
                ps.setString(4, data.commentBodies[k - 1]);
                batch(ps, k);
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into bench_meta (fingerprint) values (?)")) {
            ps.setString(1, data.fingerprint());
            ps.executeUpdate();
        }
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            if (this == POSTGRES) {
                s.execute("analyze");
            } else if (this == MARIADB) {
                s.execute("analyze table users, posts, comments");
            } else {
                s.execute("analyze");
            }
        }
    }

    private static void batch(PreparedStatement ps, int n) throws SQLException {
        ps.addBatch();
        if (n % 1_000 == 0) {
            ps.executeBatch();
        }
    }
}
