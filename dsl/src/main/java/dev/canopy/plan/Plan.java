package dev.canopy.plan;

import dev.canopy.error.QueryException;
import dev.canopy.model.Column;
import dev.canopy.query.Include;
import java.util.List;
import org.jooq.Select;
import org.jspecify.annotations.Nullable;

/**
 * What the planner made of a query: the recipe of its statement, its nodes and slot map, and the separate queries
 * that load further to-many includes. Rendering it for a dialect is the {@code render} stage's job; reading its rows
 * is the {@code hydrate} stage's.
 *
 * <p>A plan is an immutable value all the way down: its statement is composed afresh from immutable parts for every
 * call, a pure function of the plan and the bind values. A cached plan can therefore be shared by any number of
 * threads, and prints the same SQL for the same bind shape every time.
 *
 * <p>A plan is either a query's plan ({@link #statement()}) or a keyed plan of a separate include
 * ({@link #statement(List)}, given a batch of parent keys), whose result column 1 holds each row's parent key.
 */
public final class Plan {
    /** The statement's recipe; null for the plan of a result the caller's own SQL returns ({@link ResultColumns}). */
    private final @Nullable StatementShape shape;
    private final List<PlanNode> nodes;
    private final List<Fetch> fetches;
    /** Per node, the result column of each of its columns; null when they follow each other from the node's first slot. */
    private final int @Nullable [][] slots;

    Plan(StatementShape shape) {
        this.shape = shape;
        this.nodes = shape.layout().nodes();
        this.fetches = shape.layout().fetches();
        this.slots = null;
    }

    /** The plan of rows a caller's SQL returns: nodes read from the result columns {@code slots} name, no statement. */
    Plan(List<PlanNode> nodes, int[][] slots) {
        this.shape = null;
        this.nodes = List.copyOf(nodes);
        this.fetches = List.of();
        this.slots = slots;
    }

    /** The 1-based result column that holds column {@code i} of {@code node} (see {@link PlanNode#columns()}). */
    public int slot(PlanNode node, int i) {
        return slots == null ? node.firstSlot() + i : slots[node.index()][i];
    }

    /** The statement of a query's plan. */
    public Select<?> statement() {
        if (shape == null) {
            throw new QueryException("this plan reads the rows of the caller's own SQL; it has no statement of its own");
        }
        if (isKeyed()) {
            throw new QueryException("a separate include's plan needs its parents' keys: use statement(keys)");
        }
        return shape.select(null);
    }

    /** The statement of a separate include's plan for one batch of parent keys. */
    public Select<?> statement(List<?> parentKeys) {
        if (!isKeyed()) {
            throw new QueryException("a query's plan takes no parent keys: use statement()");
        }
        return java.util.Objects.requireNonNull(shape).select(parentKeys);
    }

    /** Whether this plan loads a separate include (result column 1 holds the parent key). */
    public boolean isKeyed() {
        return shape != null && shape.layout().partition() != null;
    }

    /** The parent-key column a keyed plan's first result column is read as (the association's source-side key). */
    public @Nullable Column<?> partition() {
        Include via = shape == null ? null : shape.layout().spec().via();
        return via == null ? null : via.association().keys().source();
    }

    public List<PlanNode> nodes() {
        return nodes;
    }

    public PlanNode root() {
        return nodes.get(0);
    }

    /** The to-many includes loaded by separate queries after this plan's statement. */
    public List<Fetch> fetches() {
        return fetches;
    }

    /** Whether a root may come back on several rows (a to-many include is joined). */
    public boolean joinsToMany() {
        return nodes.stream().anyMatch(PlanNode::isToMany);
    }

    /** A readable account of the plan: each node's path, alias, join and model, and each separate query. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        describe(sb, "", "");
        return sb.toString();
    }

    private void describe(StringBuilder sb, String indent, String prefix) {
        for (PlanNode n : nodes) {
            sb.append(indent).append(n.alias()).append(" = ").append(n.index() == 0 ? (prefix.isEmpty() ? "(root)" : prefix) : join(prefix, n.pathText()))
                    .append(" : ").append(n.model().name());
            if (n.index() > 0) {
                sb.append(' ').append(n.join()).append(" JOIN").append(n.isToMany() ? " (to-many)" : " (to-one)");
            } else if (isKeyed()) {
                sb.append(" SEPARATE, by parent key IN (...)");
            }
            sb.append('\n');
        }
        for (Fetch f : fetches) {
            PlanNode parent = nodes.get(f.parentNode());
            String path = join(join(prefix, parent.pathText()), parent.links().get(f.link()).alias());
            f.plan().describe(sb, indent + "  ", path);
        }
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "." + b;
    }
}
