package dev.canopy.hydrate;

import static dev.canopy.Blog.POST_TAG;
import static dev.canopy.Blog.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.BlogRows;
import dev.canopy.plan.Plan;
import dev.canopy.query.Query;
import dev.canopy.result.Entity;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A plan's written row loop ({@link EntityLoopWriter}) against the generic loop of {@link Hydrator.Pass}: the same
 * graph, to the order of roots and children, on rows in random order with repeats, outer-join misses and keys that
 * are the same under other parents.
 */
class RowLoopTest {
    private static final Query TREE = BlogRows.TREE;

    @Test
    @DisplayName("a plan whose keys are all single numeric columns gets its own row loop, once enough rows were read")
    void compiledAfterEnoughRows() throws SQLException {
        Plan plan = dev.canopy.Plans.plan(TREE);
        Hydrator hydrator = new Hydrator(plan, EntityMapping.NONE, null, 3L);
        HydratorTest.hydrate(hydrator, plan, row(1, 10, 100, 1), row(1, 10, 101, 2));
        assertThat(hydrator.written()).isFalse();
        HydratorTest.hydrate(hydrator, plan, row(1, 10, 100, 1));
        assertThat(hydrator.written()).isTrue();
        List<Entity> users = HydratorTest.hydrate(hydrator, plan, row(1, 10, 100, 1), row(1, 10, 101, 2), row(2, null, null, null));
        assertThat(users).extracting(u -> u.get(USER.id)).containsExactly(1, 2);
        assertThat(users.get(0).many("posts").get(0).many("comments")).extracting(c -> c.one("user").get(USER.id)).containsExactly(1, 2);
    }

    @Test
    @DisplayName("a plan with a composite key stays on the generic loop")
    void compositeKeysStayGeneric() {
        Hydrator hydrator = new Hydrator(dev.canopy.Plans.plan(Query.from(POST_TAG)), EntityMapping.NONE, null, 0L);
        assertThat(hydrator.written()).isFalse();
    }

    @Test
    @DisplayName("on random rows in any order the written loop makes exactly the generic loop's graph")
    void sameGraphOnRandomRows() throws SQLException {
        Plan plan = dev.canopy.Plans.plan(TREE);
        Hydrator compiled = new Hydrator(plan, EntityMapping.NONE, null, 0L);
        Hydrator generic = new Hydrator(plan, EntityMapping.NONE, null, Long.MAX_VALUE);
        assertThat(compiled.written()).isTrue();
        SplittableRandom random = new SplittableRandom(20261202L);
        for (int round = 0; round < 400; round++) {
            Object[][] rows = BlogRows.random(random);
            List<Map<String, Object>> expected = HydratorTest.hydrate(generic, plan, rows).stream().map(Entity::toMap).toList();
            List<Map<String, Object>> actual = HydratorTest.hydrate(compiled, plan, rows).stream().map(Entity::toMap).toList();
            assertThat(actual).as("round %d", round).isEqualTo(expected);
        }
    }

    private static Object[] row(Integer user, Integer post, Integer comment, Integer commenter) {
        return BlogRows.row(user, post, comment, commenter);
    }
}
