package dev.canopy.conformance;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A second PostgreSQL cluster that a test starts, stops and starts again itself: {@code initdb} into a directory
 * under {@code target/} (trust authentication, user {@code postgres}) and {@code pg_ctl} on a free port of
 * 127.0.0.1, with no Unix socket. PostgreSQL refuses to run as root: a build running as root runs both as the
 * {@code postgres} user through {@code runuser}, the directory handed to that user. When the binaries (or, as root,
 * {@code runuser} and a {@code postgres} user) are missing the calling test is skipped loudly, except under
 * {@code CI=true}, where it fails.
 */
final class SecondPostgres implements AutoCloseable {
    final int port;
    private final Path dir;
    private final String pgCtl;
    private final @Nullable String runAs;
    private boolean running;

    private SecondPostgres(int port, Path dir, String pgCtl, @Nullable String runAs) {
        this.port = port;
        this.dir = dir;
        this.pgCtl = pgCtl;
        this.runAs = runAs;
    }

    /** The JDBC URL of the cluster's {@code postgres} database. */
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Starts a cluster, or skips (fails under CI) when it cannot be made here. */
    static SecondPostgres start() {
        String bin = binaries();
        String runuser = LocalServers.find("runuser", "/usr/sbin/runuser", "/sbin/runuser");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (bin == null || (root && runuser == null)) {
            skip(bin == null ? "initdb and pg_ctl are not installed" : "the build runs as root and runuser is missing");
        }
        Path dir = Path.of("target", "postgres-second-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        try {
            Files.createDirectories(dir);
            if (root) {
                UserPrincipal postgres;
                try {
                    postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                } catch (IOException e) {
                    skip("the build runs as root and there is no postgres user to run the cluster as");
                    throw e;
                }
                Files.setOwner(dir, postgres);
            }
            SecondPostgres db = new SecondPostgres(LocalServers.freePort(), dir, bin + File.separator + "pg_ctl", root ? runuser : null);
            db.run(List.of(bin + File.separator + "initdb", "-D", dir.resolve("data").toString(), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--no-sync"), "initdb.log", 180);
            db.restart();
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a second PostgreSQL cluster in " + dir, e);
        }
    }

    /** Starts the cluster (again, after {@link #stop}), on the same port with the same data. */
    void restart() {
        if (running) {
            throw new IllegalStateException("the second PostgreSQL cluster (port " + port + ") is running");
        }
        try {
            run(List.of(pgCtl, "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                    "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off"
                            + " -c shared_buffers=16MB -c max_connections=20", "start"), "pg_ctl.log", 90);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the second PostgreSQL cluster in " + dir, e);
        }
        running = true;
    }

    /** Stops the cluster (fast shutdown: sessions are ended), keeping its data. */
    void stop() {
        if (!running) {
            return;
        }
        try {
            run(List.of(pgCtl, "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "60", "stop"), "pg_ctl.log", 90);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the second PostgreSQL cluster in " + dir, e);
        }
        running = false;
    }

    /** Whether the cluster answers now. */
    boolean isUp() {
        try (Connection c = DriverManager.getConnection(url() + "?connectTimeout=1", "postgres", "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Stops the cluster and deletes its directory. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // target/ is cleaned by the build anyway
            }
        }
    }

    private static void skip(String why) {
        String message = "*** " + why + ": the test with a second PostgreSQL cluster is SKIPPED ***";
        if (TestDatabase.underCi()) {
            throw new AssertionError(message.replace("SKIPPED", "FAILED (CI=true)"));
        }
        System.err.println(message);
        Assumptions.abort(message);
    }

    /** The directory holding initdb and pg_ctl: on the PATH, or Debian's versioned directory (the newest). */
    private static @Nullable String binaries() {
        String initdb = LocalServers.find("initdb");
        if (initdb != null && LocalServers.find("pg_ctl") != null) {
            return Path.of(initdb).getParent().toString();
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString())))
                    .map(Path::toString).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** Runs a PostgreSQL tool, as the {@code postgres} user when the tests run as root. */
    private void run(List<String> command, String logName, int seconds) throws IOException {
        List<String> full = new ArrayList<>();
        if (runAs != null) {
            full.addAll(List.of(runAs, "-u", "postgres", "--"));
        }
        full.addAll(command);
        LocalServers.run(full, dir.resolve(logName), seconds, dir.resolve("server.log"));
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
