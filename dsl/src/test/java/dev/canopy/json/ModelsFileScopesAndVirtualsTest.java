package dev.canopy.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.canopy.Canopy;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import dev.canopy.result.Entity;
import dev.canopy.write.Values;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A models file declares scopes, getters, setters and virtual attributes")
class ModelsFileScopesAndVirtualsTest {
    static final String MODELS = """
            {"models": {
               "Member": {"timestamps": false,
                 "attributes": {"id": {"type": "integer", "primaryKey": true, "autoIncrement": true},
                                "first": {"type": "string", "length": 40, "set": "trim"},
                                "last": {"type": "string", "length": 40, "get": "upper"},
                                "email": {"type": "string", "length": 80, "set": ["trim", "lower"]},
                                "role": {"type": "string", "length": 10},
                                "level": {"type": "integer"},
                                "active": {"type": "boolean"},
                                "fullName": {"type": "virtual", "template": "{first} {last}"},
                                "badge": {"type": "VIRTUAL", "template": "{{{role}:{level}}}"}},
                 "defaultScope": {"where": {"active": true}},
                 "scopes": {"admins": {"where": {"role": "admin"}},
                            "byFirst": {"order": [["first", "ASC"]]},
                            "withPosts": {"include": [{"association": "posts", "order": [["title", "ASC"]]}]}}},
               "Post": {"timestamps": false,
                 "attributes": {"id": {"type": "integer", "primaryKey": true, "autoIncrement": true},
                                "title": {"type": "string", "length": 60},
                                "published": {"type": "boolean"},
                                "memberId": {"type": "integer"}},
                 "defaultScope": {"where": {"published": true}},
                 "scopes": {"drafts": {"where": {"published": false}}}}},
             "associations": [{"type": "hasMany", "source": "Member", "target": "Post", "foreignKey": "memberId", "as": "posts"},
                              {"type": "belongsTo", "source": "Post", "target": "Member", "foreignKey": "memberId", "as": "member"}]}
            """;

    Schema schema;
    Canopy db;

    @BeforeEach
    void load() {
        schema = ModelsFile.parse(MODELS);
        db = Canopy.connect("jdbc:h2:mem:models-scopes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", schema);
        db.sync(schema);
        Model member = schema.model("Member");
        Model post = schema.model("Post");
        Entity ann = db.create(member, Values.of("first", " Ann ").and("last", "Smith").and("email", " Ann@Example.ORG ")
                .and("role", "admin").and("level", 5).and("active", true));
        Entity bob = db.create(member, Values.of("first", "Bob").and("role", "user").and("level", 2).and("active", true));
        Entity unused = db.create(member, Values.of("first", "Cy").and("last", "Lee").and("role", "admin").and("level", 8).and("active", false));
        for (Object[] p : new Object[][] {{"a1", true, ann}, {"a2", false, ann}, {"b1", true, bob}}) {
            Entity unusedPost = db.create(post, Values.of("title", p[0]).and("published", p[1]).and("memberId", ((Entity) p[2]).get("id")));
        }
    }

    @AfterEach
    void close() {
        db.execute("SHUTDOWN");
        db.close();
    }

    private List<Map<String, Object>> run(String spec) {
        return db.findAll(QuerySpec.parse(schema, spec)).stream().map(Entity::toMap).toList();
    }

    private static List<Object> pluck(List<?> maps, String key) {
        return maps.stream().map(m -> ((Map<?, ?>) m).get(key)).collect(java.util.stream.Collectors.toList());
    }

    @Test
    @DisplayName("the file's default scope applies to every read; named scopes replace it; unscoped leaves it out")
    void scopes() {
        assertThat(pluck(run("{\"model\": \"Member\", \"order\": [[\"first\", \"ASC\"]]}"), "first")).containsExactly("Ann", "Bob");
        assertThat(pluck(run("{\"model\": \"Member\", \"scope\": [\"admins\", \"byFirst\"]}"), "first")).containsExactly("Ann", "Cy");
        assertThat(pluck(run("{\"model\": \"Member\", \"unscoped\": true, \"order\": [[\"first\", \"DESC\"]]}"), "first"))
                .containsExactly("Cy", "Bob", "Ann");
        assertThat(schema.scopeNames(schema.model("Member"))).containsExactly("defaultScope", "admins", "byFirst", "withPosts");
    }

    @Test
    @DisplayName("an include gets its model's default scope, or the scope the spec names for it")
    void includeScopes() {
        List<Map<String, Object>> withPosts = run("{\"model\": \"Member\", \"scope\": \"withPosts\", \"where\": {\"first\": \"Ann\"}}");
        assertThat(pluck((List<?>) withPosts.get(0).get("posts"), "title")).as("Post's default scope: published only").containsExactly("a1");
        List<Map<String, Object>> drafts = run("{\"model\": \"Member\", \"where\": {\"first\": \"Ann\"}, "
                + "\"include\": [{\"association\": \"posts\", \"scope\": \"drafts\"}]}");
        assertThat(pluck((List<?>) drafts.get(0).get("posts"), "title")).containsExactly("a2");
        List<Map<String, Object>> all = run("{\"model\": \"Member\", \"where\": {\"first\": \"Ann\"}, "
                + "\"include\": [{\"association\": \"posts\", \"unscoped\": true, \"order\": [[\"title\", \"ASC\"]]}]}");
        assertThat(pluck((List<?>) all.get(0).get("posts"), "title")).containsExactly("a1", "a2");
        List<Map<String, Object>> withDrafts = run("{\"model\": \"Member\", \"order\": [[\"first\", \"ASC\"]], "
                + "\"include\": [{\"association\": \"posts\", \"scope\": \"drafts\", \"required\": true}]}");
        assertThat(pluck(withDrafts, "first")).as("required: members with a draft").containsExactly("Ann");
    }

