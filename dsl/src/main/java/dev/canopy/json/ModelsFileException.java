package dev.canopy.json;

import dev.canopy.error.SchemaException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A models file is malformed, names something that does not exist, or does not match the database it is read
 * against. The message begins with the JSON path of the problem:
 * {@code $.models.Track.attributes.Name.type: unknown type 'strng'; known: integer, bigint, ...}.
 */
public final class ModelsFileException extends SchemaException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String detail;

    public ModelsFileException(String path, String detail) {
        super(Objects.requireNonNull(path, "path is null") + ": " + Objects.requireNonNull(detail, "detail is null"));
        this.path = path;
        this.detail = detail;
    }

    public ModelsFileException(String path, String detail, @Nullable Throwable cause) {
        this(path, detail);
        if (cause != null) {
            initCause(cause);
        }
    }

    /** Where in the models file the problem is: {@code $.associations[2].target}. */
    public String path() {
        return path;
    }

    /** The message without the path. */
    public String detail() {
        return detail;
    }
}
