package dev.canopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canopy.Canopy;
import dev.canopy.json.ModelsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("canopy query with a models file's scopes, getters, setters and virtual attributes")
class ScopesAndVirtualsCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODELS = """
            {"models": {
               "Member": {"timestamps": false,
                 "attributes": {"id": {"type": "integer", "primaryKey": true, "autoIncrement": true},
                                "first": {"type": "string", "length": 40, "set": "trim"},
                                "last": {"type": "string", "length": 40, "get": "upper"},
                                "role": {"type": "string", "length": 10},
                                "active": {"type": "boolean"},
                                "fullName": {"type": "virtual", "template": "{first} {last}"}},
                 "defaultScope": {"where": {"active": true}},
                 "scopes": {"admins": {"where": {"role": "admin"}}, "byFirst": {"order": [["first", "ASC"]]}}},
               "Post": {"timestamps": false,
                 "attributes": {"id": {"type": "integer", "primaryKey": true, "autoIncrement": true},
                                "title": {"type": "string", "length": 60},
                                "published": {"type": "boolean"},
                                "memberId": {"type": "integer"}},
                 "defaultScope": {"where": {"published": true}},
                 "scopes": {"drafts": {"where": {"published": false}}}}},
             "associations": [{"type": "hasMany", "source": "Member", "target": "Post", "foreignKey": "memberId", "as": "posts"}]}
            """;

    String url;
    Canopy db;

    @BeforeEach
    void open() {
        url = "jdbc:h2:mem:cli-scopes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        db = Canopy.connect(url);
        db.sync(ModelsFile.parse(MODELS));
        assertThat(run("create", "--model", "Member", "--values", "{\"first\": \" Ann \", \"last\": \"Smith\", \"role\": \"admin\", \"active\": true, "
                + "\"posts\": [{\"title\": \"a1\", \"published\": true}, {\"title\": \"a2\", \"published\": false}]}").code()).isZero();
        assertThat(run("create", "--model", "Member", "--values", "{\"first\": \"Bob\", \"last\": \"Jones\", \"role\": \"user\", \"active\": true}")
                .code()).isZero();
        assertThat(run("create", "--model", "Member", "--values", "{\"first\": \"Cy\", \"last\": \"Lee\", \"role\": \"admin\", \"active\": false}")
                .code()).isZero();
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

    private static List<String> values(JsonNode array, String key) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(key).asText()));
        return out;
    }

    @Test
    @DisplayName("--spec with \"scope\" on the root and on an include runs the file's scopes, and prints virtual attributes and getters")
    void scopedSpec() {
        Run r = run("query", "--spec", "{\"model\": \"Member\", \"scope\": [\"admins\", \"byFirst\"], "
                + "\"include\": [{\"association\": \"posts\", \"scope\": \"drafts\"}]}");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode found = r.json();
        assertThat(values(found, "first")).as("named scopes replace the default one: Cy is inactive").containsExactly("Ann", "Cy");
        assertThat(values(found, "fullName")).containsExactly("Ann SMITH", "Cy LEE");
        assertThat(values(found, "last")).containsExactly("SMITH", "LEE");
        assertThat(values(found.get(0).get("posts"), "title")).containsExactly("a2");

        Run scoped = run("query", "--spec", "{\"model\": \"Member\", \"include\": [\"posts\"], \"order\": [[\"first\", \"ASC\"]]}");
        assertThat(scoped.code()).as(scoped.err()).isZero();
        assertThat(values(scoped.json(), "first")).as("the default scopes").containsExactly("Ann", "Bob");
        assertThat(values(scoped.json().get(0).get("posts"), "title")).containsExactly("a1");

        Run unscoped = run("query", "--spec", "{\"model\": \"Member\", \"unscoped\": true, \"order\": [[\"first\", \"DESC\"]]}");
        assertThat(values(unscoped.json(), "first")).containsExactly("Cy", "Bob", "Ann");
    }

    @Test
    @DisplayName("an unknown scope is one line naming the JSON path and the scopes the model has, exit code 2")
    void unknownScope() {
        Run r = run("query", "--spec", "{\"model\": \"Member\", \"include\": [{\"association\": \"posts\", \"scope\": \"draft\"}]}");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList())
                .containsExactly("canopy: --spec: $.include[0].scope: 'draft' is not a scope of Post; Post has: defaultScope, drafts");
    }

    @Test
    @DisplayName("a mistake in the models file's scopes or virtual attributes is one line with its path, exit code 2")
    void modelsFileMistake() {
        String bad = MODELS.replace("{first} {last}", "{first} {middle}");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CanopyCli.run(new PrintWriter(out), new PrintWriter(err),
                "query", "--url", url, "--models", bad, "--spec", "{\"model\": \"Member\"}");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("canopy: --models: $.models.Member.attributes.fullName.template: {middle} is not an attribute of Member");
    }
}
