package dev.canopy.query;

import static dev.canopy.Blog.COMMENT;
import static dev.canopy.Blog.POST;
import static dev.canopy.Blog.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.Blog;
import dev.canopy.error.QueryException;
import dev.canopy.error.SchemaException;
import dev.canopy.model.Schema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How scopes merge into a query when it is bound, without a database (the conformance suite runs them). */
@DisplayName("Scopes merge as Sequelize documents")
class ScopesTest {
    static final Schema SCOPED = Schema.builder()
            .associations(Blog.SCHEMA.associations())
            .defaultScope(Query.from(USER).where(USER.email.isNotNull()).exclude(USER.mentorId))
            .defaultScope(Query.from(POST).where(POST.score.gt(new java.math.BigDecimal("1"))).order(POST.title.asc()))
            .scope("ann", Query.from(USER).where(USER.name.eq("Ann")))
            .scope("bob", Query.from(USER).where(USER.name.eq("Bob")))
            .scope("withPosts", Query.from(USER).include("posts", p -> p.where(POST.title.like("A%")).include("comments")).limit(3))
            .scope(USER, "named", args -> Query.from(USER).where(USER.name.eq((String) args.get(0))))
            .build();

    @Test
    @DisplayName("the default scope's where comes first, AND the query's; unscoped() leaves it out")
    void defaultScopeAndUnscoped() {
        Query bound = Query.from(USER).where(USER.id.gt(1)).bind(SCOPED);
        assertThat(bound.where()).isEqualTo(USER.email.isNotNull().and(USER.id.gt(1)));
        assertThat(bound.attributes()).isEqualTo(Attributes.excluding(java.util.List.of(USER.mentorId)));
        assertThat(Query.from(USER).unscoped().bind(SCOPED).where()).isNull();
        assertThat(bound.bind(SCOPED)).as("binding twice merges nothing twice").isEqualTo(bound);
    }

    @Test
    @DisplayName("two scopes on the same attribute are ANDed, not overwritten; naming scopes drops the default unless named")
    void sameAttributeIsAnded() {
        assertThat(Query.from(USER).scope("ann").scope("bob").bind(SCOPED).where())
                .isEqualTo(USER.name.eq("Ann").and(USER.name.eq("Bob")));
        assertThat(Query.from(USER).scope("defaultScope").scope("named", "Cy").bind(SCOPED).where())
                .isEqualTo(USER.email.isNotNull().and(USER.name.eq("Cy")));
    }

    @Test
    @DisplayName("includes merge by alias, recursively; the included model's default scope filters without making it required")
    void includesMergeByAlias() {
        Query bound = Query.from(USER).scope("withPosts").include("posts", p -> p.where(POST.id.lt(9)).required(false)).limit(5).bind(SCOPED);
        assertThat(bound.includes()).hasSize(1);
        Include posts = bound.includes().get(0);
        assertThat(posts.where()).isEqualTo(POST.score.gt(new java.math.BigDecimal("1")).and(POST.title.like("A%").and(POST.id.lt(9))));
        assertThat(posts.isRequired()).isFalse();
        assertThat(posts.order()).containsExactly(POST.title.asc());
        assertThat(posts.includes()).extracting(Include::alias).containsExactly("comments");
        assertThat(bound.limit()).isEqualTo(5);
        assertThat(Query.from(USER).scope("withPosts").bind(SCOPED).limit()).isEqualTo(3);

        Include plain = Query.from(USER).include("posts").bind(SCOPED).includes().get(0);
        assertThat(plain.isRequired()).as("a default scope's where filters children, it does not drop the parent").isFalse();
        assertThat(Query.from(USER).include("posts", Include::unscoped).bind(SCOPED).includes().get(0).where()).isNull();
    }

    @Test
    @DisplayName("attributes merge: lists unite, exclusions stay")
    void attributesMerge() {
        assertThat(Attributes.merge(Attributes.only(java.util.List.of(USER.name)), Attributes.only(java.util.List.of(USER.email))).only())
                .containsExactly(USER.name, USER.email);
        assertThat(Attributes.merge(Attributes.excluding(java.util.List.of(USER.email)), Attributes.only(java.util.List.of(USER.name, USER.email))).only())
                .containsExactly(USER.name);
        assertThat(Attributes.merge(Attributes.ALL, Attributes.KEY)).isEqualTo(Attributes.KEY);
    }

    @Test
    @DisplayName("an unknown scope names those that exist; a scope with arguments it does not take is refused")
    void unknownScope() {
        assertThatThrownBy(() -> Query.from(USER).scope("carl").bind(SCOPED)).isInstanceOf(QueryException.class)
                .hasMessage("'carl' is not a scope of User; User has: ann, bob, withPosts, named and defaultScope");
        assertThatThrownBy(() -> Query.from(USER).scope("ann", 1).bind(SCOPED)).isInstanceOf(QueryException.class)
                .hasMessageContaining("takes no arguments");
        assertThatThrownBy(() -> Schema.builder().associations(Blog.SCHEMA.associations())
                .scope("bad", Query.from(COMMENT).include("post")).build())
                .isInstanceOf(SchemaException.class).hasMessageContaining("scope bad of Comment");
    }

    @Test
    @DisplayName("scopes are part of the query value: equal queries, equal hashes, printed")
    void scopesAreValues() {
        assertThat(Query.from(USER).scope("named", "x")).isEqualTo(Query.from(USER).scope("named", "x"))
                .isNotEqualTo(Query.from(USER).scope("named", "y"));
        assertThat(Query.from(USER).scope("ann").toString()).contains("scopes [ann]");
        assertThat(Query.from(USER).unscoped().toString()).contains("unscoped");
    }
}
