package dev.canopy.bench.contestants;

import static dev.canopy.bench.data.BlogModels.COMMENT;
import static dev.canopy.bench.data.BlogModels.POST;
import static dev.canopy.bench.data.BlogModels.USER;

import dev.canopy.Canopy;
import dev.canopy.bench.data.BlogModels;
import dev.canopy.bench.views.CommentView;
import dev.canopy.bench.views.PostView;
import dev.canopy.bench.views.UserRef;
import dev.canopy.bench.views.UserView;
import dev.canopy.result.Entity;
import dev.canopy.hydrate.Hydrator;
import dev.canopy.model.Column;
import dev.canopy.plan.Plan;
import dev.canopy.plan.PlanNode;
import dev.canopy.query.Query;
import dev.canopy.typed.TypedReader;
import dev.canopy.typed.TypedResults;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Canopy, as its README shows it: {@code db.findAll(query)} returns {@link Entity} graphs; for hydration alone, the
 * plan's {@link Hydrator} reads a result set. Two contestants: the Entity graph itself, and the Entity graph mapped
 * to the view records by the small hand-written {@link #toViews} ("Canopy Entity + manual mapping").
 *
 * <p>A third, "Canopy typed records", fills the view records with Canopy's own typed results
 * ({@code db.findAll(query, UserView.class)}; {@link #hydrateTyped} for hydration alone).
 */
public final class CanopyContestant {
    private final Query query = BlogModels.usersWithPostsCommentsAuthors();
    private final Plan plan = new dev.canopy.plan.Planner().plan(query.bind(BlogModels.SCHEMA));
    private final TypedResults typed = new TypedResults(BlogModels.SCHEMA);
    private final Hydrator hydrator = new Hydrator(plan, typed);
    private final TypedReader reader = java.util.Objects.requireNonNull(typed.reader(plan, UserView.class, null));

    /** The query every Canopy contestant runs. */
    public Query query() {
        return query;
    }

    /** Hydration alone: the rows of the plan's statement into entity graphs. */
    public List<Entity> hydrate(ResultSet rs) throws SQLException {
        return java.util.Collections.unmodifiableList(hydrator.read(rs).value().roots());
    }

    /** Hydration alone into the view records, by Canopy's typed results (the reader compiled once for the plan and type). */
    public List<UserView> hydrateTyped(ResultSet rs) throws SQLException {
        return reader.read(rs).value().build();
    }

    /** End to end: plan (cached), render (cached), execute, hydrate. */
    public static List<Entity> findAll(Canopy db, Query query) {
        return db.findAll(query);
    }

    /**
     * The hand-written mapping from Entity graphs to the view records: what a user of Canopy writes today to get
     * records out, and what the typed-record contestant will do inside Canopy.
     */
    public static List<UserView> toViews(List<Entity> users) {
        List<UserView> out = new ArrayList<>(users.size());
        for (Entity u : users) {
            List<Entity> posts = u.many("posts");
            List<PostView> postViews = new ArrayList<>(posts.size());
            for (Entity p : posts) {
                List<Entity> comments = p.many("comments");
                List<CommentView> commentViews = new ArrayList<>(comments.size());
                for (Entity c : comments) {
                    Entity a = c.one("author");
                    commentViews.add(new CommentView(c.get(COMMENT.id), c.get(COMMENT.body), new UserRef(a.get(USER.id), a.get(USER.name))));
                }
                postViews.add(new PostView(p.get(POST.id), p.get(POST.title), commentViews));
            }
            out.add(new UserView(u.get(USER.id), u.get(USER.name), postViews));
        }
        return out;
    }

    /**
     * Checks that the plan selects exactly the columns of {@link HandWrittenJdbc#SQL}, in its order, so that the
     * hydration benchmarks can feed the same rows to both.
     */
    public void checkSameColumnsAs(String[] labels) {
        List<String> planned = new ArrayList<>();
        String[] prefixes = {"u", "p", "c", "a"};
        for (PlanNode n : plan.nodes()) {
            List<Column<?>> columns = n.columns();
            for (int i = 0; i < columns.size(); i++) {
                if (n.firstSlot() + i != planned.size() + 1) {
                    throw new IllegalStateException("Canopy's plan has a gap in its slots at node " + n.alias());
                }
                planned.add(prefixes[n.index()] + "_" + columns.get(i).field());
            }
        }
        if (!planned.equals(List.of(labels))) {
            throw new IllegalStateException("Canopy's plan selects " + planned + ", the hand-written join " + List.of(labels)
                    + "; the hydration benchmarks need the same columns in the same order");
        }
    }
}
