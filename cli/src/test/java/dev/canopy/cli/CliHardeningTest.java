package dev.canopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.cli.CanopyCliTest.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command's answers to a user's mistakes: one line, the right exit code, and never a stack trace. */
@DisplayName("The canopy command, given a mistake")
class CliHardeningTest {
    @BeforeAll
    static void load() throws IOException {
        CanopyCliTest.load();
    }

    /** What a run printed, including what a driver wrote straight to {@code System.err}. */
    static Run runCapturingStderr(Supplier<Run> run) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Run r;
        try {
            r = run.get();
        } finally {
            System.setErr(saved);
        }
        return new Run(r.code(), r.out(), bytes.toString(StandardCharsets.UTF_8) + r.err());
    }

    static void assertOneLine(Run r, int code, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("canopy: ").contains(message);
    }

    @Nested
    @DisplayName("demo")
    class Demo {
        @Test
        @DisplayName("--save where no directory can be made is one line naming the path, exit 2, no stack trace")
        void saveNowhere(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("a-file"), "x");
            Path target = file.resolve("chinook");
            Run r = runCapturingStderr(() -> CanopyCliTest.run("demo", "--save", target.toString()));
            assertOneLine(r, 2, "cannot save to '" + target + "'");
            assertThat(r.out()).doesNotContain("Saved");
        }
    }

    @Nested
    @DisplayName("query")
    class Query {
        @Test
        @DisplayName("a spec that is a JSON array is read as JSON and refused as not an object, not as a missing file")
        void arraySpec() {
            Run r = CanopyCliTest.query("[{\"model\": \"Track\"}]");
            assertOneLine(r, 2, "--spec: $: A query spec is a JSON object, not an array");
        }

        @Test
        @DisplayName("an unknown direction in order names the direction and the ones that exist")
        void unknownDirection() {
            Run r = CanopyCliTest.query("{\"model\": \"Track\", \"order\": [[\"Name\", \"SIDEWAYS\"]]}");
            assertOneLine(r, 2, "--spec: $.order[0][1]: unknown direction 'SIDEWAYS'; a direction is ASC, DESC, NULLS FIRST");
        }

        @Test
        @DisplayName("a limit past the int range says the range")
        void hugeLimit() {
            Run r = CanopyCliTest.query("{\"model\": \"Track\", \"limit\": 3000000000}");
            assertOneLine(r, 2, "--spec: $.limit: expected a whole number from 0 to 2147483647, not the number 3000000000");
        }
    }

    @Nested
    @DisplayName("help")
    class Help {
        @Test
        @DisplayName("canopy --help lists each command with a whole sentence")
        void summariesAreSentences() {
            Run r = CanopyCliTest.run("--help");
            assertThat(r.code()).isZero();
            List<String> lines = r.out().lines().toList();
            List<String> summaries = new ArrayList<>();
            boolean inCommands = false;
            for (String line : lines) {
                if (line.equals("Commands:")) {
                    inCommands = true;
                } else if (inCommands && line.matches("  \\S.*")) {
                    summaries.add(line.strip());
                } else if (inCommands && !line.isBlank()) {
                    summaries.set(summaries.size() - 1, summaries.get(summaries.size() - 1) + " " + line.strip());
                }
            }
            assertThat(summaries).hasSizeGreaterThanOrEqualTo(20);
            assertThat(summaries).allSatisfy(s -> assertThat(s).endsWith("."));
        }

        @ParameterizedTest(name = "canopy {0} --help")
        @ValueSource(strings = {"query", "sql"})
        @DisplayName("--dialect lists every dialect name, mariadb included")
        void dialects(String command) {
            Run r = CanopyCliTest.run(command, "--help");
            String dialect = r.out().lines().filter(l -> l.strip().startsWith("--dialect=")).findFirst().orElseThrow();
            assertThat(dialect).contains("h2", "mysql", "mariadb", "postgres", "sqlite");
        }

        @Test
        @DisplayName("the README names the association methods that exist: alias, not as")
        void readme() throws IOException {
            String readme = Files.readString(Path.of("..", "README.md"));
            assertThat(readme).doesNotContain("with\n  `as`, `foreignKey`").contains("`alias`, `foreignKey`");
        }
    }

    @Nested
    @DisplayName("a database file that does not exist")
    class MissingFile {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"query", "sql", "models"})
        @DisplayName("SQLite: refused, naming the file, and not created")
        void sqlite(String command, @TempDir Path dir) {
            Path file = dir.resolve("nope.db");
            Run r = runOn(command, "jdbc:sqlite:" + file);
            assertOneLine(r, 2, "no database file '" + file + "'");
            assertThat(file).doesNotExist();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"query", "sql", "models"})
        @DisplayName("H2: refused, naming the file, and not created")
        void h2(String command, @TempDir Path dir) {
            Path file = dir.resolve("nope");
            Run r = runOn(command, "jdbc:h2:file:" + file + ";MODE=MySQL");
            assertOneLine(r, 2, "no database file '" + file + ".mv.db'");
            assertThat(dir.resolve("nope.mv.db")).doesNotExist();
        }

        @Test
        @DisplayName("an H2 or SQLite file that exists, and in-memory databases, are read as before")
        void existing(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("empty.db");
            Files.createFile(file);
            assertThat(runOn("models", "jdbc:sqlite:" + file).code()).isZero();
            assertThat(runOn("models", "jdbc:sqlite::memory:").code()).isZero();
            assertThat(runOn("models", "jdbc:h2:mem:anything").code()).isZero();
        }

        private static Run runOn(String command, String url) {
            return switch (command) {
                case "models" -> CanopyCliTest.run("models", "--url", url);
                default -> CanopyCliTest.run(command, "--url", url, "--models", CanopyCliTest.models, "--spec", "{\"model\": \"Genre\"}");
            };
        }
    }
}
