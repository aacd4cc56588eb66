package dev.canopy.cli;

import dev.canopy.Canopy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --url}, {@code --user}, {@code --password}, {@code --connect-timeout}: where the database is. */
final class ConnectionOptions {
    @Option(names = "--url", paramLabel = "JDBC_URL", description = "JDBC URL of the database, e.g. jdbc:h2:file:./target/chinook")
    @Nullable String url;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Database user.")
    @Nullable String user;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", description = "Database password.")
    @Nullable String password;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = Timeout.class,
            description = "How long to wait for a connection before giving up: 500ms, 10s, 2m or ISO-8601 (PT10S); default 10s, at least 250ms, at most a day.")
    @Nullable Duration connectTimeout;

    /** {@code 500ms}, {@code 10s}, {@code 2m} or an ISO-8601 duration, at least 250 ms (HikariCP's floor). */
    static final class Timeout implements ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m)");

        @Override
        public Duration convert(String value) {
            Duration d;
            Matcher m = SHORT.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = m.group(2).equals("ms") ? Duration.ofMillis(n) : m.group(2).equals("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
            } else {
                try {
                    d = Duration.parse(value.trim());
                } catch (DateTimeParseException e) {
                    throw new TypeConversionException("'" + value + "' is no duration: write 500ms, 10s, 2m or PT10S");
                }
            }
            if (d.compareTo(Duration.ofDays(1)) > 0) {
                throw new TypeConversionException("'" + value + "' is longer than a day; write 10s, 2m or PT10S");
            }
            if (d.toMillis() < 250) {
                throw new TypeConversionException("'" + value + "' is shorter than 250ms, the least a connection may be waited for");
            }
            return d;
        }
    }

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
        if (connectTimeout != null) {
            b = b.connectTimeout(connectTimeout);
        }
        if (listener != null) {
            b = b.onStatement(listener);
        }
        if (dialect != null) {
            b = b.dialect(dialect);
        }
        return b.build();
    }
}
