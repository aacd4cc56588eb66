package dev.canopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canopy.cli.CanopyCliTest.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The CLI given mutated query specs and models files (wrong types, keys removed or added, truncated text, junk
 * characters, huge numbers, deep nesting): it answers, or prints exactly one line to stderr starting with
 * {@code canopy: } and exits 2, never a stack trace. {@code sql} renders without a database; {@code query} runs on the
 * Chinook H2 file. {@code -Dcanopy.fuzz.cli.tries=N} per command (default 40).
 */
@DisplayName("The canopy command, fuzzed")
class CliFuzzTest {
    static final int TRIES = Integer.getInteger("canopy.fuzz.cli.tries", 40);
    static final long BASE = Long.getLong("canopy.fuzz.seed", 20261201L);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SPEC = "{\"model\": \"Track\", \"attributes\": [\"TrackId\", \"Name\"], \"where\": {\"Name\": {\"$like\": \"A%\"},"
            + " \"$album.Title$\": {\"$ne\": null}, \"Milliseconds\": {\"$between\": [1, 400000]}}, \"include\": [{\"association\": \"album\","
            + " \"include\": [\"artist\"]}, {\"association\": \"playlists\", \"separate\": true, \"limit\": 1}], \"order\": [[\"Name\", \"ASC\"]],"
            + " \"limit\": 3, \"offset\": 1}";

    @BeforeAll
    static void load() throws IOException {
        CanopyCliTest.load();
    }

    @TestFactory
    @DisplayName("a mutated spec or models file gets an answer or one line on stderr and exit 2")
    Stream<DynamicTest> mutatedInput() {
        Stream<DynamicTest> sqlSpecs = IntStream.range(0, TRIES).mapToObj(i -> DynamicTest.dynamicTest("sql, spec seed " + (BASE + i),
                () -> check(CanopyCliTest.run("sql", "--dialect", "h2", "--models", CanopyCliTest.models, "--spec", mutate(SPEC, BASE + i)))));
        Stream<DynamicTest> sqlModels = IntStream.range(0, TRIES).mapToObj(i -> DynamicTest.dynamicTest("sql, models seed " + (BASE + i),
                () -> check(CanopyCliTest.run("sql", "--dialect", "h2", "--models", mutate(CanopyCliTest.models, BASE + i), "--spec", SPEC))));
        Stream<DynamicTest> query = IntStream.range(0, TRIES).mapToObj(i -> DynamicTest.dynamicTest("query, spec seed " + (BASE + i),
                () -> check(CanopyCliTest.query(mutate(SPEC, BASE + 7 * i)))));
        return Stream.of(sqlSpecs, sqlModels, query).flatMap(s -> s);
    }

    @TestFactory
    @DisplayName("the unmutated spec and models file are answered")
    Stream<DynamicTest> unmutated() {
        return Stream.of(DynamicTest.dynamicTest("sql", () -> assertThat(CanopyCliTest.run("sql", "--dialect", "h2", "--models",
                        CanopyCliTest.models, "--spec", SPEC).code()).isZero()),
                DynamicTest.dynamicTest("query", () -> assertThat(CanopyCliTest.query(SPEC).code()).isZero()));
    }

    static void check(Run r) {
        if (r.code() == 0) {
            return;
        }
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("canopy: ");
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception:");
    }

    // ---- mutations (the same kinds as dsl's JsonReadersFuzzTest, kept small) ------------------------------------

    static String mutate(String doc, long seed) throws IOException {
        Random rnd = new Random(seed);
        JsonNode root = JSON.readTree(doc);
        for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode target = containers.get(rnd.nextInt(containers.size()));
            if (target instanceof ObjectNode o) {
                List<String> keys = new ArrayList<>();
                o.fieldNames().forEachRemaining(keys::add);
                String key = keys.isEmpty() ? "x" : keys.get(rnd.nextInt(keys.size()));
                switch (rnd.nextInt(3)) {
                    case 0 -> o.remove(key);
                    case 1 -> o.set(rnd.nextBoolean() ? key + "x" : "$" + key, value(rnd));
                    default -> o.set(key, value(rnd));
                }
            } else if (target instanceof ArrayNode a && a.size() > 0) {
                a.set(rnd.nextInt(a.size()), value(rnd));
            }
        }
        String text = JSON.writeValueAsString(root);
        return switch (rnd.nextInt(6)) {
            case 0 -> "{" + text.substring(1, 1 + rnd.nextInt(text.length() - 1));
            case 1 -> {
                int at = 1 + rnd.nextInt(text.length() - 1);
                String[] junk = {"}", "]", ",", ":", "\"", "\\", "1e99999999999", "\u0000", "/*"};
                yield text.substring(0, at) + junk[rnd.nextInt(junk.length)] + text.substring(at);
            }
            default -> text;
        };
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    private static JsonNode value(Random rnd) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (rnd.nextInt(10)) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(true);
            case 2 -> f.numberNode(-1);
            case 3 -> f.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 4 -> f.textNode("Name");
            case 5 -> f.arrayNode().add("Name").add("SIDEWAYS");
            case 6 -> f.objectNode().put("$gt", "x");
            case 7 -> f.arrayNode();
            case 8 -> f.objectNode();
            default -> {
                JsonNode deep = f.textNode("deep");
                for (int i = 0; i < 400; i++) {
                    deep = f.arrayNode().add(deep);
                }
                yield deep;
            }
        };
    }
}
