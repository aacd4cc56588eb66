package dev.canopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canopy.chinook.ChinookData;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The canopy command")
class CanopyCliTest {
    static final String URL = "jdbc:h2:mem:cli-test;DB_CLOSE_DELAY=-1";
    static final ObjectMapper JSON = new ObjectMapper();
    static String models;

    @BeforeAll
    static void load() throws IOException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(URL);
        ChinookData.load(ds);
        try (InputStream in = ChinookData.class.getClassLoader().getResourceAsStream(ChinookData.MODELS_RESOURCE)) {
            models = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CanopyCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run query(String spec, String... more) {
        List<String> args = new ArrayList<>(List.of("query", "--url", URL, "--models", models, "--spec", spec));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Nested
    @DisplayName("query")
    class Query {
        @Test
        @DisplayName("prints the roots with their nested includes as a JSON array")
        void nested() {
            Run r = query("{\"model\": \"Artist\", \"where\": {\"Name\": \"AC/DC\"}, "
                    + "\"include\": [{\"association\": \"albums\", \"include\": [\"tracks\"]}], \"order\": [[\"albums\", \"Title\", \"ASC\"]]}");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            JsonNode artists = r.json();
            assertThat(artists.size()).isEqualTo(1);
            assertThat(artists.get(0).get("Name").asText()).isEqualTo("AC/DC");
            JsonNode albums = artists.get(0).get("albums");
            assertThat(texts(albums, "Title")).containsExactly("For Those About To Rock We Salute You", "Let There Be Rock");
            assertThat(albums.get(0).get("tracks").size()).isEqualTo(10);
            assertThat(albums.get(1).get("tracks").size()).isEqualTo(8);
        }

        @Test
        @DisplayName("a missing to-one is null and an empty to-many is []")
        void nullAndEmpty() {
            JsonNode employees = query("{\"model\": \"Employee\", \"where\": {\"EmployeeId\": [1, 3]}, \"include\": [\"manager\", \"reports\"],"
                    + " \"order\": [\"EmployeeId\"]}").json();
            assertThat(employees.size()).isEqualTo(2);
            assertThat(employees.get(0).get("manager").isNull()).isTrue();
            assertThat(employees.get(0).get("reports").size()).isEqualTo(2);
            assertThat(employees.get(1).get("manager").get("FirstName").asText()).isEqualTo("Nancy");
            assertThat(employees.get(1).get("reports").isArray()).isTrue();
            assertThat(employees.get(1).get("reports").size()).isZero();
        }

        @Test
        @DisplayName("runs the example spec from files: Amy Winehouse's 'Back to Black', through a required filtered include")
        void exampleFromFiles(@TempDir Path dir) throws IOException {
            Path modelsFile = Files.writeString(dir.resolve("models.json"), models);
            Run r = run("query", "--url", URL, "--models", modelsFile.toString(), "--spec", "examples/tracks.json");
            assertThat(r.code()).as(r.err()).isZero();
            JsonNode tracks = r.json();
            assertThat(tracks.size()).isEqualTo(5);
            tracks.forEach(t -> {
                assertThat(t.get("album").get("Title").asText()).isEqualTo("Back to Black");
                assertThat(t.get("album").get("artist").get("Name").asText()).isEqualTo("Amy Winehouse");
                assertThat(t.get("genre").get("Name").asText()).isEqualTo("R&B/Soul");
            });
            assertThat(texts(tracks, "Name")).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        }

        @Test
        @DisplayName("--pretty indents the same JSON, and --sql prints the SQL and binds on stderr")
        void prettyAndSql() {
            String spec = "{\"model\": \"Genre\", \"where\": {\"Name\": {\"$startsWith\": \"Ro\"}}, \"order\": [\"Name\"]}";
            Run compact = query(spec);
            Run pretty = query(spec, "--pretty", "--sql");
            assertThat(pretty.out().lines().count()).isGreaterThan(compact.out().lines().count());
            assertThat(pretty.json()).isEqualTo(compact.json());
            assertThat(texts(compact.json(), "Name")).containsExactly("Rock", "Rock And Roll");
            assertThat(pretty.errLines()).hasSize(2);
            assertThat(pretty.errLines().get(0)).startsWith("select").contains("?").doesNotContain("Ro%").doesNotContain("'Ro'");
            assertThat(pretty.errLines().get(1)).isEqualTo("-- binds: [\"Ro\"]");
        }

        @Test
        @DisplayName("reads unlisted attributes from the database")
        void introspects() {
            Run r = run("query", "--url", URL, "--models",
                    "{\"models\": {\"Genre\": {\"table\": \"Genre\", \"timestamps\": false}, \"Track\": {\"table\": \"Track\", \"timestamps\": false}},"
                            + " \"associations\": [{\"type\": \"hasMany\", \"source\": \"Genre\", \"target\": \"Track\", \"foreignKey\": \"GenreId\", \"as\": \"tracks\"}]}",
                    "--spec", "{\"model\": \"Genre\", \"where\": {\"GenreId\": 25}, \"include\": [{\"association\": \"tracks\", \"attributes\": [\"Name\"]}]}");
            assertThat(r.code()).as(r.err()).isZero();
            JsonNode genre = r.json().get(0);
            assertThat(genre.get("Name").asText()).isEqualTo("Opera");
            assertThat(genre.get("tracks").size()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("sql")
    class Sql {
        @Test
        @DisplayName("prints the SQL with ? binds and no value inlined, then the binds as a comment line")
        void h2() {
            Run r = run("sql", "--dialect", "h2", "--models", models, "--spec",
                    "{\"model\": \"Album\", \"where\": {\"Title\": {\"$like\": \"Let There%\"}}, "
                            + "\"include\": [{\"association\": \"artist\", \"where\": {\"Name\": \"AC/DC\"}}], \"limit\": 7}");
            assertThat(r.code()).as(r.err()).isZero();
            List<String> lines = r.out().lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).startsWith("select").contains("\"Album\"", "\"Artist\"", "?")
                    .doesNotContain("AC/DC").doesNotContain("Let There").doesNotContain(" 7");
            assertThat(lines.get(1)).isEqualTo("-- binds: [\"AC/DC\",\"Let There%\",7]");
        }

        @Test
        @DisplayName("lists every statement, under a comment naming its path, when an include is loaded separately")
        void separate() {
            Run r = run("sql", "--dialect", "h2", "--models", models, "--spec",
                    "{\"model\": \"Artist\", \"include\": [{\"association\": \"albums\", \"separate\": true, \"limit\": 1}]}");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out().lines().filter(l -> l.startsWith("select"))).hasSize(2);
            assertThat(r.out()).contains("-- albums (separate");
        }

        @Test
        @DisplayName("an include of every association, nested, is bound to the models and printed statement by statement")
        void includeAllNested() {
            Run r = run("sql", "--dialect", "h2", "--models", models, "--spec",
                    "{\"model\": \"Album\", \"include\": [{\"all\": true, \"nested\": true}], \"limit\": 2}");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("\"Artist\"", "\"Track\"", "\"Genre\"", "\"MediaType\"", "\"Playlist\"", "\"InvoiceLine\"");
        }

        @Test
        @DisplayName("an include by a model that two associations lead to is one line naming their aliases, exit code 2")
        void includeByAmbiguousModel() {
            Run r = run("sql", "--dialect", "h2", "--models", models, "--spec",
                    "{\"model\": \"Employee\", \"include\": [{\"model\": \"Employee\"}]}");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.err()).contains("Employee is associated to Employee more than once (manager, reports); include one by alias");
        }

        @Test
        @DisplayName("with --url, takes unlisted attributes from the database and the dialect from the URL")
        void withUrl() {
            Run r = run("sql", "--url", URL, "--models", "{\"models\": {\"Genre\": {\"table\": \"Genre\", \"timestamps\": false}}}",
                    "--spec", "{\"model\": \"Genre\", \"where\": {\"Name\": \"Rock\"}}");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("\"GenreId\"", "\"Name\"").endsWith("-- binds: [\"Rock\"]\n");
        }
    }

    @Nested
    @DisplayName("demo")
    class Demo {
        @Test
        @DisplayName("loads Chinook and prints, for each example, its spec, SQL and nested result")
        void demo() {
            Run r = run("demo");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            for (int i = 1; i <= 6; i++) {
                assertThat(r.out()).contains("== " + i + ". ");
            }
            assertThat(r.out().lines().filter(l -> l.startsWith("spec: {")).count()).isEqualTo(6);
            assertThat(r.out().lines().filter(l -> l.startsWith("sql:  select")).count()).isGreaterThanOrEqualTo(6);
            assertThat(r.out()).contains("\"Name\" : \"AC/DC\"", "\"manager\" : null", "\"reports\" : [ ]", "result: 8 roots, the first 3 shown",
                    "count: 10");
        }

        @Test
        @DisplayName("--save keeps Chinook in an H2 file that query can then read")
        void save(@TempDir Path dir) {
            Path file = dir.resolve("chinook");
            Run demo = run("demo", "--save", file.toString());
            assertThat(demo.code()).as(demo.err()).isZero();
            assertThat(dir.resolve("chinook.mv.db")).exists();
            assertThat(demo.out()).contains("query --url jdbc:h2:file:" + file.toAbsolutePath());
            Run q = run("query", "--url", "jdbc:h2:file:" + file.toAbsolutePath(), "--models", models, "--spec",
                    "{\"model\": \"Playlist\", \"where\": {\"Name\": \"Grunge\"}, \"include\": [\"tracks\"]}");
            assertThat(q.code()).as(q.err()).isZero();
            assertThat(q.json().get(0).get("tracks").size()).isEqualTo(15);
        }
    }

    @Nested
    @DisplayName("bad input")
    class BadInput {
        static Stream<Arguments> mistakes() {
            String tracks = "examples/tracks.json";
            return Stream.of(
                    Arguments.of("unknown model", new String[] {"--spec", "{\"model\": \"Trak\"}"}, "--spec: $.model: Unknown model 'Trak'"),
                    Arguments.of("unknown alias", new String[] {"--spec", "{\"model\": \"Track\", \"include\": [\"albm\"]}"},
                            "--spec: $.include[0]: 'albm' is not an association of Track; Track has: album, genre"),
                    Arguments.of("unknown column", new String[] {"--spec", "{\"model\": \"Track\", \"where\": {\"Nmae\": \"x\"}}"},
                            "--spec: $.where.Nmae: Model Track has no attribute 'Nmae'"),
                    Arguments.of("path not included", new String[] {"--spec", "{\"model\": \"Track\", \"order\": [[\"album\", \"Title\", \"ASC\"]]}"},
                            "--spec: $.order[0]: the path 'album' is not included"),
                    Arguments.of("malformed JSON", new String[] {"--spec", "{\"model\": \"Track\",\n\"where\": {]}"},
                            "--spec: $: malformed JSON at line 2, column 11"),
                    Arguments.of("missing spec file", new String[] {"--spec", "no-such-spec.json"},
                            "cannot read --spec 'no-such-spec.json': no such file"),
                    Arguments.of("missing models file", new String[] {"--models", "no-such-models.json", "--spec", tracks},
                            "cannot read --models 'no-such-models.json': no such file"),
                    Arguments.of("bad models file", new String[] {"--models", "{\"models\": {\"A\": {\"attributes\": {\"x\": \"strng\"}}}}",
                            "--spec", tracks}, "--models: $.models.A.attributes.x: unknown type 'strng'"),
                    Arguments.of("unknown option", new String[] {"--spce", tracks}, "Unknown option: '--spce'"),
                    Arguments.of("a model the database lacks", new String[] {"--models", "{\"models\": {\"Label\": {}}}", "--spec", "{\"model\": \"Label\"}"},
                            "--models: $.models.Label: table 'Labels'"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("mistakes")
        @DisplayName("query prints exactly one line 'canopy: ...' on stderr, nothing on stdout, and exits with 2")
        void queryMistake(String name, String[] args, String message) {
            List<String> all = new ArrayList<>(List.of("query", "--url", URL));
            if (!List.of(args).contains("--models")) {
                all.addAll(List.of("--models", models));
            }
            all.addAll(List.of(args));
            Run r = run(all.toArray(String[]::new));
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.errLines().get(0)).startsWith("canopy: ").contains(message);
        }

        @Test
        @DisplayName("a missing required option is a usage error naming it")
        void missingOption() {
            Run r = run("query", "--url", URL, "--spec", "examples/tracks.json");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.errLines()).containsExactly("canopy: Missing required option: '--models=FILE|JSON'; see 'canopy query --help'");
        }

        @Test
        @DisplayName("an unknown dialect is one line listing the dialects that exist")
        void unknownDialect() {
            Run r = run("sql", "--dialect", "oracle", "--models", models, "--spec", "examples/tracks.json");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.errLines().get(0)).startsWith("canopy: Unknown dialect 'oracle'; dialects on the class path: h2");
        }

        @Test
        @DisplayName("sql without a dialect or a URL is a usage error")
        void sqlWithoutDialect() {
            Run r = run("sql", "--models", models, "--spec", "examples/tracks.json");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.errLines()).containsExactly("canopy: sql needs --dialect (h2, mysql, mariadb, postgres, sqlite), or --url to take the database's");
        }

        @Test
        @DisplayName("an unreachable database is one line and exit code 1")
        void unreachable() {
            Run r = run("query", "--url", "jdbc:h2:tcp://127.0.0.1:1/none", "--models", models, "--spec", "examples/tracks.json");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.errLines().get(0)).startsWith("canopy: Cannot connect to jdbc:h2:tcp://127.0.0.1:1/none");
        }

        @Test
        @DisplayName("--connect-timeout is taken by every command that connects, and an unreachable database is still one line, exit 1")
        void connectTimeout() {
            for (String[] args : List.of(
                    new String[] {"query", "--url", "jdbc:h2:tcp://127.0.0.1:1/none", "--connect-timeout", "1s", "--models", models, "--spec", "examples/tracks.json"},
                    new String[] {"models", "--url", "jdbc:h2:tcp://127.0.0.1:1/none", "--connect-timeout", "PT0.5S"})) {
                Run r = run(args);
                assertThat(r.code()).as(r.err()).isEqualTo(1);
                assertThat(r.errLines()).hasSize(1);
                assertThat(r.errLines().get(0)).startsWith("canopy: Cannot connect to jdbc:h2:tcp://127.0.0.1:1/none");
            }
        }

        @Test
        @DisplayName("a --connect-timeout that is too short or no duration is one line naming what is accepted, exit 2")
        void badConnectTimeout() {
            Run tooShort = run("query", "--url", "jdbc:h2:tcp://127.0.0.1:1/none", "--connect-timeout", "100ms", "--models", models,
                    "--spec", "examples/tracks.json");
            assertThat(tooShort.code()).isEqualTo(2);
            assertThat(tooShort.errLines()).hasSize(1);
            assertThat(tooShort.errLines().get(0)).startsWith("canopy: ").contains("'100ms' is shorter than 250ms");
            Run noDuration = run("models", "--url", "jdbc:h2:tcp://127.0.0.1:1/none", "--connect-timeout", "soon");
            assertThat(noDuration.code()).isEqualTo(2);
            assertThat(noDuration.errLines()).hasSize(1);
            assertThat(noDuration.errLines().get(0)).contains("'soon' is no duration: write 500ms, 10s, 2m or PT10S");
            Run tooLong = run("models", "--url", "jdbc:h2:tcp://127.0.0.1:1/none", "--connect-timeout", "P999999999D");
            assertThat(tooLong.code()).isEqualTo(2);
            assertThat(tooLong.errLines()).hasSize(1);
            assertThat(tooLong.errLines().get(0)).contains("is longer than a day");
        }

        @Test
        @DisplayName("no command at all is a usage error")
        void noCommand() {
            Run r = run();
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.errLines()).containsExactly("canopy: Missing required subcommand; see 'canopy --help'");
        }
    }

    @ParameterizedTest(name = "canopy {0} --help")
    @ValueSource(strings = {"query", "sql", "demo"})
    @DisplayName("every command has --help")
    void help(String command) {
        Run r = run(command, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: canopy " + command);
        assertThat(r.err()).isEmpty();
    }
}
