package dev.canopy.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.canopy.error.CanopyException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the spec and models-file readers share: one strict Jackson reader (exact decimals, no duplicate keys,
 * comments allowed), JSON paths, and errors that carry them.
 */
final class JsonInput {
    /** Makes the exception a reader throws: a {@link SpecException} or a {@link ModelsFileException}. */
    @FunctionalInterface
    interface Failure {
        RuntimeException at(String path, String detail, @Nullable Throwable cause);

        default RuntimeException at(String path, String detail) {
            return at(path, detail, null);
        }
    }

    /** Numbers as written: {@code 0.99} stays {@code BigDecimal("0.99")}, {@code 1.00} keeps its scale. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private JsonInput() {}

    static JsonMapper mapper() {
        return MAPPER;
    }

    /** Parses a document; malformed JSON fails at path {@code $} with its line and column. */
    static JsonNode read(String json, Failure failure) {
        if (json == null) {
            throw failure.at("$", "the JSON text is null");
        }
        if (json.isBlank()) {
            throw failure.at("$", "the JSON text is empty");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw failure.at("$", "malformed JSON" + where + ": " + e.getOriginalMessage().replaceAll("\\s+", " "), e);
        } catch (NumberFormatException e) {
            // Jackson reads decimals exactly (BigDecimal) and refuses exponents past an int: 1e9999999999
            throw failure.at("$", "malformed JSON: a number out of range: " + e.getMessage().replaceAll("\\s+", " "), e);
        }
    }

    /** {@code $.where.Name}, or {@code $.where['$album.Title$']} when the key is not a plain name. */
    static String field(String parent, String key) {
        return PLAIN_KEY.matcher(key).matches() ? parent + "." + key : parent + "['" + key.replace("'", "\\'") + "']";
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    /** A JSON value as a message shows it: {@code the string "abc"}, {@code an object}. */
    static String describe(@Nullable JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            String s = node.asText();
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        return node.isArray() ? "an array" : "an object";
    }

    /** Fails on the first key of {@code node} that is not one of {@code allowed}. */
    static void checkKeys(JsonNode node, String path, Collection<String> allowed, String what, Failure failure) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw failure.at(field(path, key), "unknown key in " + what + "; known keys: " + String.join(", ", allowed));
            }
        }
    }

    static JsonNode requireObject(JsonNode node, String path, String what, Failure failure) {
        if (!node.isObject()) {
            throw failure.at(path, what + " is a JSON object, not " + describe(node));
        }
        return node;
    }

    /** A string value, or null when the key is absent or null. */
    static @Nullable String optionalText(JsonNode parent, String key, String path, Failure failure) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw failure.at(field(path, key), "expected a non-empty string, not " + describe(v));
        }
        return v.asText();
    }

    /** A boolean value, or null when the key is absent or null. */
    static @Nullable Boolean optionalBoolean(JsonNode parent, String key, String path, Failure failure) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw failure.at(field(path, key), "expected true or false, not " + describe(v));
        }
        return v.booleanValue();
    }

    /** Runs {@code step}, turning Canopy's own errors into errors at {@code path}; errors with a path pass through. */
    static <T> T at(String path, Failure failure, Supplier<T> step) {
        try {
            return step.get();
        } catch (SpecException | ModelsFileException e) {
            throw e;
        } catch (CanopyException | IllegalArgumentException e) {
            throw failure.at(path, String.valueOf(e.getMessage()), e);
        }
    }

    static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return node::fields;
    }
}
