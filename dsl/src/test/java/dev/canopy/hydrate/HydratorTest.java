package dev.canopy.hydrate;

import dev.canopy.result.Entity;

import static dev.canopy.Blog.COMMENT;
import static dev.canopy.Blog.POST;
import static dev.canopy.Blog.POST_TAG;
import static dev.canopy.Blog.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.BlogRows;
import dev.canopy.plan.Plan;
import dev.canopy.query.Query;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The hydrator on hand-made rows, without a database: rows in key order take the primitive fast path, rows in any
 * other order must give the same graph through the identity maps.
 */
class HydratorTest {
    private static final Query USERS_POSTS_COMMENTS = BlogRows.TREE;

    /**
     * The rows hydrated by the plan's written row loop, where the plan has one, after checking that the generic loop
     * gives the same graph.
     */
    private static List<Entity> hydrate(Query q, Object[]... rows) throws SQLException {
        Plan plan = dev.canopy.Plans.plan(q);
        Hydrator compiled = new Hydrator(plan, EntityMapping.NONE, null, 0L);
        List<Entity> generic = hydrate(new Hydrator(plan, EntityMapping.NONE, null, Long.MAX_VALUE), plan, rows);
        List<Entity> result = hydrate(compiled, plan, rows);
        assertThat(result).extracting(Entity::toMap).isEqualTo(generic.stream().map(Entity::toMap).toList());
        return result;
    }

    static List<Entity> hydrate(Hydrator hydrator, Plan plan, Object[]... rows) throws SQLException {
        return java.util.Collections.unmodifiableList(hydrator.read(BlogRows.resultSet(plan, rows)).value().roots());
    }

    private static Object[] row(Integer user, Integer post, Integer comment, Integer commenter) {
        return BlogRows.row(user, post, comment, commenter);
    }

    /** The graph as {@code user:[post:[comment/author, ...], ...]} strings, one per root. */
    private static List<String> shape(List<Entity> users) {
        return users.stream().map(u -> u.get(USER.id) + ":" + u.many("posts").stream()
                        .map(p -> p.get(POST.id) + p.many("comments").stream()
                                .map(c -> c.get(COMMENT.id) + "/" + (c.one("user") == null ? "-" : c.one("user").get(USER.id)))
                                .collect(Collectors.joining(",", "[", "]")))
                        .collect(Collectors.joining(",", "[", "]")))
                .collect(Collectors.toList());
    }

    @Test
    @DisplayName("the plan selects user, post, comment and author columns in that order (the rows below rely on it)")
    void slotLayout() {
        Plan plan = dev.canopy.Plans.plan(USERS_POSTS_COMMENTS);
        assertThat(plan.nodes()).extracting(n -> n.columns().size()).containsExactly(2, 2, 3, 2);
    }

    @Nested
    @DisplayName("rows in key order")
    class Ordered {
        @Test
        @DisplayName("make each entity once and keep the order of the rows")
        void graph() throws SQLException {
            List<Entity> users = hydrate(USERS_POSTS_COMMENTS,
                    row(1, 10, 100, 2), row(1, 10, 101, 1), row(1, 11, 102, 2),
                    row(2, 12, 103, 1), row(3, null, null, null));
            assertThat(shape(users)).containsExactly("1:[10[100/2,101/1],11[102/2]]", "2:[12[103/1]]", "3:[]");
            assertThat(users.get(2).many("posts")).isEmpty();
        }

        @Test
        @DisplayName("a post without comments has an empty list, not a comment of nulls")
        void outerJoinMisses() throws SQLException {
            List<Entity> users = hydrate(USERS_POSTS_COMMENTS, row(1, 10, null, null), row(1, 11, 110, 1));
            assertThat(shape(users)).containsExactly("1:[10[],11[110/1]]");
        }
    }

    @Nested
    @DisplayName("rows out of key order")
    class Unordered {
        @Test
        @DisplayName("a root seen again later gets the later rows' children, and keeps its first position")
        void rootsComeBack() throws SQLException {
            List<Entity> users = hydrate(USERS_POSTS_COMMENTS,
                    row(2, 20, 200, 1), row(1, 10, 100, 2), row(2, 21, 210, 2), row(1, 10, 101, 1), row(3, 30, 300, 3));
            assertThat(shape(users)).containsExactly("2:[20[200/1],21[210/2]]", "1:[10[100/2,101/1]]", "3:[30[300/3]]");
        }

