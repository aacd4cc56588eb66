package dev.canopy.typed;

import dev.canopy.result.Attribute;
import dev.canopy.result.Included;

import static dev.canopy.Blog.POST;
import static dev.canopy.Blog.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.Canopy;
import dev.canopy.error.MappingException;
import dev.canopy.sql.StatementEvent;
import dev.canopy.result.Entity;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.plan.Plan;
import dev.canopy.query.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Typed results: how records are filled from an include tree, on H2 with the Blog schema. The package is
 * {@code @NullMarked} (its main half says so), so this class opts out with {@code @NullUnmarked}: its records read as
 * plain Java, where a component without annotation may be null, except those marked {@code @NullMarked} themselves.
 */
@NullUnmarked
class TypedMappingTest {
    private static final List<StatementEvent> EVENTS = new ArrayList<>();
    private static Canopy db;

    record UserRow(int id, String name, @Nullable String email) {}
    record OrgRow(int id, String name) {}
    record PostTitle(int id, String title) {}
    record TagRow(String label) {}

    @BeforeAll
    static void load() {
        db = Canopy.builder("jdbc:h2:mem:typed-mapping;DB_CLOSE_DELAY=-1").schema(dev.canopy.Blog.SCHEMA).onStatement(EVENTS::add).build();
        BlogData.load(db);
        db.sync(Things.SCHEMA);
        db.execute("insert into \"Things\" (\"id\", \"code\", \"Code\") values (1, 'lower', 'upper')");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void clearEvents() {
        EVENTS.clear();
    }

    @Nested
    @DisplayName("attributes")
    class Attributes {
        @Test
        @DisplayName("root attributes fill the components of the same name, roots in the query's order")
        void byName() {
            List<UserRow> users = db.findAll(Query.from(USER).order(USER.id.desc()), UserRow.class);
            assertThat(users).containsExactly(new UserRow(3, "cy", null), new UserRow(2, "bob", null), new UserRow(1, "ann", "ann@acme.test"));
        }

        record Tiers(int ID, String name, @Nullable Integer organization_id, @Nullable Integer MentorId) {}

        @Test
        @DisplayName("a name matches exactly, then as camelCase of snake_case, then ignoring case")
        void nameTiers() {
            Tiers bob = db.findOne(Query.from(USER).where(USER.id.eq(2)), Tiers.class);
            assertThat(bob).isEqualTo(new Tiers(2, "bob", null, 1));
            Tiers ann = db.findOne(Query.from(USER).where(USER.id.eq(1)), Tiers.class);
            assertThat(ann).isEqualTo(new Tiers(1, "ann", 1, null));
        }

        record LowerCode(int id, String code) {}

        @Test
        @DisplayName("an exact match wins over a match that ignores case")
        void exactWins() {
            assertThat(db.findAll(Query.from(Things.THING), LowerCode.class)).containsExactly(new LowerCode(1, "lower"));
        }

        record Renamed(@Attribute("id") int key, @Attribute("name") String login) {}

        @Test
        @DisplayName("@Attribute binds a component to an attribute by its exact name")
        void explicitAttribute() {
            assertThat(db.findOne(Query.from(USER).where(USER.id.eq(1)), Renamed.class)).isEqualTo(new Renamed(1, "ann"));
        }

        record OptionalEmail(String name, Optional<String> email) {}

        @Test
        @DisplayName("an Optional component is empty where the attribute is null")
        void optionalAttribute() {
            assertThat(db.findAll(Query.from(USER).order(USER.id.asc()), OptionalEmail.class)).containsExactly(
                    new OptionalEmail("ann", Optional.of("ann@acme.test")), new OptionalEmail("bob", Optional.empty()),
                    new OptionalEmail("cy", Optional.empty()));
        }

        record Loose(int id, Object name, CharSequence email) {}

        @Test
        @DisplayName("a component of a supertype of the value's class takes the value as it is")
        void supertype() {
            assertThat(db.findOne(Query.from(USER).where(USER.id.eq(1)), Loose.class)).isEqualTo(new Loose(1, "ann", "ann@acme.test"));
        }
    }

    @Nested
    @DisplayName("includes")
    class Includes {
        record UserWithOrg(String name, @Nullable OrgRow organization) {}

        @Test
        @DisplayName("a to-one include fills a nested record, null where the row has none")
        void toOne() {
            assertThat(db.findAll(Query.from(USER).include("organization").order(USER.id.asc()), UserWithOrg.class)).containsExactly(
                    new UserWithOrg("ann", new OrgRow(1, "Acme")), new UserWithOrg("bob", null), new UserWithOrg("cy", null));
        }

        record UserWithOptionalOrg(String name, Optional<OrgRow> organization) {}

        @Test
        @DisplayName("a to-one include fills an Optional component, empty where the row has none")
        void toOneOptional() {
            assertThat(db.findAll(Query.from(USER).include("organization").order(USER.id.asc()), UserWithOptionalOrg.class))
                    .extracting(UserWithOptionalOrg::organization)
                    .containsExactly(Optional.of(new OrgRow(1, "Acme")), Optional.empty(), Optional.empty());
        }

        @NullMarked
        record PostWithAuthor(@Nullable String title, UserRow author) {}

        @Test
        @DisplayName("a required to-one include fills a component that is not nullable")
        void requiredToOne() {
            assertThat(db.findAll(Query.from(POST).include("author", a -> a.required()).order(POST.id.asc()), PostWithAuthor.class))
                    .extracting(p -> p.author().name()).containsExactly("ann", "ann", "bob");
        }

        record UserWithPosts(String name, List<PostTitle> posts) {}

        @Test
        @DisplayName("a to-many include fills a list of records, empty where there are none, in the include's order")
        void toMany() {
            List<UserWithPosts> users = db.findAll(Query.from(USER).include("posts").order(USER.id.asc(), POST.title.at("posts").desc()),
                    UserWithPosts.class);
            assertThat(users).containsExactly(
                    new UserWithPosts("ann", List.of(new PostTitle(2, "World"), new PostTitle(1, "Hello"))),
                    new UserWithPosts("bob", List.of(new PostTitle(3, "Bob's"))),
                    new UserWithPosts("cy", List.of()));
            assertThatThrownBy(() -> users.get(0).posts().add(new PostTitle(9, "x"))).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> users.add(users.get(0))).isInstanceOf(UnsupportedOperationException.class);
        }

        record Commenter(String name) {}
        record CommentRow(String body, Commenter user) {}
        record PostRow(String title, List<CommentRow> comments, List<TagRow> tags) {}
        record Author(String name, List<PostRow> posts) {}

        @Test
        @DisplayName("nested includes, joined and separate, fill nested records at every depth")
        void nestedJoinedAndSeparate() {
            Query q = Query.from(USER).where(USER.id.eq(1))
                    .include("posts", p -> p.order(POST.id.asc()).include("comments", c -> c.include("user")).include("tags"));
            assertThat(dev.canopy.Plans.plan(q).describe()).contains("tags : Tag SEPARATE");
            Author ann = db.findOne(q, Author.class);
            assertThat(ann).isEqualTo(new Author("ann", List.of(
                    new PostRow("Hello", List.of(new CommentRow("first", new Commenter("bob")), new CommentRow("second", new Commenter("cy"))),
                            List.of(new TagRow("java"), new TagRow("kotlin"))),
                    new PostRow("World", List.of(), List.of(new TagRow("kotlin"))))));
        }

        record Renamed(String name, @Included("posts") List<PostTitle> writings, @Included("mentor") @Nullable UserRow guide) {}

        @Test
        @DisplayName("@Included binds a component to an include by its exact alias")
        void explicitInclude() {
            Renamed bob = db.findOne(Query.from(USER).where(USER.id.eq(2)).include("posts").include("mentor"), Renamed.class);
            assertThat(bob).isEqualTo(new Renamed("bob", List.of(new PostTitle(3, "Bob's")), new UserRow(1, "ann", "ann@acme.test")));
        }

        record Mentee(String name, @Nullable UserRow mentor, @Nullable ProfileRow profile) {}
        record ProfileRow(String bio) {}

        @Test
        @DisplayName("a self-association and a hasOne map like any to-one include")
        void selfAndHasOne() {
            assertThat(db.findAll(Query.from(USER).include("mentor").include("profile").order(USER.id.asc()), Mentee.class)).containsExactly(
                    new Mentee("ann", null, new ProfileRow("writes a lot")),
                    new Mentee("bob", new UserRow(1, "ann", "ann@acme.test"), null),
                    new Mentee("cy", null, null));
        }

        record Raw(String name, List<Entity> posts, @Nullable Entity organization) {}

        @Test
        @DisplayName("Entity and List<Entity> components take the entities as they are")
        void entities() {
            Raw ann = db.findOne(Query.from(USER).include("posts").include("organization").order(USER.id.asc()), Raw.class);
            assertThat(ann.posts()).extracting(p -> p.get(POST.title)).containsExactlyInAnyOrder("Hello", "World");
            assertThat(ann.organization().get("name")).isEqualTo("Acme");
        }
    }

