package dev.canopy.plan;

import java.util.List;
import org.jooq.Select;

/**
 * What the planner made of a query: a statement tree and its slot map. Rendering it for a dialect is the
 * {@code render} stage's job; reading its rows is the {@code hydrate} stage's.
 *
 * @param statement the SELECT, as a jOOQ query-part tree built without a dialect
 * @param nodes     the root and every include, in pre-order, with their aliases and slots
 */
public record Plan(Select<?> statement, List<PlanNode> nodes) {

    public PlanNode root() {
        return nodes.get(0);
    }

    /** Whether a root may come back on several rows (a to-many include is joined). */
    public boolean joinsToMany() {
        return nodes.stream().anyMatch(PlanNode::isToMany);
    }

    /** A readable account of the plan: each node's path, alias, join and model. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (PlanNode n : nodes) {
            sb.append(n.alias()).append(" = ").append(n.index() == 0 ? "(root)" : n.pathText())
                    .append(" : ").append(n.model().name());
            if (n.index() > 0) {
                sb.append(' ').append(n.join()).append(n.isToMany() ? " to-many" : " to-one");
            }
            sb.append(", slots ").append(n.firstSlot()).append("..").append(n.firstSlot() + n.columns().size() - 1).append('\n');
        }
        return sb.toString();
    }
}