        @Test
        @DisplayName("descending keys make one entity per key")
        void descendingKeys() throws SQLException {
            List<Entity> users = hydrate(USERS_POSTS_COMMENTS,
                    row(3, 31, 311, 1), row(3, 30, 301, 1), row(3, 31, 312, 2), row(2, 20, 201, 1), row(3, 30, 302, 2));
            assertThat(shape(users)).containsExactly("3:[31[311/1,312/2],30[301/1,302/2]]", "2:[20[201/1]]");
        }

        @Test
        @DisplayName("children that come round again (a cartesian product of siblings) are not duplicated")
        void cyclingChildren() throws SQLException {
            List<Entity> users = hydrate(USERS_POSTS_COMMENTS,
                    row(1, 10, 100, 1), row(1, 11, 110, 1), row(1, 10, 100, 1), row(1, 11, 111, 2), row(1, 10, 101, 2));
            assertThat(shape(users)).containsExactly("1:[10[100/1,101/2],11[110/1,111/2]]");
        }

        @Test
        @DisplayName("keys that rise again after falling still find the children made before the fall")
        void riseAfterFall() throws SQLException {
            List<Entity> users = hydrate(USERS_POSTS_COMMENTS,
                    row(1, 10, 100, 1), row(1, 10, 103, 1), row(1, 10, 101, 1), row(1, 10, 104, 1), row(1, 10, 103, 1),
                    row(1, 10, 105, 1), row(1, 10, 104, 1), row(5, 50, 500, 1), row(4, 40, 400, 1), row(6, 60, 600, 1),
                    row(5, 51, 510, 1), row(7, 70, 700, 1), row(6, 60, 601, 1));
            assertThat(shape(users)).containsExactly("1:[10[100/1,103/1,101/1,104/1,105/1]]", "5:[50[500/1],51[510/1]]",
                    "4:[40[400/1]]", "6:[60[600/1,601/1]]", "7:[70[700/1]]");
        }

        @Test
        @DisplayName("the same child key under two parents makes one entity under each")
        void perParentIdentity() throws SQLException {
            List<Entity> users = hydrate(USERS_POSTS_COMMENTS, row(1, 10, 100, 5), row(2, 20, 200, 5), row(1, 10, 101, 5));
            Entity a = users.get(0).many("posts").get(0).many("comments").get(0).one("user");
            Entity b = users.get(1).many("posts").get(0).many("comments").get(0).one("user");
            assertThat(a).isNotSameAs(b).isEqualTo(b);
            assertThat(shape(users)).containsExactly("1:[10[100/5,101/5]]", "2:[20[200/5]]");
        }
    }

    @Test
    @DisplayName("composite keys are compared value by value: (1, 23) and (12, 3) are two rows, a repeat is one")
    void compositeKeys() throws SQLException {
        List<Entity> tags = hydrate(Query.from(POST_TAG), new Object[] {1, 23}, new Object[] {12, 3}, new Object[] {1, 23});
        assertThat(tags).extracting(t -> List.of(t.get(POST_TAG.postId), t.get(POST_TAG.tagId)))
                .containsExactly(List.of(1, 23), List.of(12, 3));
    }

    @Test
    @DisplayName("hydration leaves no identity maps behind")
    void indexesDropped() throws SQLException {
        List<Entity> users = hydrate(USERS_POSTS_COMMENTS, row(1, 11, 110, 1), row(1, 10, 100, 1), row(1, 11, 111, 1));
        assertThat(((HydratedEntity) users.get(0)).hasIndexes()).isFalse();
        assertThat(users.get(0).many("posts")).allSatisfy(p -> assertThat(((HydratedEntity) p).hasIndexes()).isFalse());
        Map<String, Object> json = users.get(0).toMap();
        assertThat(json).containsKeys("id", "name", "posts");
    }
}
