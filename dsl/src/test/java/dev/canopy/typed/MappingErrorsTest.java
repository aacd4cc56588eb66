package dev.canopy.typed;

import dev.canopy.result.Attribute;
import dev.canopy.result.Included;

import static dev.canopy.Blog.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.error.MappingException;
import dev.canopy.error.QueryException;
import dev.canopy.query.Query;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every mapping mistake, with its exact message. Mappings are compiled against the plan alone, so no database is
 * needed: {@link TypedResults#mapper} is what {@code findAll(query, type)} calls before it runs the query.
 * Records here are plain Java ({@code @NullUnmarked}) unless marked {@code @NullMarked} themselves.
 */
@NullUnmarked
class MappingErrorsTest {
    private static final String HERE = "dev.canopy.typed.MappingErrorsTest.";
    private static final String USER_READS = "User reads id, name, email, organizationId, mentorId";

    private static String problems(Query query, Class<?> type) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> dev.canopy.Plans.TYPED.mapper(dev.canopy.Plans.plan(query), type));
        assertThat(t).isInstanceOf(MappingException.class).isInstanceOf(QueryException.class);
        return t.getMessage();
    }

    record OrgRow(int id, String name) {}
    record PostTitle(int id, String title) {}

    record Typo(int id, String nmae) {}

    @Test
    @DisplayName("a component that no attribute or include matches names what the node reads and includes")
    void noMatch() {
        assertThat(problems(Query.from(USER).include("organization"), Typo.class)).isEqualTo(
                "Cannot map User to " + HERE + "Typo:\n"
                + "  - Typo.nmae (String): no attribute or include matches 'nmae' (" + USER_READS + "; includes organization)");
    }

    record NameOnly(int id, String name) {}

    @Test
    @DisplayName("a component whose attribute the query's attributes list left out says so")
    void notRead() {
        assertThat(problems(Query.from(USER).attributes(USER.id), NameOnly.class)).isEqualTo(
                "Cannot map User to " + HERE + "NameOnly:\n"
                + "  - NameOnly.name (String): User.name was not read by this query (its attributes list left it out)");
    }

    record WithPosts(int id, List<PostTitle> posts) {}

    @Test
    @DisplayName("a component named after an association that the query does not include says so")
    void notIncluded() {
        assertThat(problems(Query.from(USER), WithPosts.class)).isEqualTo(
                "Cannot map User to " + HERE + "WithPosts:\n"
                + "  - WithPosts.posts (List<PostTitle>): 'posts' is an association of User that this query does not include");
    }

    record UpperCode(int id, String CODE) {}

    @Test
    @DisplayName("two matches of the same tier are ambiguous")
    void ambiguous() {
        assertThat(problems(Query.from(TypedMappingTest.Things.THING), UpperCode.class)).isEqualTo(
                "Cannot map Thing to " + HERE + "UpperCode:\n"
                + "  - UpperCode.CODE (String): matches 'code' and 'Code'; bind one with @Attribute or @Included");
    }

    record Explicit(@Attribute("nope") int id, @Included("nothing") OrgRow org, @Attribute("name") @Included("mentor") String both) {}

    @Test
    @DisplayName("@Attribute and @Included must name what the node reads and includes, and not both at once")
    void explicitBindings() {
        assertThat(problems(Query.from(USER), Explicit.class)).isEqualTo(
                "Cannot map User to " + HERE + "Explicit:\n"
                + "  - Explicit.id (int): @Attribute(\"nope\") names no attribute or include (" + USER_READS + "; includes nothing)\n"
                + "  - Explicit.org (OrgRow): @Included(\"nothing\") names no attribute or include (" + USER_READS + "; includes nothing)\n"
                + "  - Explicit.both (String): has both @Attribute and @Included; keep one");
    }

    record WrongTypes(String id, int name, OrgRow email) {}

    @Test
    @DisplayName("a type that no conversion reaches is an error, with the attribute's Java type")
    void cannotConvert() {
        assertThat(problems(Query.from(USER), WrongTypes.class)).isEqualTo(
                "Cannot map User to " + HERE + "WrongTypes:\n"
                + "  - WrongTypes.id (String): cannot convert User.id (Integer) to String\n"
                + "  - WrongTypes.name (int): cannot convert User.name (String) to int\n"
                + "  - WrongTypes.email (OrgRow): cannot convert User.email (String) to OrgRow");
    }

    record PrimitiveKey(int id, int organizationId, long mentorId) {}

    @Test
    @DisplayName("a primitive fed by a nullable attribute is an error; the primary key and NOT NULL attributes are fine")
    void primitiveFromNullable() {
        assertThat(problems(Query.from(USER), PrimitiveKey.class)).isEqualTo(
                "Cannot map User to " + HERE + "PrimitiveKey:\n"
                + "  - PrimitiveKey.organizationId (int): User.organizationId may be null, which int cannot hold; declare Integer or Optional<Integer>\n"
                + "  - PrimitiveKey.mentorId (long): User.mentorId may be null, which long cannot hold; declare Long or Optional<Long>");
    }

    @NullMarked
    record Strict(int id, String name, String email, @Attribute("email") @Nullable String ok, @Attribute("email") Optional<String> fine) {}

    @Test
    @DisplayName("under @NullMarked, a component without @Nullable fed by a nullable attribute is an error")
    void nullMarkedFromNullable() {
        assertThat(problems(Query.from(USER), Strict.class)).isEqualTo(
                "Cannot map User to " + HERE + "Strict:\n"
                + "  - Strict.email (String): User.email may be null, but the component is not nullable (@NullMarked); annotate it @Nullable or declare Optional<String>");
    }

    @NullMarked
    record StrictOrg(String name, OrgRow organization) {}

    @Test
    @DisplayName("under @NullMarked, a component without @Nullable fed by an optional to-one include is an error")
    void nullMarkedFromOptionalInclude() {
        assertThat(problems(Query.from(USER).include("organization"), StrictOrg.class)).isEqualTo(
                "Cannot map User to " + HERE + "StrictOrg:\n"
                + "  - StrictOrg.organization (OrgRow): include 'organization' is optional, so it may be absent, but the component is not nullable"
                + " (@NullMarked); annotate it @Nullable, declare Optional<OrgRow>, or make the include required()");
        assertThat(dev.canopy.Plans.TYPED.mapper(dev.canopy.Plans.plan(Query.from(USER).include("organization", o -> o.required())), StrictOrg.class)).isNotNull();
    }

    record Shapes(PostTitle posts, List<OrgRow> organization) {}

    @Test
    @DisplayName("a to-many include needs a List, a to-one include a record")
    void cardinality() {
        assertThat(problems(Query.from(USER).include("posts").include("organization"), Shapes.class)).isEqualTo(
                "Cannot map User to " + HERE + "Shapes:\n"
                + "  - Shapes.posts (PostTitle): 'posts' is a to-many include; declare a List of a record or Kotlin class\n"
                + "  - Shapes.organization (List<OrgRow>): 'organization' is a to-one include; declare a record or Kotlin class, not a list");
    }

    record NotARecordInside(String name, String organization) {}

    static final class Plain {
        final int id;
        Plain(int id) { this.id = id; }
    }

    @Test
    @DisplayName("an include or a root mapped to a class that is neither a record nor a Kotlin class is an error")
    void notARecord() {
        assertThat(problems(Query.from(USER).include("organization"), NotARecordInside.class)).isEqualTo(
                "Cannot map User to " + HERE + "NotARecordInside:\n"
                + "  - NotARecordInside.organization: String is neither a Java record nor a Kotlin class with a primary constructor");
        assertThat(problems(Query.from(USER), Plain.class)).isEqualTo(
                "Cannot map User to " + HERE + "Plain:\n"
                + "  - Plain: Plain is neither a Java record nor a Kotlin class with a primary constructor");
    }

    record Comment(String bdy) {}
    record Post(int id, String titel, List<Comment> comments) {}
    record Author(String name, List<Post> posts, OrgRow organization, int age) {}

    @Test
    @DisplayName("one message lists every problem of the whole tree, each with its path")
    void everyProblemAtOnce() {
        Query q = Query.from(USER).include("posts", p -> p.include("comments")).include("organization");
        MappingException e = (MappingException) org.assertj.core.api.Assertions.catchThrowable(() -> dev.canopy.Plans.TYPED.mapper(dev.canopy.Plans.plan(q), Author.class));
        assertThat(e.problems()).containsExactly(
                "Author.posts[].titel (String): no attribute or include matches 'titel' (Post reads id, title, authorId, publishedOn, score; includes comments)",
                "Author.posts[].comments[].bdy (String): no attribute or include matches 'bdy' (Comment reads id, body, postId, userId; includes nothing)",
                "Author.age (int): no attribute or include matches 'age' (" + USER_READS + "; includes posts, organization)");
        assertThat(e.getMessage()).startsWith("Cannot map User to " + HERE + "Author:\n  - Author.posts[].titel");
    }
}
