package dev.canopy.json;

import dev.canopy.error.QueryException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A JSON query spec is malformed or names something that does not exist. The message begins with the JSON path of
 * the problem, then says what is wrong and what exists:
 * {@code $.include[0].association: 'albm' is not an association of Track; Track has: album, genre, mediaType, ...}.
 * Malformed JSON is reported at path {@code $} with its line and column.
 */
public final class SpecException extends QueryException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String detail;

    public SpecException(String path, String detail) {
        super(Objects.requireNonNull(path, "path is null") + ": " + Objects.requireNonNull(detail, "detail is null"));
        this.path = path;
        this.detail = detail;
    }

    public SpecException(String path, String detail, @Nullable Throwable cause) {
        this(path, detail);
        if (cause != null) {
            initCause(cause);
        }
    }

    /** Where in the JSON document the problem is: {@code $.where['$album.Title$'].$like}. */
    public String path() {
        return path;
    }

    /** The message without the path. */
    public String detail() {
        return detail;
    }
}
