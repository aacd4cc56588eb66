package dev.canopy.samples.writes;

import dev.canopy.Canopy;
import dev.canopy.result.Entity;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import dev.canopy.write.Values;
import dev.canopy.write.Where;
import java.util.List;

/**
 * Three questions Sequelize users ask about writes, answered with Canopy:
 * <ol>
 *   <li>How do I create a parent with its children when the foreign key has its own name ({@code idfoo})?</li>
 *   <li>How do I write and read a model that points at the same model twice, under two aliases?</li>
 *   <li>What do timestamps and paranoid do on create, update, destroy and restore?</li>
 * </ol>
 */
public final class Writes {
    private Writes() {}

    // ---- 1. a parent and its children, foreign key "idfoo" ------------------------------------------------------------

    public static final class Foo extends Model {
        public final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        public final Column<String> name = string("name", 40).notNull();

        Foo() { super("Foo", ModelOptions.defaults().timestamps(false)); }
    }

    public static final class Bar extends Model {
        public final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        public final Column<String> label = string("label", 40).notNull();
        public final Column<Integer> idfoo = integer("idfoo");

        Bar() { super("Bar", ModelOptions.defaults().timestamps(false)); }
    }

    public static final Foo FOO = new Foo();
    public static final Bar BAR = new Bar();
    /** {@code Foo.hasMany(Bar, { foreignKey: 'idfoo', as: 'bars' })}. */
    public static final Association FOO_BARS = Association.hasMany(FOO, BAR).alias("bars").foreignKey("idfoo");

    /**
     * Sequelize: {@code Foo.create({ name, bars: [{ label: 'a' }, { label: 'b' }] }, { include: [{ model: Bar, as: 'bars' }] })}.
     * Canopy fills {@code idfoo} of each bar with the new foo's key, in two INSERTs (one per table), in one transaction.
     */
    public static Entity fooWithBars(Canopy db, String name, List<String> labels) {
        Values foo = Values.of(FOO.name, name)
                .with("bars", labels.stream().map(l -> Values.of(BAR.label, l)).toList());
        return db.create(FOO, foo);
    }

    // ---- 2. two aliased associations to the same model ------------------------------------------------------------

    public static final class Team extends Model {
        public final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        public final Column<String> name = string("name", 40).notNull();

        Team() { super("Team", ModelOptions.defaults().timestamps(false)); }
    }

    public static final class Match extends Model {
        public final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        public final Column<Integer> homeTeamId = integer("homeTeamId");
        public final Column<Integer> awayTeamId = integer("awayTeamId");

        Match() { super("Match", ModelOptions.defaults().timestamps(false).table("matches")); }
    }

    public static final Team TEAM = new Team();
    public static final Match MATCH = new Match();
    public static final Association MATCH_HOME = Association.belongsTo(MATCH, TEAM).alias("homeTeam").foreignKey("homeTeamId");
    public static final Association MATCH_AWAY = Association.belongsTo(MATCH, TEAM).alias("awayTeam").foreignKey("awayTeamId");

    /** A match between a new home team and an existing away team (given by its key alone: linked, not inserted). */
    public static Entity match(Canopy db, String home, int existingAwayTeamId) {
        return db.create(MATCH, Values.empty()
                .with("homeTeam", Values.of(TEAM.name, home))
                .with("awayTeam", Values.of(TEAM.id, existingAwayTeamId)));
    }

    /** The match read back with both teams, each under its own alias. */
    public static Entity readMatch(Canopy db, int id) {
        return db.findByPk(Query.from(MATCH).include("homeTeam").include("awayTeam"), id);
    }

    // ---- 3. timestamps and paranoid ----------------------------------------------------------------------------------

    public static final class Post extends Model {
        public final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        public final Column<String> title = string("title", 80).notNull();

        /** paranoid (and so timestamps): createdAt, updatedAt, deletedAt. */
        Post() { super("Post", ModelOptions.defaults().paranoid()); }
    }

    public static final class Comment extends Model {
        public final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        public final Column<String> body = string("body", 200).notNull();
        public final Column<Integer> postId = integer("postId");

        Comment() { super("Comment", ModelOptions.defaults().paranoid().underscored()); }
    }

    public static final Post POST = new Post();
    public static final Comment COMMENT = new Comment();
    public static final Association POST_COMMENTS = Association.hasMany(POST, COMMENT).alias("comments").foreignKey("postId");

    /** Creates a post with two comments; createdAt and updatedAt are set by Canopy, in UTC. */
    public static Entity post(Canopy db, String title) {
        return db.create(POST, Values.of(POST.title, title)
                .with("comments", List.of(Values.of(COMMENT.body, "first"), Values.of(COMMENT.body, "second"))));
    }

    /** Renames a post: updatedAt moves, createdAt stays. */
    public static int rename(Canopy db, int id, String title) {
        return db.update(POST, Values.of(POST.title, title), POST.id.eq(id));
    }

    /** Soft-deletes a comment: its deletedAt is set, and reads (includes too) leave it out. */
    public static int hideComment(Canopy db, String body) {
        return db.destroy(COMMENT, COMMENT.body.eq(body));
    }

    /** Brings soft-deleted comments of a post back. */
    public static int restoreComments(Canopy db, int postId) {
        return db.restore(COMMENT, Where.of(COMMENT.postId.eq(postId)));
    }

    /** Deletes a post for real, whatever paranoid says. */
    public static int purge(Canopy db, int id) {
        return db.destroy(POST, Where.of(POST.id.eq(id)).force());
    }

    /** Every model of this sample, with its associations. */
    public static final Schema SCHEMA = Schema.builder().models(FOO, BAR, TEAM, MATCH, POST, COMMENT)
            .associations(FOO_BARS, MATCH_HOME, MATCH_AWAY, POST_COMMENTS).build();

    /** Runs the three answers on an in-memory H2 database and prints what they return. */
    public static void main(String[] args) {
        try (Canopy db = Canopy.builder("jdbc:h2:mem:writes-sample;DB_CLOSE_DELAY=-1").schema(SCHEMA).logging(System.out::println).build()) {
            db.sync(SCHEMA);
            System.out.println(fooWithBars(db, "foo", List.of("a", "b")).toJson());
            Entity away = db.create(TEAM, Values.of(TEAM.name, "Away"));
            Entity m = match(db, "Home", away.get(TEAM.id));
            System.out.println(readMatch(db, m.get(MATCH.id)).toJson());
            Entity p = post(db, "Hello");
            rename(db, p.get(POST.id), "Hello, world");
            hideComment(db, "first");
            System.out.println(db.findAll(Query.from(POST).include("comments")));
            System.out.println(db.findAll(Query.from(POST).include("comments").paranoid(false)));
        }
    }
}