    @Nested
    @DisplayName("entry points")
    class EntryPoints {
        @Test
        @DisplayName("findOne with a type returns null when nothing matches")
        void findOneNull() {
            assertThat(db.findOne(Query.from(USER).where(USER.id.eq(99)), UserRow.class)).isNull();
        }

        @Test
        @DisplayName("stream with a type yields each root mapped, and checks the mapping before the query runs")
        void stream() {
            try (Stream<UserRow> users = db.stream(Query.from(USER).order(USER.id.asc()), UserRow.class)) {
                assertThat(users.map(UserRow::name).collect(Collectors.toList())).containsExactly("ann", "bob", "cy");
            }
            EVENTS.clear();
            assertThatThrownBy(() -> db.stream(Query.from(USER), PostTitle.class)).isInstanceOf(MappingException.class);
            assertThat(EVENTS).isEmpty();
        }

        record PostTags(String title, List<TagRow> tags) {}

        @Test
        @DisplayName("Entity.into maps a root, and an entity that a separate include loaded, to a record")
        void into() {
            Entity post = db.findOne(Query.from(POST).where(POST.id.eq(1)).include("comments").include("tags", t -> t.order(dev.canopy.Blog.TAG.label.asc())));
            assertThat(post.into(PostTags.class)).isEqualTo(new PostTags("Hello", List.of(new TagRow("java"), new TagRow("kotlin"))));
            assertThat(post.many("tags").get(1).into(TagRow.class)).isEqualTo(new TagRow("kotlin"));
        }

