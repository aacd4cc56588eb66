package dev.canopy.plan;

import static dev.canopy.Blog.COMMENT;
import static dev.canopy.Blog.POST;
import static dev.canopy.Blog.TAG;
import static dev.canopy.Blog.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.Blog;
import dev.canopy.Canopy;
import dev.canopy.error.QueryException;
import dev.canopy.sql.StatementEvent;
import dev.canopy.result.Entity;
import dev.canopy.query.Query;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Fetch strategies per to-many edge: join, separate, and the automatic choice that avoids cartesian products. */
class StrategyTest {
    private static final List<StatementEvent> EVENTS = new ArrayList<>();
    private static Canopy db;

    @BeforeAll
    static void load() {
        db = Canopy.builder("jdbc:h2:mem:strategy;DB_CLOSE_DELAY=-1").schema(Blog.SCHEMA).onStatement(EVENTS::add).build();
        db.sync(Blog.SCHEMA);
        for (int u = 1; u <= 4; u++) {
            db.execute("insert into \"Users\" (\"id\", \"name\") values (?, ?)", u, "user" + u);
        }
        for (int t = 1; t <= 5; t++) {
            db.execute("insert into \"Tags\" (\"id\", \"label\") values (?, ?)", t, "tag" + t);
        }
        int comment = 0;
        for (int p = 1; p <= 6; p++) {
            db.execute("insert into \"Posts\" (\"id\", \"title\", \"authorId\", \"publishedOn\", \"score\") values (?, ?, ?, ?, ?)",
                    p, "post" + p, 1 + (p % 3), LocalDate.of(2024, 1, p), BigDecimal.valueOf(p));
            for (int c = 0; c < 5; c++) {
                comment++;
                db.execute("insert into \"Comments\" (\"id\", \"body\", \"postId\", \"userId\") values (?, ?, ?, ?)", comment, "c" + comment, p, 1);
            }
            for (int t = 1; t <= 4; t++) {
                db.execute("insert into \"PostTags\" (\"postId\", \"tagId\") values (?, ?)", p, t);
            }
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void clearEvents() {
        EVENTS.clear();
    }

    private static long rowsRead() {
        return EVENTS.stream().mapToLong(StatementEvent::rows).sum();
    }

    @Test
    @DisplayName("sibling to-many includes are loaded separately by default and read the sum of the children, not their product")
    void autoAvoidsTheCartesianProduct() {
        Query auto = Query.from(POST).include("comments").include("tags").order(POST.id.asc());
        List<Entity> byAuto = db.findAll(auto);
        long autoRows = rowsRead();
        int autoStatements = EVENTS.size();
        EVENTS.clear();
        List<Entity> byJoin = db.findAll(Query.from(POST).include("comments", c -> c.separate(false)).include("tags", t -> t.separate(false))
                .order(POST.id.asc()));
        long joinRows = rowsRead();

        assertThat(byAuto).isEqualTo(byJoin);
        assertThat(byAuto).hasSize(6).allSatisfy(p -> {
            assertThat(p.many("comments")).hasSize(5);
            assertThat(p.many("tags")).hasSize(4);
        });
        assertThat(joinRows).isEqualTo(6 * 5 * 4);
        assertThat(autoStatements).isEqualTo(2);
        assertThat(autoRows).isEqualTo(6 * 5 + 6 * 4);
    }

    @Test
    @DisplayName("the printed plan says which edge is joined and which is loaded separately")
    void planSaysWhichEdgeWentWhere() {
        String plan = dev.canopy.Plans.plan(Query.from(POST).include("comments").include("tags")).describe();
        assertThat(plan).contains("t1 = comments : Comment LEFT JOIN (to-many)")
                .contains("t0 = tags : Tag SEPARATE, by parent key IN (...)");
    }

    @Test
    @DisplayName("a separate include with its own order, nested includes and a per-parent limit returns each parent's first n children")
    void perParentLimit() {
        Query q = Query.from(USER).include("posts", p -> p.order(POST.score.desc()).limit(1).include("comments", c -> c.order(COMMENT.id.desc()).limit(2)))
                .order(USER.id.asc());
        List<Entity> users = db.findAll(q);
        List<Entity> all = db.findAll(Query.from(USER).include("posts", p -> p.include("comments")).order(USER.id.asc()));
        assertThat(users).hasSameSizeAs(all);
        for (int i = 0; i < users.size(); i++) {
            List<Entity> expectedPosts = all.get(i).many("posts").stream()
                    .sorted(Comparator.comparing((Entity e) -> e.get(POST.score)).reversed()).limit(1).collect(Collectors.toList());
            List<Entity> posts = users.get(i).many("posts");
            assertThat(posts).extracting(e -> e.get(POST.id)).isEqualTo(expectedPosts.stream().map(e -> e.get(POST.id)).collect(Collectors.toList()));
            for (int k = 0; k < posts.size(); k++) {
                List<Integer> expectedComments = expectedPosts.get(k).many("comments").stream().map(c -> c.get(COMMENT.id))
                        .sorted(Comparator.reverseOrder()).limit(2).collect(Collectors.toList());
                assertThat(posts.get(k).many("comments")).extracting(c -> c.get(COMMENT.id)).isEqualTo(expectedComments);
            }
        }
        assertThat(users.get(3).many("posts")).isEmpty();
    }

    @Test
    @DisplayName("a required separate include with a where also filters its parents")
    void requiredSeparateFiltersParents() {
        List<Entity> posts = db.findAll(Query.from(POST).include("tags", t -> t.separate().where(TAG.label.eq("tag2"))).order(POST.id.asc()));
        assertThat(posts).hasSize(6).allSatisfy(p -> assertThat(p.many("tags")).extracting(t -> t.get(TAG.label)).containsExactly("tag2"));
        List<Entity> none = db.findAll(Query.from(POST).include("tags", t -> t.separate().where(TAG.label.eq("tag5"))));
        assertThat(none).isEmpty();
    }

    @Test
    @DisplayName("a belongsToMany loaded separately is stitched under every parent that has the child")
    void belongsToManySeparate() {
        List<Entity> posts = db.findAll(Query.from(POST).include("tags", t -> t.separate().order(TAG.label.desc())).order(POST.id.asc()));
        assertThat(posts).allSatisfy(p -> assertThat(p.many("tags")).extracting(t -> t.get(TAG.label))
                .containsExactly("tag4", "tag3", "tag2", "tag1"));
    }

    @Test
    @DisplayName("a query-level where cannot name an include that is loaded separately")
    void pathIntoSeparateIncludeIsRefused() {
        Query q = Query.from(POST).include("comments", c -> c.separate()).where(COMMENT.body.at("comments").eq("c1"));
        assertThatThrownBy(() -> dev.canopy.Plans.plan(q)).isInstanceOf(QueryException.class)
                .hasMessageContaining("'comments' is loaded by a separate query");
    }

    @Test
    @DisplayName("a joined to-many include's own order orders the children within each parent, as a separate one's does")
    void joinedIncludeOrder() {
        Query joined = Query.from(USER).include("posts", p -> p.separate(false).order(POST.title.desc())).order(USER.id.asc());
        Query separate = Query.from(USER).include("posts", p -> p.separate().order(POST.title.desc())).order(USER.id.asc());
        List<Entity> users = db.findAll(joined);
        assertThat(users).isEqualTo(db.findAll(separate));
        assertThat(users.get(1).many("posts")).extracting(p -> p.get(POST.title)).containsExactly("post4", "post1");
    }

    @Test
    @DisplayName("a stream yields the same roots as findAll, separate includes too, and closing it returns the connection")
    void streamYieldsCompleteRoots() {
        Query q = Query.from(USER).include("posts", p -> p.include("comments").include("tags")).order(USER.id.desc());
        List<Entity> all = db.findAll(q);
        try (Canopy one = Canopy.builder("jdbc:h2:mem:strategy;DB_CLOSE_DELAY=-1").schema(Blog.SCHEMA).poolSize(1).build()) {
            for (int round = 0; round < 3; round++) {
                try (java.util.stream.Stream<Entity> s = one.stream(q)) {
                    assertThat(s.collect(Collectors.toList())).isEqualTo(all);
                }
            }
            try (java.util.stream.Stream<Entity> s = one.stream(q)) {
                assertThat(s.findFirst()).contains(all.get(0));
            }
            assertThat(one.findAll(q)).isEqualTo(all);
        }
    }

    @Test
    @DisplayName("findAndCountAll returns the page and the number of all roots")
    void findAndCountAll() {
        dev.canopy.Page page = db.findAndCountAll(Query.from(USER).include("posts", p -> p.required()).order(USER.id.asc()).limit(2));
        assertThat(page.count()).isEqualTo(3);
        assertThat(page.rows()).extracting(u -> u.get(USER.id)).containsExactly(1, 2);
    }

    @Test
    @DisplayName("parent keys are batched so that no statement exceeds the batch size")
    void parentKeysAreBatched() {
        List<Entity> users = db.findAll(Query.from(USER).include("posts", p -> p.separate()));
        assertThat(users).hasSize(4);
        assertThat(EVENTS).hasSize(2);
        assertThat(EVENTS.get(1).binds()).hasSize(4);
    }
}
