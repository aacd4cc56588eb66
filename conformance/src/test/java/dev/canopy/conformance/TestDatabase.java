package dev.canopy.conformance;

import dev.canopy.Canopy;
import dev.canopy.dialect.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the conformance suite runs on; a new dialect is one more constant. Each {@link #open} gives a
 * fresh, isolated database (its own name, so concurrent runs never collide) that is dropped again when closed.
 *
 * <p>A server that cannot be reached is skipped with a loud message on a developer's machine; under CI
 * ({@code CI=true}) it fails the test instead, so CI always proves every database.
 *
 * <p>The servers are the development machines' own (see DESIGN.md): MariaDB on 127.0.0.1:3306 (root, no password),
 * PostgreSQL on 127.0.0.1:5432 (postgres, trust). Each test database is created on the server's {@code test}
 * database and dropped again; SQLite gets a temporary file.
 */
public enum TestDatabase {
    H2 {
        @Override
        Handle create(String label) {
            String url = "jdbc:h2:mem:" + label + ";DB_CLOSE_DELAY=-1";
            Canopy db = Canopy.builder(url).build();
            return new Handle(this, url, null, null, db, () -> db.execute("SHUTDOWN"));
        }

        @Override
        String unreachableReason() {
            return null;
        }
    },

    /** SQLite in a temporary file (an in-memory SQLite database would be one per pooled connection). */
    SQLITE {
        @Override
        Handle create(String label) {
            Path file;
            try {
                file = Files.createTempFile(label + "_", ".db");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary SQLite file", e);
            }
            String url = "jdbc:sqlite:" + file;
            Canopy db = Canopy.builder(url).build();
            return new Handle(this, url, null, null, db, () -> {
                db.close();
                for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
                    try {
                        Files.deleteIfExists(Path.of(file + suffix));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot delete " + file + suffix, e);
                    }
                }
            });
        }

        @Override
        String unreachableReason() {
            return null;
        }
    },

    /**
     * MariaDB through a {@code jdbc:mysql:} URL (MySQL Connector/J), as users reach it: Canopy finds out from the
     * server that it is MariaDB and picks the MariaDB dialect.
     */
    MARIADB {
        private static final String SERVER = "jdbc:mysql://127.0.0.1:3306/";
        private static final String OPTIONS = "?sslMode=DISABLED&allowPublicKeyRetrieval=true";
        private static final String USER = "root";
        private static final String PASSWORD = "";

        @Override
        Handle create(String label) {
            admin(SERVER + "test" + OPTIONS, USER, PASSWORD, "CREATE DATABASE `" + label + "` CHARACTER SET utf8mb4");
            String url = SERVER + label + OPTIONS;
            return pooled(this, url, USER, PASSWORD, () -> admin(SERVER + "test" + OPTIONS, USER, PASSWORD,
                    "DROP DATABASE IF EXISTS `" + label + "`"));
        }

        @Override
        String unreachableReason() {
            return probe(SERVER + "test" + OPTIONS + "&connectTimeout=3000&socketTimeout=3000", USER, PASSWORD);
        }
    },

    POSTGRES {
        private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
        private static final String USER = "postgres";
        private static final String PASSWORD = "";

        @Override
        Handle create(String label) {
            admin(SERVER + "test", USER, PASSWORD, "CREATE DATABASE \"" + label + "\"");
            String url = SERVER + label;
            // WITH (FORCE) (PostgreSQL 13+) ends a session that outlived the pool, e.g. one a failed test left behind.
            return pooled(this, url, USER, PASSWORD, () -> admin(SERVER + "test", USER, PASSWORD,
                    "DROP DATABASE IF EXISTS \"" + label + "\" WITH (FORCE)"));
        }

        @Override
        String unreachableReason() {
            return probe(SERVER + "test?connectTimeout=3&loginTimeout=3&socketTimeout=3", USER, PASSWORD);
        }
    };

    /** An open test database and how to get rid of it. */
    public static final class Handle implements AutoCloseable {
        public final TestDatabase kind;
        public final String url;
        public final String user;
        public final String password;
        public final Canopy db;
        private final Runnable dispose;

        Handle(TestDatabase kind, String url, String user, String password, Canopy db, Runnable dispose) {
            this.kind = kind;
            this.url = url;
            this.user = user;
            this.password = password;
            this.db = db;
            this.dispose = dispose;
        }

        public Dialect dialect() {
            return db.dialect();
        }

        /** This database, its Canopy serving {@code schema} (the same pool; closing the new handle closes it). */
        public Handle serving(dev.canopy.model.Schema schema) {
            Canopy owner = db;
            return new Handle(kind, url, user, password, db.withSchema(schema), () -> {
                try {
                    dispose.run();
                } finally {
                    owner.close();
                }
            });
        }

        @Override
        public void close() {
            try {
                dispose.run();
            } finally {
                db.close();
            }
        }
    }

    private static final ConcurrentHashMap<TestDatabase, String> UNREACHABLE = new ConcurrentHashMap<>();

    /** Creates a fresh database named after {@code label} (plus a random suffix). */
    abstract Handle create(String label);

    /** Why this database cannot be used here, or null when it can. */
    abstract String unreachableReason();

    /** A pool on a database this kind just created; closing the handle closes the pool, then drops the database. */
    private static Handle pooled(TestDatabase kind, String url, String user, String password, Runnable drop) {
        Canopy db;
        try {
            db = Canopy.builder(url).user(user).password(password).build();
        } catch (RuntimeException e) {
            drop.run();
            throw e;
        }
        return new Handle(kind, url, user, password, db, () -> {
            db.close();
            drop.run();
        });
    }

    /** Runs one statement on a connection of its own (CREATE / DROP DATABASE cannot run on the pool they concern). */
    private static void admin(String url, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }

    /** Null when a plain JDBC connection to {@code url} opens (within the URL's own timeouts), else why not. */
    private static String probe(String url, String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        try (Connection c = DriverManager.getConnection(url, props)) {
            return c.isValid(3) ? null : "a connection to " + url + " opened but is not valid";
        } catch (SQLException e) {
            return "cannot connect to " + url + ": " + e.getMessage();
        }
    }

    /** Every database, for {@code @EnumSource} / {@code @MethodSource}. */
    public static List<TestDatabase> all() {
        return Arrays.asList(values());
    }

    /** Whether tests run under CI, where an unreachable server is a failure, not a skip. */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Opens a fresh database of this kind, or skips the calling test (loudly) when its server cannot be reached;
     * under CI an unreachable server fails the test.
     */
    public Handle open(String label) {
        String reason = UNREACHABLE.computeIfAbsent(this, k -> {
            String r = k.unreachableReason();
            return r == null ? "" : r;
        });
        if (!reason.isEmpty()) {
            String message = "*** " + name() + " IS NOT REACHABLE: " + reason + " — its conformance tests are SKIPPED ***";
            if (underCi()) {
                throw new AssertionError(message.replace("SKIPPED", "FAILED (CI=true)"));
            }
            System.err.println(message);
            Assumptions.abort(message);
        }
        String unique = (label + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        return create("canopy_" + unique);
    }

    /** Runs {@code body} on a fresh database of this kind and drops it afterwards. */
    public Handle open(String label, dev.canopy.model.Schema schema) {
        return open(label).serving(schema);
    }

    /** Runs {@code body} on a fresh database whose Canopy serves {@code schema}, then drops the database. */
    public void with(String label, dev.canopy.model.Schema schema, Consumer<Handle> body) {
        try (Handle h = open(label, schema)) {
            body.accept(h);
        }
    }

    /** One schema of several whose models are distinct, for a database that holds them all. */
    public static dev.canopy.model.Schema merged(dev.canopy.model.Schema... schemas) {
        dev.canopy.model.Schema.Builder b = dev.canopy.model.Schema.builder();
        for (dev.canopy.model.Schema s : schemas) {
            s.models().forEach(b::model);
            b.associations(s.associations());
        }
        return b.build();
    }

    public void with(String label, Consumer<Handle> body) {
        try (Handle h = open(label)) {
            body.accept(h);
        }
    }
}
