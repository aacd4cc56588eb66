package dev.canopy.conformance;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A second MariaDB server that a test starts and stops itself: a data directory under {@code target/} made by
 * {@code mariadb-install-db}, and {@code mariadbd} on a free port of 127.0.0.1 with {@code --skip-grant-tables} (any user,
 * no password), as a read replica stands in for one. No replication: tests seed it themselves. When the binaries are
 * missing the calling test is skipped loudly, except under {@code CI=true}, where it fails.
 */
final class SecondMariaDb implements AutoCloseable {
    private static final String OPTIONS = "?sslMode=DISABLED&allowPublicKeyRetrieval=true";

    final int port;
    private final Path dir;
    private Process server;

    private SecondMariaDb(int port, Path dir, Process server) {
        this.port = port;
        this.dir = dir;
        this.server = server;
    }

    /** A JDBC URL of a database on this server. */
    String url(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + OPTIONS;
    }

    /** Runs one statement on the server (no database selected). */
    void admin(String sql) {
        try (Connection c = DriverManager.getConnection(url(""), "root", ""); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on the second MariaDB (port " + port + "): " + e.getMessage(), e);
        }
    }

    /** Starts a server, or skips (fails under CI) when MariaDB's binaries are not installed. */
    static SecondMariaDb start() {
        String mariadbd = LocalServers.find("mariadbd", "/usr/sbin/mariadbd", "/usr/libexec/mariadbd");
        String installDb = LocalServers.find("mariadb-install-db", "/usr/bin/mariadb-install-db", "/usr/local/bin/mariadb-install-db");
        if (mariadbd == null || installDb == null) {
            String message = "*** mariadbd or mariadb-install-db is not installed: the test with a second MariaDB server is SKIPPED ***";
            if (TestDatabase.underCi()) {
                throw new AssertionError(message.replace("SKIPPED", "FAILED (CI=true)"));
            }
            System.err.println(message);
            Assumptions.abort(message);
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Path.of("target", "mariadb-replica-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        try {
            Files.createDirectories(dir);
            List<String> install = new ArrayList<>(List.of(installDb, "--no-defaults", "--datadir=" + dir.resolve("data"),
                    "--auth-root-authentication-method=normal", "--skip-test-db"));
            if (root) {
                install.add("--user=root");
            }
            LocalServers.run(install, dir.resolve("install.log"), 180, null);
            int port = LocalServers.freePort();
            SecondMariaDb db = new SecondMariaDb(port, dir, launch(mariadbd, dir, port, root));
            db.awaitUp();
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a second MariaDB server in " + dir, e);
        }
    }

    private static Process launch(String mariadbd, Path dir, int port, boolean root) throws IOException {
        List<String> start = new ArrayList<>(List.of(mariadbd, "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysqld.sock"),
                "--pid-file=" + dir.resolve("mysqld.pid"), "--skip-grant-tables", "--skip-log-bin",
                "--innodb-buffer-pool-size=32M", "--log-error=" + dir.resolve("error.log")));
        if (root) {
            start.add("--user=root");
        }
        return new ProcessBuilder(start).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
    }

    /**
     * Starts the server again, on the same port with the same data, after {@link #stop}: a database that was down and
     * is back, as clients see it.
     */
    void restart() {
        if (server != null) {
            throw new IllegalStateException("the second MariaDB server (port " + port + ") is running");
        }
        try {
            server = launch(LocalServers.find("mariadbd", "/usr/sbin/mariadbd", "/usr/libexec/mariadbd"), dir, port,
                    "root".equals(System.getProperty("user.name")));
            awaitUp();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the second MariaDB server again in " + dir, e);
        }
    }

    /** Whether the server answers now. */
    boolean isUp() {
        try (Connection c = DriverManager.getConnection(url("") + "&connectTimeout=1000", "root", "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void awaitUp() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (isUp()) {
                return;
            }
            if (!server.isAlive()) {
                break;
            }
            sleep(250);
        }
        stop();
        throw new IllegalStateException("the second MariaDB server did not accept connections on port " + port + " within 60 s; its log:\n"
                + LocalServers.tail(dir.resolve("error.log")) + LocalServers.tail(dir.resolve("server.log")));
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s), keeping its data directory. */
    void stop() {
        if (server == null) {
            return;
        }
        server.destroy();
        try {
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // target/ is cleaned by the build anyway
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
