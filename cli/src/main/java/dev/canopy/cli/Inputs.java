package dev.canopy.cli;

import dev.canopy.json.ModelsFile;
import dev.canopy.json.ModelsFileException;
import dev.canopy.json.QuerySpec;
import dev.canopy.json.SpecException;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * What {@code --models} and {@code --spec} name: a file, or the JSON itself when the value starts with {@code &#123;} (or
 * {@code [}, which the JSON reader then refuses as not an object).
 * Errors in them name the file (or the option, for inline JSON) before the JSON path.
 */
final class Inputs {
    /** JSON text and where it came from, for messages: a file name, or the option that held it. */
    record Source(String name, String text) {}

    private Inputs() {}

    /**
     * The text of an option that takes a file or JSON: {@code @path} reads the file, a value starting with
     * {@code &#123;} or {@code [} is the JSON itself, anything else is a file name.
     */
    static Source read(String option, String value) {
        String lead = value.stripLeading();
        if (lead.startsWith("{") || lead.startsWith("[")) {
            return new Source(option, value);
        }
        if (value.startsWith("@")) {
            if (value.length() == 1) {
                throw new UserInputException(option + " '@' names no file; write @path/to/file.json");
            }
            value = value.substring(1);
        }
        try {
            Path path = Path.of(value);
            if (Files.isDirectory(path)) {
                throw new UserInputException("cannot read " + option + " '" + value + "': it is a directory");
            }
            return new Source(value, Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UserInputException("cannot read " + option + " '" + value + "': no such file"
                    + " (give a file, @file, or JSON starting with '{')", e);
        } catch (AccessDeniedException e) {
            throw new UserInputException("cannot read " + option + " '" + value + "': permission denied", e);
        } catch (MalformedInputException e) {
            throw new UserInputException("cannot read " + option + " '" + value + "': not UTF-8 text", e);
        } catch (InvalidPathException e) {
            throw new UserInputException("cannot read " + option + " '" + value + "': " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + option + " '" + value + "': " + e.getMessage(), e);
        }
    }

    /** The schema of a models file, completed from the database when there is one. */
    static Schema schema(Source models, @Nullable DataSource dataSource) {
        try {
            return dataSource == null ? ModelsFile.parse(models.text()) : ModelsFile.parse(models.text(), dataSource);
        } catch (ModelsFileException e) {
            throw new UserInputException(models.name() + ": " + e.getMessage(), e);
        }
    }

    static Query query(Schema schema, Source spec) {
        try {
            // bound here: an include by model or of all associations resolves against the models the command read
            return QuerySpec.parse(schema, spec.text()).bind(schema);
        } catch (SpecException | dev.canopy.error.SchemaException e) {
            throw new UserInputException(spec.name() + ": " + e.getMessage(), e);
        }
    }
}