    @Test
    @DisplayName("getters change what is read, setters what is stored, and virtual attributes are computed from the row")
    void accessorsAndVirtuals() {
        Map<String, Object> ann = run("{\"model\": \"Member\", \"where\": {\"first\": \"Ann\"}}").get(0);
        assertThat(ann).containsEntry("last", "SMITH").containsEntry("email", "ann@example.org")
                .containsEntry("fullName", "Ann SMITH").containsEntry("badge", "{admin:5}");
        assertThat(db.findAll(QuerySpec.parse(schema, "{\"model\": \"Member\", \"where\": {\"last\": \"Smith\"}}")))
                .as("conditions compare with the stored value").hasSize(1);
        Map<String, Object> bob = run("{\"model\": \"Member\", \"where\": {\"first\": \"Bob\"}}").get(0);
        assertThat(bob.get("fullName")).as("a null attribute makes the template null").isNull();
        assertThat(bob).containsEntry("badge", "{user:2}");
        Map<String, Object> slim = run("{\"model\": \"Member\", \"attributes\": [\"id\", \"first\"], \"where\": {\"first\": \"Ann\"}}").get(0);
        assertThat(slim).doesNotContainKey("fullName").doesNotContainKey("badge");
    }

    static Stream<Arguments> mistakes() {
        String member = "{\"models\": {\"Member\": {\"timestamps\": false, \"attributes\": {\"id\": {\"type\": \"integer\", \"primaryKey\": true}, "
                + "\"first\": \"string\", \"level\": \"integer\", %s}%s}}}";
        return Stream.of(
                Arguments.of(String.format(member, "\"full\": {\"type\": \"virtual\", \"template\": \"{first} {middle}\"}", ""),
                        "$.models.Member.attributes.full.template", "{middle} is not an attribute of Member; Member has: id, first, level"),
                Arguments.of(String.format(member, "\"full\": {\"type\": \"virtual\", \"template\": \"plain\"}", ""),
                        "$.models.Member.attributes.full.template", "names no attribute"),
                Arguments.of(String.format(member, "\"full\": {\"type\": \"virtual\", \"template\": \"{first\"}", ""),
                        "$.models.Member.attributes.full.template", "is not closed"),
                Arguments.of(String.format(member, "\"full\": {\"type\": \"virtual\"}", ""),
                        "$.models.Member.attributes.full.template", "missing"),
                Arguments.of(String.format(member, "\"full\": {\"type\": \"virtual\", \"template\": \"{first}\", \"get\": \"upper\"}", ""),
                        "$.models.Member.attributes.full.get", "unknown key in a virtual attribute; known keys: type, template"),
                Arguments.of(String.format(member, "\"name\": {\"type\": \"string\", \"set\": \"capitalize\"}", ""),
                        "$.models.Member.attributes.name.set", "expected a transform, one of trim, lower, upper"),
                Arguments.of(String.format(member, "\"rank\": {\"type\": \"integer\", \"get\": \"upper\"}", ""),
                        "$.models.Member.attributes.rank.get", "a getter or setter of a models file transforms a string"),
                Arguments.of(String.format(member, "\"x\": \"string\"", ", \"scopes\": {\"admins\": {\"where\": {\"rol\": \"admin\"}}}"),
                        "$.models.Member.scopes.admins.where.rol", "rol"),
                Arguments.of(String.format(member, "\"x\": \"string\"", ", \"scopes\": {\"admins\": {\"model\": \"Member\"}}"),
                        "$.models.Member.scopes.admins.model", "leave \"model\" out"),
                Arguments.of(String.format(member, "\"x\": \"string\"", ", \"scopes\": 3"),
                        "$.models.Member.scopes", "is a JSON object, not the number 3"),
                Arguments.of(String.format(member, "\"x\": \"string\"", ", \"defaultScope\": {\"include\": [\"posts\"]}"),
                        "$.models.Member.defaultScope.include[0]", "posts"),
                Arguments.of(String.format(member, "\"x\": \"string\"", ", \"scopes\": {\"defaultScope\": {\"where\": {\"level\": 1}}}"),
                        "$.models.Member.scopes.defaultScope", "declare it with defaultScope"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("mistakes")
    @DisplayName("a mistake in a scope, getter, setter or virtual attribute names its JSON path and what exists")
    void mistakes(String json, String path, String message) {
        ModelsFileException e = catchThrowableOfType(() -> ModelsFile.parse(json), ModelsFileException.class);
        assertThat(e).as(json).isNotNull();
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.detail()).contains(message);
    }
}
