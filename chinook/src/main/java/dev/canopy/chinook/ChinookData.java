package dev.canopy.chinook;

import dev.canopy.error.DatabaseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Loads the Chinook sample database (tables and rows) into a database with plain JDBC, so that the demo, samples,
 * tests and benchmarks start from the same known data without a migration tool.
 *
 * <p>The SQL lives on the class path: {@value #SCHEMA_RESOURCE} (CREATE TABLE and CREATE INDEX) and
 * {@value #DATA_RESOURCE} (multi-row INSERTs of at most 500 rows). Both use double-quoted PascalCase identifiers,
 * {@code INT}, {@code VARCHAR(n)}, {@code NUMERIC(10,2)}, {@code TIMESTAMP} and standard string literals (a quote is
 * doubled, a backslash is a plain character), so they run on H2 2.x in its default mode and are meant to run on
 * PostgreSQL, SQLite and MariaDB / MySQL. On MariaDB and MySQL the session needs {@code sql_mode} with
 * {@code ANSI_QUOTES} (double-quoted identifiers) and {@code NO_BACKSLASH_ESCAPES} (four track names hold a
 * backslash), and {@code TIMESTAMP} must become {@code DATETIME} there, because their {@code TIMESTAMP} starts in
 * 1970 and employees were born before; {@link #load(Connection)} does both itself, and gives the session its own
 * {@code sql_mode} back afterwards (a pooled connection must not keep a mode its next user did not ask for). Every statement ends
 * with {@code ;} at the end of a line, and {@code --} lines are comments.
 *
 * <p>Row counts: Artist 275, Album 347, Track 3503, Genre 25, MediaType 5, Playlist 18, PlaylistTrack 8715,
 * Employee 8, Customer 59, Invoice 412, InvoiceLine 2240.
 */
public final class ChinookData {
    /** Class-path resource with the CREATE TABLE / CREATE INDEX statements. */
    public static final String SCHEMA_RESOURCE = "chinook/chinook-schema.sql";
    /** Class-path resource with the INSERT statements. */
    public static final String DATA_RESOURCE = "chinook/chinook-data.sql";
    /** Class-path resource describing the models and associations for the {@code canopy} CLI. */
    public static final String MODELS_RESOURCE = "chinook/models.json";
    /** Class-path resource with the Chinook licence (MIT). */
    public static final String LICENCE_RESOURCE = "chinook/LICENSE.md";

    private static final Pattern CREATE_TABLE = Pattern.compile("^CREATE TABLE \"(\\w+)\"");
    private static final Pattern TIMESTAMP_TYPE = Pattern.compile("\" TIMESTAMP\\b");

    private ChinookData() {}

    /**
     * Creates the Chinook tables and inserts their rows, on a connection of {@code ds} that is closed afterwards.
     * Does nothing when a table {@code Artist} already exists.
     *
     * @throws DatabaseException when a statement fails; the tables created so far are dropped again
     */
    public static void load(DataSource ds) {
        Objects.requireNonNull(ds, "data source is null");
        try (Connection c = ds.getConnection()) {
            load(c);
        } catch (SQLException e) {
            throw new DatabaseException("Cannot load the Chinook data: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the Chinook tables and inserts their rows in one transaction on {@code c}, then restores its auto-commit
     * setting; the connection stays open. Does nothing when a table {@code Artist} already exists in the current
     * schema. Where DDL commits on its own (H2, MariaDB) the transaction cannot undo the CREATE TABLEs, so on failure
     * the tables this call created are dropped again, and a later call starts afresh.
     *
     * @throws DatabaseException when a statement fails, naming the resource and the statement
     */
    public static void load(Connection c) {
        Objects.requireNonNull(c, "connection is null");
        List<String> schema = statements(SCHEMA_RESOURCE);
        List<String> data = statements(DATA_RESOURCE);
        boolean autoCommit;
        String sqlMode = null;
        try {
            if (hasTable(c, "Artist")) {
                return;
            }
            if (isMySqlFamily(c)) {
                schema = schema.stream().map(sql -> TIMESTAMP_TYPE.matcher(sql).replaceAll("\" DATETIME")).collect(Collectors.toList());
                sqlMode = standardQuoting(c);
            }
            autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
        } catch (SQLException e) {
            throw new DatabaseException("Cannot load the Chinook data: " + e.getMessage(), e);
        }
        List<String> created = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            run(st, SCHEMA_RESOURCE, schema, created);
            run(st, DATA_RESOURCE, data, created);
            c.commit();
        } catch (RuntimeException e) {
            undo(c, created, e);
            throw e;
        } catch (SQLException e) {
            undo(c, created, e);
            throw new DatabaseException("Cannot load the Chinook data: " + e.getMessage(), e);
        } finally {
            try {
                c.setAutoCommit(autoCommit);
                if (sqlMode != null) {
                    setSqlMode(c, sqlMode);
                }
            } catch (SQLException ignored) {
                // the connection is broken; the caller will find out on its next use
            }
        }
    }

    /**
     * Every statement that creates and fills the Chinook tables, schema first, for a database of the MySQL family or
     * another ({@code TIMESTAMP} is {@code DATETIME} there; the session still needs the {@code sql_mode} that
     * {@link #load(Connection)} sets). The Chinook seeder runs them through the schema API.
     */
    public static List<String> statements(boolean mysqlFamily) {
        List<String> out = new ArrayList<>();
        for (String sql : statements(SCHEMA_RESOURCE)) {
            out.add(mysqlFamily ? TIMESTAMP_TYPE.matcher(sql).replaceAll("\" DATETIME") : sql);
        }
        out.addAll(statements(DATA_RESOURCE));
        return out;
    }

    /** The Chinook tables, referenced tables first (the order their CREATE TABLE statements run in). */
    public static List<String> tables() {
        List<String> out = new ArrayList<>();
        for (String sql : statements(SCHEMA_RESOURCE)) {
            Matcher m = CREATE_TABLE.matcher(sql);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The text of the Chinook licence (MIT), to show wherever the data is shown. */
    public static String licence() {
        return resource(LICENCE_RESOURCE);
    }

    private static void run(Statement st, String resource, List<String> statements, List<String> created) {
        for (int i = 0; i < statements.size(); i++) {
            String sql = statements.get(i);
            try {
                st.execute(sql);
            } catch (SQLException e) {
                throw new DatabaseException("Cannot load the Chinook data: statement " + (i + 1) + " of " + resource + " ("
                        + firstLine(sql) + ") failed: " + e.getMessage(), e);
            }
            Matcher m = CREATE_TABLE.matcher(sql);
            if (m.find()) {
                created.add(m.group(1));
            }
        }
    }

    private static void undo(Connection c, List<String> created, Exception failure) {
        try {
            c.rollback();
            try (Statement st = c.createStatement()) {
                for (int i = created.size() - 1; i >= 0; i--) {
                    st.execute("DROP TABLE IF EXISTS \"" + created.get(i) + "\"");
                }
            }
            c.commit();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Adds {@code ANSI_QUOTES} and {@code NO_BACKSLASH_ESCAPES} to the session's {@code sql_mode}, so that the scripts'
     * double-quoted names and standard string literals mean what they mean elsewhere; returns the mode it replaced.
     */
    private static String standardQuoting(Connection c) throws SQLException {
        String mode;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT @@SESSION.sql_mode")) {
            rs.next();
            mode = rs.getString(1);
        }
        setSqlMode(c, mode == null || mode.isEmpty() ? "ANSI_QUOTES,NO_BACKSLASH_ESCAPES" : mode + ",ANSI_QUOTES,NO_BACKSLASH_ESCAPES");
        return mode == null ? "" : mode;
    }

    private static void setSqlMode(Connection c, String mode) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SET SESSION sql_mode = ?")) {
            ps.setString(1, mode);
            ps.execute();
        }
    }

    /** MariaDB and MySQL, whose TIMESTAMP holds 1970 to 2038 only. */
    private static boolean isMySqlFamily(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("mysql") || product.contains("mariadb");
    }

    /** Whether the connection's current schema has a table named {@code table}, in any letter case. */
    static boolean hasTable(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String schema;
        try {
            schema = c.getSchema();
        } catch (SQLException | AbstractMethodError | UnsupportedOperationException e) {
            schema = null;
        }
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = md.getTables(c.getCatalog(), schema, name, new String[] {"TABLE"})) {
                while (rs.next()) {
                    if (table.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The statements of a class-path SQL resource: text up to a {@code ;} that ends a line, without the {@code ;};
     * lines starting with {@code --} and blank lines between statements are left out.
     */
    static List<String> statements(String resource) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : resource(resource).split("\r?\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(line, 0, line.lastIndexOf(';'));
                out.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException(resource + " ends with a statement that has no ';': " + firstLine(current.toString()));
        }
        return out;
    }

    private static String resource(String name) {
        ClassLoader loader = ChinookData.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Class-path resource " + name + " is missing; is canopy-chinook on the class path?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read class-path resource " + name, e);
        }
    }

    private static String firstLine(String sql) {
        String s = sql.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
