package dev.canopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canopy.Canopy;
import dev.canopy.json.ModelsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The canopy write commands")
class WriteCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODELS = """
            {"models": {
               "Author": {"paranoid": true, "attributes": {
                   "id": {"type": "integer", "primaryKey": true, "autoIncrement": true},
                   "name": {"type": "string", "length": 60, "allowNull": false, "unique": true}}},
               "Book": {"timestamps": false, "attributes": {
                   "id": {"type": "integer", "primaryKey": true, "autoIncrement": true},
                   "title": {"type": "string", "length": 60, "allowNull": false},
                   "idfoo": {"type": "integer"}}}},
             "associations": [{"type": "hasMany", "source": "Author", "target": "Book", "foreignKey": "idfoo", "as": "books"}]}
            """;

    @TempDir
    Path dir;
    String url;
    Canopy db;

    @BeforeEach
    void open() {
        url = "jdbc:h2:mem:cli-writes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        db = Canopy.connect(url);
        db.sync(ModelsFile.parse(MODELS));
    }

    @AfterEach
    void close() {
        db.execute("SHUTDOWN");
        db.close();
    }

    record Run(int code, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }
    }

    Run run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--url", url, "--models", MODELS));
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CanopyCli.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    long rows(String table) {
        try (var c = db.dataSource().getConnection(); var st = c.createStatement(); var rs = st.executeQuery("select count(*) from \"" + table + "\"")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("create prints the created graph with every generated key and the custom foreign key filled")
    void createPrintsGraph() {
        Run r = run("create", "--model", "Author", "--values", "{\"name\": \"Ann\", \"books\": [{\"title\": \"One\"}, {\"title\": \"Two\"}]}");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode ann = r.json();
        assertThat(ann.get("id").asInt()).isPositive();
        assertThat(ann.get("createdAt").asText()).isNotEmpty();
        assertThat(ann.get("books")).hasSize(2);
        ann.get("books").forEach(b -> assertThat(b.get("idfoo").asInt()).isEqualTo(ann.get("id").asInt()));
    }

    @Test
    @DisplayName("--values @file reads the file, and --sql prints each statement on one line")
    void valuesFromFileAndSql() throws IOException {
        Path file = dir.resolve("rows.json");
        Files.writeString(file, "[{\"name\": \"A\"}, {\"name\": \"B\"}, {\"name\": \"C\"}]", StandardCharsets.UTF_8);
        Run r = run("bulk-create", "--model", "Author", "--values", "@" + file, "--sql");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("3");
        assertThat(r.err().lines().toList()).hasSize(1).allMatch(l -> l.startsWith("insert into"));
    }

    @Test
    @DisplayName("update and destroy print the count; an empty where is refused without --all; --force deletes for real")
    void updateAndDestroy() {
        run("bulk-create", "--model", "Author", "--values", "[{\"name\": \"A\"}, {\"name\": \"B\"}]");
        Run u = run("update", "--model", "Author", "--values", "{\"name\": \"A2\"}", "--where", "{\"name\": \"A\"}");
        assertThat(u.code()).as(u.err()).isZero();
        assertThat(u.out().strip()).isEqualTo("1");

        Run refused = run("destroy", "--model", "Author", "--where", "{}");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().lines().toList()).hasSize(1).allMatch(l -> l.startsWith("canopy: ") && l.contains("--all"));

        Run soft = run("destroy", "--model", "Author", "--where", "{\"name\": \"A2\"}");
        assertThat(soft.out().strip()).isEqualTo("1");
        assertThat(rows("Authors")).isEqualTo(2);
        Run hard = run("destroy", "--model", "Author", "--where", "{}", "--all", "--force");
        assertThat(hard.out().strip()).isEqualTo("2");
        assertThat(rows("Authors")).isZero();
    }

    @Test
    @DisplayName("upsert inserts, then updates the row with the same conflict attribute")
    void upsert() {
        Run first = run("upsert", "--model", "Book", "--values", "{\"id\": 7, \"title\": \"One\"}", "--conflict", "id");
        assertThat(first.code()).as(first.err()).isZero();
        Run second = run("upsert", "--model", "Book", "--values", "{\"id\": 7, \"title\": \"Uno\"}", "--conflict", "id");
        assertThat(second.json().get("title").asText()).isEqualTo("Uno");
        assertThat(rows("Books")).isEqualTo(1);
    }

    @Test
    @DisplayName("a constraint refusal is one line, exit code 1, and nothing written")
    void refusalWritesNothing() {
        run("create", "--model", "Author", "--values", "{\"name\": \"Ann\"}");
        Run r = run("create", "--model", "Author", "--values", "{\"name\": \"Ann\", \"books\": [{\"title\": \"lost\"}]}");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines().toList()).hasSize(1).allMatch(l -> l.startsWith("canopy: "));
        assertThat(r.out()).isEmpty();
        assertThat(rows("Authors")).isEqualTo(1);
        assertThat(rows("Books")).isZero();
    }

    @Test
    @DisplayName("mistakes in the values are one line and exit code 2, naming what exists")
    void mistakes() {
        Run r = run("create", "--model", "Author", "--values", "{\"nam\": \"Ann\"}");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains("'nam'").contains("books");
        Run unknownModel = run("create", "--model", "Writer", "--values", "{}");
        assertThat(unknownModel.code()).isEqualTo(2);
        assertThat(unknownModel.err()).contains("Author, Book");
        Run missingFile = run("create", "--model", "Author", "--values", "@" + dir.resolve("none.json"));
        assertThat(missingFile.code()).isEqualTo(2);
        assertThat(missingFile.err()).contains("no such file");
    }

    @Test
    @DisplayName("query --spec @file reads the file (picocli's own @-file expansion is off)")
    void querySpecFromFile() throws IOException {
        run("create", "--model", "Author", "--values", "{\"name\": \"Ann\"}");
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, "{\"model\": \"Author\", \"where\": {\"name\": \"Ann\"}}", StandardCharsets.UTF_8);
        Run r = run("query", "--spec", "@" + spec);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json()).hasSize(1);
    }

    static final String VALIDATED = """
            {"models": {
               "Member": {"timestamps": false, "attributes": {
                   "id": {"type": "integer", "primaryKey": true, "autoIncrement": true},
                   "name": {"type": "string", "length": 60, "validate": {"notNull": true, "len": [2, 20]}},
                   "email": {"type": "string", "length": 80, "validate": {"isEmail": true}},
                   "level": {"type": "integer", "validate": {"min": 1, "max": 10}},
                   "role": {"type": "string", "length": 10, "validate": {"isIn": [["admin", "user"]]}}}}}}
            """;

    @Test
    @DisplayName("values that fail the models file's validators print one line per failure, exit code 2, and write nothing")
    void validationFailures() {
        db.sync(ModelsFile.parse(VALIDATED));
        List<String> args = new ArrayList<>(List.of("bulk-create", "--url", url, "--models", VALIDATED, "--model", "Member", "--values",
                "[{\"name\": \"Ann\", \"email\": \"ann@example.org\", \"level\": 3, \"role\": \"user\"},"
                        + " {\"name\": \"B\", \"email\": \"b-at-example\", \"level\": 11, \"role\": \"boss\"}, {\"email\": \"c@example.org\"}]"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CanopyCli.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines().toList()).containsExactly(
                "canopy: Member.name len: must be between 2 and 20 characters long",
                "canopy: Member.email isEmail: must be an e-mail address",
                "canopy: Member.level max: must be at most 10",
                "canopy: Member.role isIn: must be one of [admin, user]",
                "canopy: Member.name notNull: cannot be null");
        assertThat(rows("Members")).isZero();
    }
}
