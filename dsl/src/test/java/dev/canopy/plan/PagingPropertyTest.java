package dev.canopy.plan;

import static dev.canopy.Blog.COMMENT;
import static dev.canopy.Blog.ORGANIZATION;
import static dev.canopy.Blog.POST;
import static dev.canopy.Blog.PROFILE;
import static dev.canopy.Blog.TAG;
import static dev.canopy.Blog.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Blog;
import dev.canopy.Canopy;
import dev.canopy.result.Entity;
import dev.canopy.query.Condition;
import dev.canopy.query.Include;
import dev.canopy.query.Order;
import dev.canopy.query.Query;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A page is a prefix: for random include trees, wheres and orders, {@code limit n offset k} returns exactly the
 * roots k .. k+n-1 of the same query without a limit, each with the same children.
 */
class PagingPropertyTest {
    private static Canopy db;

    @BeforeAll
    static void load() {
        db = Canopy.connect("jdbc:h2:mem:paging;DB_CLOSE_DELAY=-1", Blog.SCHEMA);
        db.sync(Blog.SCHEMA);
        Random r = new Random(42);
        for (int o = 1; o <= 3; o++) {
            db.execute("insert into \"Organizations\" (\"id\", \"name\") values (?, ?)", o, "org" + o);
        }
        for (int u = 1; u <= 30; u++) {
            db.execute("insert into \"Users\" (\"id\", \"name\", \"email\", \"organizationId\", \"mentorId\") values (?, ?, ?, ?, ?)",
                    u, "user" + (char) ('a' + r.nextInt(6)) + u, r.nextBoolean() ? null : "u" + u + "@x.org",
                    r.nextInt(4) == 0 ? null : 1 + r.nextInt(3), u > 1 && r.nextBoolean() ? 1 + r.nextInt(u - 1) : null);
            if (r.nextBoolean()) {
                db.execute("insert into \"Profiles\" (\"id\", \"bio\", \"userId\") values (?, ?, ?)", u, "bio" + u, u);
            }
        }
        for (int p = 1; p <= 60; p++) {
            db.execute("insert into \"Posts\" (\"id\", \"title\", \"authorId\", \"publishedOn\", \"score\") values (?, ?, ?, ?, ?)",
                    p, (char) ('A' + r.nextInt(4)) + "post" + p, 1 + r.nextInt(25), LocalDate.of(2020, 1, 1).plusDays(r.nextInt(100)),
                    r.nextInt(5) == 0 ? null : BigDecimal.valueOf(r.nextInt(500), 2));
        }
        for (int c = 1; c <= 150; c++) {
            db.execute("insert into \"Comments\" (\"id\", \"body\", \"postId\", \"userId\") values (?, ?, ?, ?)",
                    c, (r.nextBoolean() ? "nice " : "meh ") + c, 1 + r.nextInt(50), 1 + r.nextInt(30));
        }
        for (int t = 1; t <= 8; t++) {
            db.execute("insert into \"Tags\" (\"id\", \"label\") values (?, ?)", t, "tag" + t);
        }
        for (int i = 0; i < 100; i++) {
            db.execute("merge into \"PostTags\" (\"postId\", \"tagId\") key (\"postId\", \"tagId\") values (?, ?)", 1 + r.nextInt(60), 1 + r.nextInt(8));
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    @DisplayName("limit n offset k returns roots k..k+n-1 of the unlimited query, each with the same children")
    void aPageIsAPrefix() {
        Random r = new Random(7);
        for (int i = 0; i < 250; i++) {
            Query q = randomQuery(r, Strategy.AUTO);
            List<Entity> all = db.findAll(q);
            int offset = r.nextInt(6);
            int limit = 1 + r.nextInt(6);
            List<Entity> page = db.findAll(q.limit(limit).offset(offset));
            List<Entity> expected = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
            assertThat(page).as("query %s\n%s", q.limit(limit).offset(offset), db.toSql(q.limit(limit).offset(offset)))
                    .isEqualTo(expected);
            assertThat(db.count(q)).as("count of %s", q).isEqualTo(all.size());
        }
    }

    /** How the generator sets the strategy of the to-many includes the query-level where and order do not name. */
    enum Strategy { AUTO, JOIN, SEPARATE }

    @Test
    @DisplayName("joined, separate and automatic loading return the same graph in the same order")
    void everyStrategyReturnsTheSameGraph() {
        for (int i = 0; i < 150; i++) {
            Query auto = randomQuery(new Random(1000 + i), Strategy.AUTO);
            Query joined = randomQuery(new Random(1000 + i), Strategy.JOIN);
            Query separate = randomQuery(new Random(1000 + i), Strategy.SEPARATE);
            List<Entity> expected = db.findAll(joined);
            assertThat(db.findAll(auto)).as("auto %s\n%s", auto, dev.canopy.Plans.plan(auto).describe()).isEqualTo(expected);
            assertThat(db.findAll(separate)).as("separate %s\n%s", separate, dev.canopy.Plans.plan(separate).describe()).isEqualTo(expected);
            assertThat(db.findAll(separate.limit(3).offset(1))).as("separate page of %s", separate)
                    .isEqualTo(expected.subList(Math.min(1, expected.size()), Math.min(4, expected.size())));
        }
    }

    @Test
    @DisplayName("findOne with a to-many include returns the first root with every child")
    void findOneIsComplete() {
        Query q = Query.from(USER).include("posts", p -> p.include("comments")).order(USER.name.desc());
        Entity first = db.findAll(q).get(0);
        assertThat(db.findOne(q)).isEqualTo(first);
        assertThat(first.many("posts")).isNotEmpty();
    }

    private static Query randomQuery(Random r, Strategy strategy) {
        Query q = Query.from(USER);
        List<Order> orders = new ArrayList<>();
        if (r.nextBoolean()) {
            boolean ordered = r.nextInt(3) == 0;
            boolean filtered = r.nextInt(4) == 0;
            Strategy own = ordered || filtered ? Strategy.JOIN : strategy;
            q = q.include("posts", p -> strategy(own, posts(r, p, strategy)));
            if (ordered) {
                orders.add(r.nextBoolean() ? POST.title.at("posts").desc() : POST.score.at("posts").asc().nullsFirst());
            }
            if (filtered) {
                q = q.where(POST.title.at("posts").like((char) ('A' + r.nextInt(4)) + "%").or(USER.name.like("usera%")));
            }
        }
        if (r.nextBoolean()) {
            q = q.include("organization", o -> r.nextBoolean() ? o.required() : o);
            if (r.nextBoolean()) {
                orders.add(0, ORGANIZATION.name.at("organization").desc());
            }
        }
        if (r.nextInt(3) == 0) {
            q = q.include("profile", p -> r.nextBoolean() ? p.where(PROFILE.bio.like("bio1%")) : p);
        }
        if (r.nextInt(3) == 0) {
            q = q.include("mentor", m -> m.include("posts", p -> strategy(strategy, p)));
        }
        if (r.nextInt(3) == 0) {
            q = q.where(USER.email.isNotNull());
        }
        if (r.nextBoolean()) {
            orders.add(0, r.nextBoolean() ? USER.name.asc() : USER.email.desc().nullsLast());
        }
        return q.order(orders.toArray(new Order[0]));
    }

    private static Include strategy(Strategy s, Include i) {
        switch (s) {
            case JOIN: return i.separate(false);
            case SEPARATE: return i.separate(true);
            default: return i;
        }
    }

    private static Include posts(Random r, Include p, Strategy strategy) {
        switch (r.nextInt(4)) {
            case 0: p = p.required(); break;
            case 1: p = p.where(POST.score.gt(new BigDecimal("1.00"))); break;
            case 2: p = p.where(POST.title.startsWith("B")).required(false); break;
            default: break;
        }
        if (r.nextBoolean()) {
            p = p.include("comments", c -> strategy(strategy, r.nextBoolean() ? c.required().where(COMMENT.body.startsWith("nice")) : c));
        }
        if (r.nextBoolean()) {
            p = p.include("tags", t -> strategy(strategy, r.nextBoolean() ? t.where(TAG.label.isIn("tag1", "tag2", "tag3")) : t));
        }
        if (r.nextInt(3) == 0) {
            p = p.include("author");
        }
        return p;
    }

}
