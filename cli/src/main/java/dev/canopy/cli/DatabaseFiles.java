package dev.canopy.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The file an embedded database's URL names. H2 and SQLite create a missing file in silence, so a mistyped path would
 * read as an empty database and fail later on missing tables; the commands that read refuse it first, naming it.
 */
final class DatabaseFiles {
    private DatabaseFiles() {}

    /** Fails when {@code url} names an H2 or SQLite file that does not exist. */
    static void requireExisting(String url) {
        Path file = fileOf(url);
        if (file != null && !Files.exists(file)) {
            throw new UserInputException("no database file '" + file + "' (from --url " + url
                    + "); give the path of an existing database (canopy demo --save PATH makes an H2 one)");
        }
    }

    /** The file of a file-based H2 or SQLite URL, or null for other URLs (in-memory, servers). */
    static @Nullable Path fileOf(String url) {
        try {
            if (url.startsWith("jdbc:h2:")) {
                return h2(url.substring("jdbc:h2:".length()));
            }
            if (url.startsWith("jdbc:sqlite:")) {
                return sqlite(url.substring("jdbc:sqlite:".length()));
            }
        } catch (InvalidPathException e) {
            throw new UserInputException("--url " + url + " names no valid file: " + e.getMessage(), e);
        }
        return null;
    }

    /** {@code file:PATH;SETTINGS} or {@code PATH;SETTINGS}; H2 adds {@code .mv.db}. Not {@code mem:}, {@code tcp:}, {@code ssl:}, {@code zip:}. */
    private static @Nullable Path h2(String rest) {
        String spec = rest.contains(";") ? rest.substring(0, rest.indexOf(';')) : rest;
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            spec = spec.substring("file:".length());
        } else if (lower.matches("^(mem|tcp|ssl|zip|split|nio\\w*|async|memfs|memlzf|retry):.*")) {
            return null;
        }
        if (spec.isEmpty()) {
            return null;
        }
        if (spec.startsWith("~")) {
            spec = System.getProperty("user.home") + spec.substring(1);
        }
        return Path.of(spec + ".mv.db").toAbsolutePath().normalize();
    }

    /** {@code PATH?OPTIONS} or {@code file:PATH?OPTIONS}; not {@code :memory:}, {@code :resource:} or {@code mode=memory}. */
    private static @Nullable Path sqlite(String rest) {
        String spec = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
        if (spec.startsWith("file:")) {
            spec = spec.substring("file:".length());
        }
        if (spec.isEmpty() || spec.startsWith(":") || rest.toLowerCase(Locale.ROOT).contains("mode=memory")) {
            return null;
        }
        return Path.of(spec).toAbsolutePath().normalize();
    }
}
