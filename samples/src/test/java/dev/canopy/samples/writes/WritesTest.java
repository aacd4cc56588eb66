package dev.canopy.samples.writes;

import static dev.canopy.samples.writes.Writes.BAR;
import static dev.canopy.samples.writes.Writes.COMMENT;
import static dev.canopy.samples.writes.Writes.FOO;
import static dev.canopy.samples.writes.Writes.MATCH;
import static dev.canopy.samples.writes.Writes.POST;
import static dev.canopy.samples.writes.Writes.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.result.Entity;
import dev.canopy.query.Query;
import dev.canopy.write.Values;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WritesTest {
    private Canopy db;
    private final List<String> statements = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        db = Canopy.builder("jdbc:h2:mem:writes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1").schema(Writes.SCHEMA).onStatement(e -> statements.add(e.sql())).build();
        db.sync(Writes.SCHEMA);
        statements.clear();
    }

    @AfterEach
    void close() {
        db.execute("SHUTDOWN");
        db.close();
    }

    @Test
    @DisplayName("a foo created with its bars fills each bar's idfoo, in one INSERT per table")
    void parentWithChildrenCustomForeignKey() {
        Entity foo = Writes.fooWithBars(db, "foo", List.of("a", "b", "c"));
        assertThat(foo.many("bars")).extracting(b -> b.get(BAR.label)).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(foo.many("bars")).extracting(b -> b.get(BAR.idfoo)).containsOnly(foo.get(FOO.id));
        assertThat(statements).filteredOn(s -> s.startsWith("insert")).hasSize(2);
    }

    @Test
    @DisplayName("a match written with a new home team and an existing away team reads back with both aliases")
    void twoAliasesToOneModel() {
        Entity away = db.create(TEAM, Values.of(TEAM.name, "Away"));
        Entity created = Writes.match(db, "Home", away.get(TEAM.id));
        assertThat(created.one("homeTeam").get(TEAM.name)).isEqualTo("Home");
        assertThat(created.one("awayTeam").get(TEAM.name)).isEqualTo("Away");
        Entity read = Writes.readMatch(db, created.get(MATCH.id));
        assertThat(read).isEqualTo(created);
        assertThat(read.get(MATCH.awayTeamId)).isEqualTo(away.get(TEAM.id));
        assertThat(db.count(TEAM)).isEqualTo(2);
    }

    @Test
    @DisplayName("timestamps are set on create and update; paranoid destroy hides, restore shows, force deletes")
    void timestampsAndParanoid() throws InterruptedException {
        Entity post = Writes.post(db, "Hello");
        LocalDateTime created = (LocalDateTime) post.get("createdAt");
        assertThat(post.get("updatedAt")).isEqualTo(created);
        assertThat(post.get("deletedAt")).isNull();
        int id = post.get(POST.id);

        Thread.sleep(5);
        assertThat(Writes.rename(db, id, "Hello, world")).isEqualTo(1);
        Entity renamed = db.findByPk(POST, id);
        assertThat(renamed.get("createdAt")).isEqualTo(created);
        assertThat((LocalDateTime) renamed.get("updatedAt")).isAfter(created);

        assertThat(Writes.hideComment(db, "first")).isEqualTo(1);
        Query withComments = Query.from(POST).include("comments");
        assertThat(db.findAll(withComments).get(0).many("comments")).extracting(c -> c.get(COMMENT.body)).containsExactly("second");
        assertThat(db.findAll(withComments.paranoid(false)).get(0).many("comments")).hasSize(2);

        assertThat(Writes.restoreComments(db, id)).isEqualTo(1);
        assertThat(db.findAll(withComments).get(0).many("comments")).hasSize(2);

        assertThat(db.destroy(POST, POST.id.eq(id))).isEqualTo(1);
        assertThat(db.findAll(POST)).isEmpty();
        assertThat(db.count(Query.from(POST).paranoid(false))).isEqualTo(1);
        assertThat(Writes.purge(db, id)).isEqualTo(1);
        assertThat(db.count(Query.from(POST).paranoid(false))).isZero();
    }
}
