package dev.canopy.typed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.BlogRows;
import dev.canopy.Plans;
import dev.canopy.hydrate.Hydrator;
import dev.canopy.plan.Plan;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The typed reader's written row loop ({@link TypedLoopWriter}) against its generic loop and against the Entity path:
 * the same records, in the same order, on rows in random order with repeats and outer-join misses.
 */
class TypedRowLoopTest {
    record Author(int id, String name) {}

    record Comment(int id, @Nullable String body, @Nullable Author user) {}

    record Post(int id, @Nullable String title, List<Comment> comments) {}

    record User(int id, String name, List<Post> posts) {}

    private static final Plan PLAN = Plans.plan(BlogRows.TREE);

    private static TypedReader reader(long compileAfter) {
        return Objects.requireNonNull(TypedReader.compile(PLAN, Plans.TYPED.mapper(PLAN, User.class), null, compileAfter));
    }

    private static List<User> read(TypedReader reader, Object[][] rows) throws SQLException {
        return reader.read(BlogRows.resultSet(PLAN, rows)).value().build();
    }

    @Test
    @DisplayName("a plan whose visited nodes all key by one number gets its own loop, once enough rows were read")
    void writtenAfterEnoughRows() throws SQLException {
        TypedReader reader = reader(3);
        read(reader, new Object[][] {BlogRows.row(1, 10, 100, 1), BlogRows.row(1, 10, 101, 2)});
        assertThat(reader.written()).isFalse();
        read(reader, new Object[][] {BlogRows.row(1, 10, 100, 1)});
        assertThat(reader.written()).isTrue();
        assertThat(read(reader, new Object[][] {BlogRows.row(1, 10, 100, 1), BlogRows.row(1, 10, 101, 2), BlogRows.row(2, null, null, null)}))
                .containsExactly(new User(1, "u1", List.of(new Post(10, "p10", List.of(
                                new Comment(100, "c100", new Author(1, "u1")), new Comment(101, "c101", new Author(2, "u2")))))),
                        new User(2, "u2", List.of()));
    }

    @Test
    @DisplayName("on random rows in any order the written loop reads exactly the generic loop's records, which are the Entity path's")
    void sameRecordsOnRandomRows() throws SQLException {
        TypedReader written = reader(0);
        TypedReader generic = reader(Long.MAX_VALUE);
        Hydrator entities = new Hydrator(PLAN, Plans.TYPED);
        assertThat(written.written()).isTrue();
        SplittableRandom random = new SplittableRandom(20261202L);
        for (int round = 0; round < 400; round++) {
            Object[][] rows = BlogRows.random(random);
            List<User> expected = read(generic, rows);
            assertThat(read(written, rows)).as("round %d", round).isEqualTo(expected);
            List<dev.canopy.hydrate.HydratedEntity> graph = entities.read(BlogRows.resultSet(PLAN, rows)).value().roots();
            assertThat(graph.stream().map(e -> e.into(User.class)).toList()).as("round %d", round).isEqualTo(expected);
        }
    }
}
