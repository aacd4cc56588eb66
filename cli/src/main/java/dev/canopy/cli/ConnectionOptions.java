package dev.canopy.cli;

import dev.canopy.Canopy;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --url}, {@code --user}, {@code --password}: where the database is. */
final class ConnectionOptions {
    @Option(names = "--url", paramLabel = "JDBC_URL", description = "JDBC URL of the database, e.g. jdbc:h2:file:./target/chinook")
    @Nullable String url;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Database user.")
    @Nullable String user;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", description = "Database password.")
    @Nullable String password;

    /**
     * A small pool on {@link #url}, with {@code dialect} when given, else the one the URL names. The commands that
     * connect only read, so an H2 or SQLite file that does not exist is refused rather than created empty.
     */
    Canopy connect(@Nullable String dialect) {
        return connect(dialect, null);
    }

    /** As {@link #connect(String)}, telling {@code listener} of every statement run. */
    Canopy connect(@Nullable String dialect, dev.canopy.sql.@Nullable StatementListener listener) {
        if (url == null) {
            throw new UserInputException("--url is missing");
        }
        DatabaseFiles.requireExisting(url);
        Canopy.Builder b = Canopy.builder(url).user(user).password(password).poolSize(2);
        if (listener != null) {
            b = b.onStatement(listener);
        }
        if (dialect != null) {
            b = b.dialect(dialect);
        }
        return b.build();
    }
}
