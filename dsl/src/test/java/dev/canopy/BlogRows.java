package dev.canopy;

import static dev.canopy.Blog.COMMENT;
import static dev.canopy.Blog.POST;
import static dev.canopy.Blog.USER;

import dev.canopy.plan.Plan;
import dev.canopy.query.Query;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.h2.tools.SimpleResultSet;

/**
 * Hand-made rows of {@link #TREE}'s statement, for the hydrators' tests without a database: a row is user, post,
 * comment (id, body, userId) and the comment's author.
 */
public final class BlogRows {
    /** users(id, name) → posts(id, title) → comments(id, body, userId) → author(id, name). */
    public static final Query TREE = Query.from(USER).attributes(USER.id, USER.name)
            .include("posts", p -> p.attributes(POST.id, POST.title)
                    .include("comments", c -> c.attributes(COMMENT.id, COMMENT.body)
                            .include("user", u -> u.attributes(USER.id, USER.name))));

    private BlogRows() {}

    /** One row of {@link #TREE}; a null post, comment or commenter is the outer join's miss. */
    public static Object[] row(Integer user, Integer post, Integer comment, Integer commenter) {
        return new Object[] {user, user == null ? null : "u" + user, post, post == null ? null : "p" + post,
                comment, comment == null ? null : "c" + comment, commenter, commenter, commenter == null ? null : "u" + commenter};
    }

    /** The rows as an in-memory result set with as many columns as the plan reads. */
    public static ResultSet resultSet(Plan plan, Object[]... rows) {
        SimpleResultSet rs = new SimpleResultSet();
        int columns = plan.nodes().stream().mapToInt(n -> n.columns().size()).sum();
        for (int i = 0; i < columns; i++) {
            rs.addColumn("c" + i, Types.OTHER, 0, 0);
        }
        for (Object[] row : rows) {
            rs.addRow(row);
        }
        return rs;
    }

    /**
     * Random rows of {@link #TREE} over few keys, so that they repeat and come back: sorted (the planner's order) or
     * shuffled, each half of the time, with posts and comments missing now and then.
     */
    public static Object[][] random(SplittableRandom random) {
        int count = 1 + random.nextInt(40);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int user = 1 + random.nextInt(5);
            Integer post = random.nextInt(8) == 0 ? null : user * 10 + random.nextInt(4);
            Integer comment = post == null || random.nextInt(6) == 0 ? null : post * 10 + random.nextInt(5);
            Integer commenter = comment == null ? null : 1 + comment % 6;                // a comment has one author
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
            Collections.shuffle(rows, new Random(random.nextLong()));
        }
        return rows.toArray(new Object[0][]);
    }
}
