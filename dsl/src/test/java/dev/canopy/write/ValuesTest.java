package dev.canopy.write;

import static dev.canopy.Blog.POST;
import static dev.canopy.Blog.SCHEMA;
import static dev.canopy.Blog.TAG;
import static dev.canopy.Blog.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.error.InvalidValuesException;
import dev.canopy.json.SpecException;
import dev.canopy.json.WriteSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Values, Where and the JSON of writes")
class ValuesTest {
    static {
        SCHEMA.models(); // seals the blog models
    }

    @Test
    @DisplayName("Values are immutable values: and/with return new ones, equal by content")
    void valuesAreValues() {
        Values a = Values.of(USER.name, "Ann");
        Values b = a.and(USER.email, "a@b");
        assertThat(a.attributes()).containsOnlyKeys("name");
        assertThat(b.attributes()).containsOnlyKeys("name", "email");
        assertThat(Values.of("name", "Ann")).isEqualTo(a);
        Values nested = a.with("posts", List.of(Values.of(POST.title, "t")));
        assertThat(nested.nested()).containsOnlyKeys("posts");
        assertThat(a.nested()).isEmpty();
    }

    @Test
    @DisplayName("a map keyed by name or Column nests maps and lists of maps under aliases")
    void fromMap() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(USER.name, "Ann");
        map.put("posts", List.of(Map.of("title", "t")));
        map.put("profile", Map.of("bio", "x"));
        Values v = Values.of(map);
        assertThat(v.attributes()).containsOnlyKeys("name");
        assertThat(v.nested()).containsOnlyKeys("posts", "profile");
        assertThat(v.nestedRows().get("profile").single()).isTrue();
        assertThatThrownBy(() -> Values.of(Map.of(1, "x"))).isInstanceOf(InvalidValuesException.class).hasMessageContaining("Integer 1");
    }

    @Test
    @DisplayName("checking names the unknown attribute or alias and what the model has, and refuses wrong types without the value")
    void checking() {
        RowChecker checker = new RowChecker(SCHEMA, true);
        assertThatThrownBy(() -> checker.check(USER, Values.of("nmae", "x"), true, true))
                .hasMessage("User has no attribute 'nmae'; User has: id, name, email, organizationId, mentorId"
                        + " (associations: posts, profile, organization, mentor)");
        assertThatThrownBy(() -> checker.check(USER, Values.of("posts", "x"), true, true))
                .hasMessageContaining("'posts' is an association of User");
        assertThatThrownBy(() -> checker.check(USER, Values.of(USER.name, "x").with("postz", List.of()), true, true))
                .hasMessageContaining("'postz' is not an association of User; User has: posts, profile, organization, mentor");
        assertThatThrownBy(() -> checker.check(USER, Values.of("id", "seven"), true, true))
                .hasMessage("User.id is INTEGER (Integer); the value given is a String");
        assertThatThrownBy(() -> checker.check(USER, Values.of("id", 1.5), true, true))
                .hasMessageContaining("a Double with a fraction");
        Row r = checker.check(USER, Values.of("id", 7L), true, true);
        assertThat(r.get(USER.id)).isEqualTo(7);
        Row post = checker.check(POST, Values.of(POST.title, "t").with("tags", List.of(Values.of(TAG.id, 3))), true, true);
        assertThat(post.nested.values().iterator().next().get(0).linkOnly).isTrue();
    }

    @Test
    @DisplayName("Where has no empty form: every row is Where.all(); force and paranoid(false) are flags")
    void where() {
        assertThatThrownBy(() -> Where.of(null)).hasMessageContaining("Where.all()");
        assertThat(Where.all().isAll()).isTrue();
        Where w = Where.of(USER.id.eq(1)).force();
        assertThat(w.isForce()).isTrue();
        assertThat(w.isParanoid()).isTrue();
        assertThat(w.paranoid(false).isParanoid()).isFalse();
        assertThat(w).isEqualTo(Where.of(USER.id.eq(1)).force());
    }

    @Test
    @DisplayName("a JSON graph becomes Values keyed by alias; mistakes are reported at their JSON path")
    void json() {
        Values v = WriteSpec.values(SCHEMA, USER, "{\"name\": \"Ann\", \"posts\": [{\"title\": \"t\", \"publishedOn\": \"2021-01-01\"}],"
                + " \"profile\": {\"bio\": \"x\"}}");
        assertThat(v.nested().get("posts").get(0).attributes().get("publishedOn")).isEqualTo(java.time.LocalDate.of(2021, 1, 1));
        assertThatThrownBy(() -> WriteSpec.values(SCHEMA, USER, "{\"posts\": [{\"titel\": 1}]}"))
                .isInstanceOf(SpecException.class).hasMessageStartingWith("$.posts[0].titel: Post has no attribute or association 'titel'");
        assertThatThrownBy(() -> WriteSpec.values(SCHEMA, USER, "{\"id\": \"x\"}"))
                .isInstanceOf(SpecException.class).hasMessageStartingWith("$.id: User.id is INTEGER");
        assertThatThrownBy(() -> WriteSpec.rows(SCHEMA, USER, "{}")).hasMessageContaining("expected an array of rows");
        assertThat(WriteSpec.where(SCHEMA, USER, "{}")).isNull();
        assertThat(WriteSpec.where(SCHEMA, USER, "{\"id\": 3}")).isEqualTo(USER.id.eq(3));
    }

    @Test
    @DisplayName("a models file names a version attribute with \"version\": true or its name; the writer of models files keeps it")
    void versionInModelsFile() {
        dev.canopy.model.Schema schema = dev.canopy.json.ModelsFile.parse("{\"models\": {\"Doc\": {\"timestamps\": false, \"version\": true,"
                + " \"attributes\": {\"id\": {\"type\": \"integer\", \"primaryKey\": true}}}}}");
        dev.canopy.model.Model doc = schema.model("Doc");
        assertThat(doc.options().versionAttribute()).isEqualTo("version");
        assertThat(doc.column("version").defaultValue()).isEqualTo(0);
        assertThat(dev.canopy.json.ModelsFile.toJson(schema).replaceAll("\\s", "")).contains("\"version\":\"version\"");
        assertThatThrownBy(() -> dev.canopy.json.ModelsFile.parse("{\"models\": {\"Doc\": {\"version\": 3, \"attributes\": {}}}}"))
                .hasMessageContaining("$.models.Doc.version");
    }
}
