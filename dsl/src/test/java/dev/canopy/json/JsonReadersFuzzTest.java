package dev.canopy.json;

import static dev.canopy.json.Music.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fuzzing of the JSON readers: the query spec ({@link QuerySpec}), the write spec ({@link WriteSpec}: values, rows,
 * where) and the models file ({@link ModelsFile}). Each case is a seed that mutates a valid document (a node replaced
 * by a value of another type, a huge or odd number, null, a long string, deep nesting, an array where an object
 * belongs; a key removed, renamed or added; the text truncated or a character inserted) and asserts that the reader
 * either accepts it or throws its own typed exception ({@link SpecException} / {@link ModelsFileException}) whose
 * message starts with the JSON path of the problem, never any other exception.
 *
 * <p>{@code -Dcanopy.fuzz.tries=N} per reader (default 300) and {@code -Dcanopy.fuzz.seed=S} (a fixed base by
 * default, so that CI is repeatable). A failing case names its reader and seed; a seed worth keeping goes into
 * {@link #REGRESSIONS}.
 */
@DisplayName("JSON readers, fuzzed")
class JsonReadersFuzzTest {
    static final int TRIES = Integer.getInteger("canopy.fuzz.tries", 300);
    static final long BASE = Long.getLong("canopy.fuzz.seed", 20261201L);
    static final ObjectMapper JSON = new ObjectMapper();

    /** Seeds that once found a bug (reader, seed), run first. */
    static final List<Object[]> REGRESSIONS = List.of(
            new Object[] {Reader.QUERY_SPEC, 628099277L},   // {"model":123456781e9999999012345678901234567890}
            new Object[] {Reader.QUERY_SPEC, 628099724L},
            new Object[] {Reader.WRITE_VALUES, 629100974L});

    @org.junit.jupiter.api.Test
    @DisplayName("a number whose exponent is past an int is a SpecException at $, in every reader, not a NumberFormatException")
    void hugeExponent() {
        for (Reader r : Reader.values()) {
            String doc = r == Reader.WRITE_ROWS ? "[{\"Name\": 1e99999999999}]" : "{\"model\": 1e99999999999, \"Name\": 1}";
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> r.read(doc));
            assertThat(t).as(r.toString()).isInstanceOf(r.allowed).hasMessageStartingWith("$: malformed JSON: a number out of range");
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("nesting past 1,000 levels is malformed JSON at $, not a stack overflow")
    void deepNesting() {
        for (Reader r : Reader.values()) {
            String doc = "[".repeat(5000) + "]".repeat(5000);
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> r.read(doc));
            assertThat(t).as(r.toString()).isInstanceOf(r.allowed).hasMessageStartingWith("$: malformed JSON");
        }
    }

    /** A reader under test: what it reads and which exception type it may throw. */
    enum Reader {
        QUERY_SPEC(SpecException.class, List.of(
                "{\"model\": \"Track\"}",
                "{\"model\": \"Track\", \"attributes\": [\"TrackId\", \"Name\"], \"where\": {\"UnitPrice\": {\"$gt\": 0.99},"
                        + " \"$or\": [{\"Composer\": null}, {\"Name\": {\"$like\": \"A%\"}}], \"$album.Title$\": {\"$in\": [\"a\", \"b\"]}},"
                        + " \"include\": [{\"association\": \"album\", \"required\": true, \"include\": [\"artist\"]},"
                        + " {\"association\": \"playlists\", \"separate\": true, \"limit\": 2, \"order\": [[\"Name\", \"DESC\"]]}],"
                        + " \"order\": [[\"album\", \"Title\", \"ASC\"], [\"TrackId\", \"DESC NULLS LAST\"]], \"limit\": 10, \"offset\": 5}",
                "{\"model\": \"Artist\", \"include\": [{\"association\": \"albums\", \"where\": {\"Released\": {\"$between\":"
                        + " [\"2000-01-01\", \"2010-12-31\"]}}, \"include\": [{\"association\": \"tracks\", \"attributes\": [\"Name\"],"
                        + " \"where\": {\"$not\": {\"Explicit\": true}, \"Code\": {\"$ne\": null}}}]}], \"order\": [[\"Name\", \"ASC\"]]}",
                "{\"model\": \"Employee\", \"include\": [{\"association\": \"reports\", \"right\": false, \"include\": [\"manager\"]}],"
                        + " \"where\": {\"EmployeeId\": {\"$notIn\": [1, 2]}, \"ReportsTo\": {\"$is\": null}}}")) {
            @Override void read(String text) {
                QuerySpec.parse(SCHEMA, text);
            }
        },
        WRITE_VALUES(SpecException.class, List.of(
                "{\"Name\": \"Ann\", \"albums\": [{\"Title\": \"One\", \"Released\": \"2021-01-01\", \"tracks\": [{\"Name\": \"a\","
                        + " \"UnitPrice\": 0.99, \"Bytes\": 12345678901, \"Explicit\": false, \"RecordedAt\": \"2021-01-01T10:00:00\","
                        + " \"Code\": \"123e4567-e89b-12d3-a456-426614174000\"}]}]}")) {
            @Override void read(String text) {
                WriteSpec.values(SCHEMA, Music.ARTIST, text);
            }
        },
        WRITE_ROWS(SpecException.class, List.of(
                "[{\"Name\": \"a\", \"UnitPrice\": 1.5, \"genre\": {\"Name\": \"Rock\"}}, {\"Name\": \"b\", \"UnitPrice\": 2, \"AlbumId\": 3}]")) {
            @Override void read(String text) {
                WriteSpec.rows(SCHEMA, Music.TRACK, text);
            }
        },
        WRITE_WHERE(SpecException.class, List.of(
                "{\"TrackId\": {\"$in\": [1, 2, 3]}, \"Name\": {\"$startsWith\": \"A\"}, \"$or\": [{\"Bytes\": {\"$gte\": 10}}, {\"Composer\": null}]}")) {
            @Override void read(String text) {
                WriteSpec.where(SCHEMA, Music.TRACK, text);
            }
        },
        MODELS_FILE(ModelsFileException.class, List.of(ModelsFile.toJson(SCHEMA))) {
            @Override void read(String text) {
                ModelsFile.parse(text);
            }
        };

        final Class<? extends RuntimeException> allowed;
        final List<String> corpus;

        Reader(Class<? extends RuntimeException> allowed, List<String> corpus) {
            this.allowed = allowed;
            this.corpus = corpus;
        }

        abstract void read(String text);
    }

    @TestFactory
    @DisplayName("a mutated document is accepted or refused with the reader's own exception and a JSON path")
    Stream<DynamicTest> mutatedDocuments() {
        Stream<DynamicTest> regressions = REGRESSIONS.stream()
                .map(r -> test((Reader) r[0], (Long) r[1], "regression "));
        Stream<DynamicTest> drawn = Stream.of(Reader.values()).flatMap(reader ->
                IntStream.range(0, TRIES).mapToObj(i -> test(reader, BASE * 31 + reader.ordinal() * 1_000_003L + i, "")));
        return Stream.concat(regressions, drawn);
    }

    @TestFactory
    @DisplayName("every valid document of the corpus is accepted")
    Stream<DynamicTest> corpusIsValid() {
        return Stream.of(Reader.values()).flatMap(r -> r.corpus.stream().map(doc -> DynamicTest.dynamicTest(r + " " + doc.substring(0, Math.min(60, doc.length())),
                () -> r.read(doc))));
    }

    static DynamicTest test(Reader reader, long seed, String prefix) {
        return DynamicTest.dynamicTest(prefix + reader + " seed " + seed, () -> check(reader, seed));
    }

    static void check(Reader reader, long seed) throws Exception {
        String text = mutate(reader, seed);
        try {
            reader.read(text);
        } catch (RuntimeException e) {
            String shown = text.length() > 400 ? text.substring(0, 400) + "..." : text;
            assertThat(e).as("seed %d, document %s", seed, shown).isInstanceOf(reader.allowed);
            assertThat(e.getMessage()).as("seed %d, document %s", seed, shown).startsWith("$");
        } catch (StackOverflowError e) {
            throw new AssertionError("seed " + seed + ": stack overflow reading " + text.substring(0, Math.min(200, text.length())), e);
        }
    }

    // ---- mutations ---------------------------------------------------------------------------------------------

    static String mutate(Reader reader, long seed) throws Exception {
        Random rnd = new Random(seed);
        String doc = reader.corpus.get(rnd.nextInt(reader.corpus.size()));
        JsonNode root = JSON.readTree(doc);
        int rounds = 1 + rnd.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            root = mutateTree(root, rnd);
        }
        String text;
        try {
            text = JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException tooDeep) {
            // past Jackson's own nesting limit when writing: the reader is given the deep text directly
            text = "{\"model\": " + "[{\"$or\": ".repeat(1200) + "1" + "}]".repeat(1200) + "}";
        }
        switch (rnd.nextInt(8)) {
            case 0: return text.substring(0, rnd.nextInt(text.length() + 1));
            case 1: {
                int at = rnd.nextInt(text.length() + 1);
                String[] junk = {"{", "}", "[", "]", ",", ":", "\"", "\\", "null", "1e999999", "\u0000", "/*", "'"};
                return text.substring(0, at) + junk[rnd.nextInt(junk.length)] + text.substring(at);
            }
            default: return text;
        }
    }

    /** One structural change somewhere in the tree; returns the new root (the root itself may be replaced). */
    static JsonNode mutateTree(JsonNode root, Random rnd) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty() || rnd.nextInt(20) == 0) {
            return randomValue(rnd);
        }
        JsonNode target = containers.get(rnd.nextInt(containers.size()));
        if (target instanceof ObjectNode) {
            ObjectNode o = (ObjectNode) target;
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            String key = keys.isEmpty() ? "x" : keys.get(rnd.nextInt(keys.size()));
            switch (rnd.nextInt(5)) {
                case 0: o.remove(key); break;
                case 1: o.set(randomKey(rnd), randomValue(rnd)); break;
                case 2: {
                    JsonNode v = o.remove(key);
                    if (v != null) {
                        o.set(key + (rnd.nextBoolean() ? "x" : "$"), v);
                    }
                    break;
                }
                default: o.set(key, rnd.nextInt(3) == 0 && o.get(key) != null ? wrap(o.get(key), rnd) : randomValue(rnd));
            }
        } else {
            ArrayNode a = (ArrayNode) target;
            switch (rnd.nextInt(4)) {
                case 0: if (a.size() > 0) a.remove(rnd.nextInt(a.size())); break;
                case 1: a.insert(rnd.nextInt(a.size() + 1), randomValue(rnd)); break;
                default: if (a.size() > 0) {
                    int i = rnd.nextInt(a.size());
                    a.set(i, rnd.nextBoolean() ? wrap(a.get(i), rnd) : randomValue(rnd));
                }
            }
        }
        return root;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    private static JsonNode wrap(JsonNode n, Random rnd) {
        if (rnd.nextBoolean()) {
            return JsonNodeFactory.instance.arrayNode().add(n);
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set(randomKey(rnd), n);
        return o;
    }

    private static String randomKey(Random rnd) {
        String[] keys = {"model", "where", "include", "association", "order", "limit", "offset", "attributes", "separate",
                "required", "right", "$or", "$and", "$not", "$in", "$gt", "$like", "$album.Title$", "$.$", "$$", "$",
                "", "Name", "TrackId", "models", "associations", "columns", "type", "name", "table", "unknown", "\u0000",
                "albums", "tracks", "through", "foreignKey"};
        return keys[rnd.nextInt(keys.length)];
    }

    static JsonNode randomValue(Random rnd) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (rnd.nextInt(16)) {
            case 0: return f.nullNode();
            case 1: return f.booleanNode(rnd.nextBoolean());
            case 2: return f.numberNode(rnd.nextInt(7) - 3);
            case 3: return f.numberNode(new java.math.BigDecimal("1e400"));
            case 4: return f.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 5: return f.numberNode(-1.5);
            case 6: return f.numberNode(Long.MIN_VALUE);
            case 7: return f.textNode("x".repeat(rnd.nextInt(3) == 0 ? 100_000 : 3));
            case 8: return f.textNode(randomKey(rnd));
            case 9: return f.arrayNode();
            case 10: return f.objectNode();
            case 11: {
                JsonNode deep = f.textNode("deep");
                int depth = rnd.nextBoolean() ? 50 : 900;
                for (int i = 0; i < depth; i++) {
                    deep = rnd.nextBoolean() ? f.arrayNode().add(deep) : f.objectNode().set(rnd.nextBoolean() ? "$or" : "include", deep);
                }
                return deep;
            }
            case 12: return f.arrayNode().add(f.textNode("Name")).add(f.textNode("SIDEWAYS"));
            case 13: return f.textNode("2021-13-45");
            case 14: return f.numberNode(Double.NaN);
            default: {
                ArrayNode a = f.arrayNode();
                Consumer<JsonNode> add = a::add;
                add.accept(f.textNode("TrackId"));
                add.accept(f.numberNode(Integer.MAX_VALUE + 1L));
                return a;
            }
        }
    }
}
