package dev.canopy.query;

import static dev.canopy.Blog.COMMENT;
import static dev.canopy.Blog.POST;
import static dev.canopy.Blog.TAG;
import static dev.canopy.Blog.USER;
import static dev.canopy.Blog.USER_POSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.Canopy;
import dev.canopy.dialect.Dialect;
import dev.canopy.error.AssociationNotFoundException;
import dev.canopy.error.QueryException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Query values")
class QueryValuesTest {

    @Nested
    @DisplayName("are immutable values")
    class Immutable {
        @Test
        @DisplayName("a builder call returns a new query and leaves the old one unchanged")
        void builderCallsReturnNewValues() {
            Query base = Query.from(USER);
            Query filtered = base.where(USER.name.eq("Ada"));
            Query included = filtered.include("posts");
            assertThat(base.where()).isNull();
            assertThat(base.includes()).isEmpty();
            assertThat(filtered.includes()).isEmpty();
            assertThat(included.includes()).extracting(Include::alias).containsExactly("posts");
            assertThat(filtered).isNotSameAs(base).isNotEqualTo(base);
        }

        @Test
        @DisplayName("two queries built the same way are equal and hash alike, so a query is a cache key")
        void equalByValue() {
            Query a = Query.from(USER).where(USER.id.isIn(1, 2)).include("posts", p -> p.required().where(POST.title.like("B%")))
                    .order(USER.name.desc().nullsLast()).limit(5);
            Query b = Query.from(USER).where(USER.id.isIn(1, 2)).include("posts", p -> p.required().where(POST.title.like("B%")))
                    .order(USER.name.desc().nullsLast()).limit(5);
            assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
            assertThat(a).isNotEqualTo(b.limit(6));
            assertThat(a).isNotEqualTo(Query.from(USER).where(USER.id.isIn(1, 3)).include("posts", p -> p.required().where(POST.title.like("B%")))
                    .order(USER.name.desc().nullsLast()).limit(5));
        }

        @Test
        @DisplayName("a query prints readably")
        void printsReadably() {
            Query q = Query.from(POST).where(USER.name.at("author").startsWith("A")).include("author").order(POST.id.asc()).limit(3);
            assertThat(q.toString()).isEqualTo("findAll(Post where $author.name$ $startsWith 'A' include [{author LEFT}] order [id ASC] limit 3)");
        }