        @Test
        @DisplayName("a mapping mistake fails before any statement runs")
        void failsBeforeTheQuery() {
            assertThatThrownBy(() -> db.findAll(Query.from(USER), PostTitle.class)).isInstanceOf(MappingException.class);
            assertThatThrownBy(() -> db.findOne(Query.from(USER), PostTitle.class)).isInstanceOf(MappingException.class);
            assertThat(EVENTS).isEmpty();
        }

        @Test
        @DisplayName("a mapper is compiled once per plan and type")
        void cached() {
            Plan plan = dev.canopy.Plans.plan(Query.from(USER).include("organization"));
            EntityMapper<UserRow> first = dev.canopy.Plans.TYPED.mapper(plan, UserRow.class);
            assertThat(dev.canopy.Plans.TYPED.mapper(plan, UserRow.class)).isSameAs(first);
            assertThat(dev.canopy.Plans.TYPED.mapper(plan, 1, OrgRow.class)).isNotSameAs(first);
            assertThat(dev.canopy.Plans.TYPED.mapper(dev.canopy.Plans.plan(Query.from(USER).include("organization")), UserRow.class)).isNotSameAs(first);
        }
    }

    /** A model whose two attributes differ only in case. */
    static final class Things {
        static final class ThingModel extends Model {
            final Column<Integer> id = integer("id").primaryKey();
            final Column<String> code = string("code", 20);
            final Column<String> upperCode = string("Code", 20);
            private ThingModel() { super("Thing", ModelOptions.defaults().timestamps(false)); }
        }

        static final ThingModel THING = new ThingModel();
        static final Schema SCHEMA = Schema.builder().models(THING).build();
    }

}
