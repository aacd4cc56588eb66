package dev.canopy.hydrate;

import static dev.canopy.Blog.COMMENT;
import static dev.canopy.Blog.POST;
import static dev.canopy.Blog.POST_TAG;
import static dev.canopy.Blog.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.plan.Plan;
import dev.canopy.query.Query;
import dev.canopy.result.Entity;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A plan's compiled row loop ({@link RowLoopCompiler}) against the generic loop of {@link Hydrator.Pass}: the same
 * graph, to the order of roots and children, on rows in random order with repeats, outer-join misses and keys that
 * are the same under other parents.
 */
class RowLoopTest {
    /** users → posts → comments (to-many), each comment → its user (to-one); the rows' layout of HydratorTest. */
    private static final Query TREE = Query.from(USER).attributes(USER.id, USER.name)
            .include("posts", p -> p.attributes(POST.id, POST.title)
                    .include("comments", c -> c.attributes(COMMENT.id, COMMENT.body)
                            .include("user", u -> u.attributes(USER.id, USER.name))));

    @Test
    @DisplayName("a plan whose keys are all single numeric columns gets its own row loop, once enough rows were read")
    void compiledAfterEnoughRows() throws SQLException {
        Plan plan = dev.canopy.Plans.plan(TREE);
        Hydrator hydrator = new Hydrator(plan, EntityMapping.NONE, null, 3);
        HydratorTest.hydrate(hydrator, plan, row(1, 10, 100, 1), row(1, 10, 101, 2));
        assertThat(hydrator.compiled()).isFalse();
        HydratorTest.hydrate(hydrator, plan, row(1, 10, 100, 1));
        assertThat(hydrator.compiled()).isTrue();
        List<Entity> users = HydratorTest.hydrate(hydrator, plan, row(1, 10, 100, 1), row(1, 10, 101, 2), row(2, null, null, null));
        assertThat(users).extracting(u -> u.get(USER.id)).containsExactly(1, 2);
        assertThat(users.get(0).many("posts").get(0).many("comments")).extracting(c -> c.one("user").get(USER.id)).containsExactly(1, 2);
    }

    @Test
    @DisplayName("a plan with a composite key stays on the generic loop")
    void compositeKeysStayGeneric() {
        Hydrator hydrator = new Hydrator(dev.canopy.Plans.plan(Query.from(POST_TAG)), EntityMapping.NONE, null, 0);
        assertThat(hydrator.compiled()).isFalse();
    }

    @Test
    @DisplayName("on random rows in any order the compiled loop makes exactly the generic loop's graph")
    void sameGraphOnRandomRows() throws SQLException {
        Plan plan = dev.canopy.Plans.plan(TREE);
        Hydrator compiled = new Hydrator(plan, EntityMapping.NONE, null, 0);
        Hydrator generic = new Hydrator(plan, EntityMapping.NONE, null, Long.MAX_VALUE);
        assertThat(compiled.compiled()).isTrue();
        SplittableRandom random = new SplittableRandom(20261202L);
        for (int round = 0; round < 400; round++) {
            Object[][] rows = randomRows(random);
            List<Map<String, Object>> expected = HydratorTest.hydrate(generic, plan, rows).stream().map(Entity::toMap).toList();
            List<Map<String, Object>> actual = HydratorTest.hydrate(compiled, plan, rows).stream().map(Entity::toMap).toList();
            assertThat(actual).as("round %d", round).isEqualTo(expected);
        }
    }

    /**
     * Rows over few keys, so that they repeat and come back: sorted (the planner's order) in half of the rounds and
     * shuffled in the other half, with posts and comments missing now and then.
     */
    private static Object[][] randomRows(SplittableRandom random) {
        int count = 1 + random.nextInt(40);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int user = 1 + random.nextInt(5);
            Integer post = random.nextInt(8) == 0 ? null : user * 10 + random.nextInt(4);
            Integer comment = post == null || random.nextInt(6) == 0 ? null : post * 10 + random.nextInt(5);
            Integer commenter = comment == null ? null : 1 + random.nextInt(6);
            rows.add(row(user, post, comment, commenter));
        }
        if (random.nextBoolean()) {
            rows.sort((a, b) -> {
                for (int c : new int[] {0, 2, 4}) {
                    int x = a[c] == null ? -1 : (Integer) a[c];
                    int y = b[c] == null ? -1 : (Integer) b[c];
                    if (x != y) {
                        return Integer.compare(x, y);
                    }
                }
                return 0;
            });
        } else {
            Collections.shuffle(rows, new java.util.Random(random.nextLong()));
        }
        return rows.toArray(new Object[0][]);
    }

    private static Object[] row(Integer user, Integer post, Integer comment, Integer commenter) {
        return new Object[] {user, "u" + user, post, post == null ? null : "p" + post,
                comment, comment == null ? null : "c" + comment, commenter, commenter, commenter == null ? null : "u" + commenter};
    }
}
