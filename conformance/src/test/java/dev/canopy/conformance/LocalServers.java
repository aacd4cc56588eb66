package dev.canopy.conformance;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What the tests that start database servers of their own ({@link SecondMariaDb}, {@link SecondPostgres}) need from
 * the machine: a server binary, a free port, a tool run to its end, and the end of a log to show when a server will
 * not start.
 */
final class LocalServers {
    private LocalServers() {}

    /** The executable {@code name} on the PATH, or else the first of {@code candidates} that is executable; null if none. */
    static @Nullable String find(String name, String... candidates) {
        for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dirName.isEmpty() ? "." : dirName, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }

    /** A port nobody listens on now (on the loopback address), for a server the test starts. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The last 30 lines of a log, for the message of a server that failed to start or stop. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())) + "\n";
        } catch (IOException e) {
            return "(no " + log.getFileName() + ")\n";
        }
    }

    /**
     * Runs {@code command} to its end within {@code seconds}, its output appended to {@code log}; on a timeout or a
     * non-zero exit, fails with the end of that log and of {@code alsoShow} (the server's own log), if any.
     */
    static void run(List<String> command, Path log, int seconds, @Nullable Path alsoShow) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within " + seconds + " s:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + tail(log)
                    + (alsoShow == null ? "" : tail(alsoShow)));
        }
    }
}