        @Test
        @DisplayName("the include list a query returns cannot be changed")
        void includeListIsReadOnly() {
            Query q = Query.from(USER).include("posts");
            assertThatThrownBy(() -> q.includes().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    @DisplayName("follow Sequelize's rules")
    class SequelizeRules {
        @Test
        @DisplayName("an include with a where is required unless it says otherwise")
        void includeWithWhereIsRequired() {
            Include plain = Include.of(USER_POSTS);
            Include filtered = plain.where(POST.title.like("B%"));
            assertThat(plain.joinKind()).isEqualTo(JoinKind.LEFT);
            assertThat(filtered.joinKind()).isEqualTo(JoinKind.INNER);
            assertThat(filtered.required(false).joinKind()).isEqualTo(JoinKind.LEFT);
            assertThat(plain.right().joinKind()).isEqualTo(JoinKind.RIGHT);
        }

        @Test
        @DisplayName("eq(null) means IS NULL and ne(null) IS NOT NULL")
        void nullComparisons() {
            assertThat(USER.email.eq(null)).isEqualTo(new Condition.IsNull(USER.email.ref(), false));
            assertThat(USER.email.ne(null)).isEqualTo(new Condition.IsNull(USER.email.ref(), true));
        }

        @Test
        @DisplayName("an empty isIn is false and an empty notIn true, rendered without a syntax error")
        void emptyInLists() {
            String sql = Canopy.toSql(Query.from(USER).where(USER.id.isIn(List.of())), dev.canopy.Blog.SCHEMA, Dialect.named("h2")).sql();
            assertThat(sql).endsWith("where false");
            String sql2 = Canopy.toSql(Query.from(USER).where(USER.id.notIn(List.of())), dev.canopy.Blog.SCHEMA, Dialect.named("h2")).sql();
            assertThat(sql2).endsWith("where true");
        }

        @Test
        @DisplayName("and/or flatten and drop neutral literals")
        void junctionsFlatten() {
            Condition a = USER.id.eq(1);
            Condition b = USER.id.eq(2);
            Condition c = USER.id.eq(3);
            assertThat(a.and(b).and(c)).isEqualTo(new Condition.Junction(true, java.util.List.of(a, b, c)));
            assertThat(Condition.and(a, Condition.TRUE)).isEqualTo(a);
            assertThat(Condition.or(a, Condition.TRUE)).isEqualTo(Condition.TRUE);
            assertThat(a.not().not()).isEqualTo(a);
        }
    }

    @Nested
    @DisplayName("fail early with messages that say what exists")
    class Errors {
        @Test
        @DisplayName("an unknown alias lists the aliases the model has, when the query is bound to its schema")
        void unknownAliasListsAliases() {
            assertThatThrownBy(() -> Query.from(USER).include("references").bind(dev.canopy.Blog.SCHEMA))
                    .isInstanceOf(AssociationNotFoundException.class)
                    .hasMessage("'references' is not an association of User; User has: posts, profile, organization, mentor");
        }

        @Test
        @DisplayName("an order term on a path that is not included fails before any SQL, as a where term does")
        void orderOnAPathNotIncluded() {
            Query q = Query.from(POST).order(USER.name.at("author").asc()).limit(2);
            assertThatThrownBy(() -> Canopy.toSql(q, dev.canopy.Blog.SCHEMA, Dialect.named("h2")))
                    .isInstanceOf(QueryException.class)
                    .hasMessageContaining("names the path 'author', which is not included");
            Query nested = Query.from(USER).include("posts").order(COMMENT.body.at("posts", "comments").desc());
            assertThatThrownBy(() -> Canopy.toSql(nested, dev.canopy.Blog.SCHEMA, Dialect.named("h2")))
                    .isInstanceOf(QueryException.class)
                    .hasMessageContaining("'posts.comments'").hasMessageContaining("included paths: posts");
        }

        @Test
        @DisplayName("a value of the wrong type is refused when the condition is built")
        void wrongValueType() {
            @SuppressWarnings({"unchecked", "rawtypes"})
            dev.canopy.model.Column<Object> raw = (dev.canopy.model.Column) POST.score;
            assertThatThrownBy(() -> raw.eq("high"))
                    .isInstanceOf(QueryException.class)
                    .hasMessageContaining("Post.score is DECIMAL(6,2); the value high (String) cannot be compared with it");
        }

        @Test
        @DisplayName("an include's where on another model's column names both models: at once by value, on binding by alias")
        void includeWhereOnAnotherModel() {
            assertThatThrownBy(() -> Query.from(USER).include(dev.canopy.Blog.USER_POSTS, p -> p.where(COMMENT.body.eq("x"))))
                    .isInstanceOf(QueryException.class)
                    .hasMessageStartingWith("The where of include 'posts' (Post) names body of Comment");
            Query byAlias = Query.from(USER).include("posts", p -> p.where(COMMENT.body.eq("x")));
            assertThatThrownBy(() -> byAlias.bind(dev.canopy.Blog.SCHEMA))
                    .isInstanceOf(QueryException.class)
                    .hasMessageStartingWith("The where of include 'posts' (Post) names body of Comment");
        }

        @Test
        @DisplayName("a path that is not included is refused before any SQL runs, listing the included paths")
        void pathNotIncluded() {
            Query q = Query.from(POST).include("author").where(TAG.label.at("tags").eq("java"));
            assertThatThrownBy(() -> Canopy.toSql(q, dev.canopy.Blog.SCHEMA, Dialect.named("h2")))
                    .isInstanceOf(QueryException.class)
                    .hasMessageContaining("'tags', which is not included in Post's query; included paths: author");
        }

        @Test
        @DisplayName("a root where on an included model's column without a path says how to reach it")
        void columnOfAnotherModelWithoutPath() {
            Query q = Query.from(POST).include("author").where(USER.name.eq("Ada"));
            assertThatThrownBy(() -> Canopy.toSql(q, dev.canopy.Blog.SCHEMA, Dialect.named("h2")))
                    .isInstanceOf(QueryException.class)
                    .hasMessageContaining("User.name is not an attribute of the root Post");
        }

        @Test
        @DisplayName("including one alias twice at one level is refused")
        void sameAliasTwice() {
            assertThatThrownBy(() -> Query.from(USER).include("posts").include("posts"))
                    .isInstanceOf(QueryException.class)
                    .hasMessageContaining("'posts' is included twice under User");
        }

        @Test
        @DisplayName("a negative limit is refused")
        void negativeLimit() {
            assertThatThrownBy(() -> Query.from(USER).limit(-1)).isInstanceOf(QueryException.class).hasMessage("limit must be 0 or more, was -1");
        }

        @Test
        @DisplayName("a decimal compared with a BigDecimal is accepted")
        void decimalAccepted() {
            assertThat(POST.score.gt(new BigDecimal("1.5"))).isInstanceOf(Condition.Compare.class);
        }
    }
}
