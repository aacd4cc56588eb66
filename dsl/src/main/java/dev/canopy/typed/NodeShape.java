package dev.canopy.typed;

import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.plan.Fetch;
import dev.canopy.plan.Plan;
import dev.canopy.plan.PlanNode;
import dev.canopy.query.JoinKind;
import java.util.List;

/**
 * What the entities of one plan node will look like, known before any row is read: the attributes read, and each
 * link (joined, or loaded by a separate query) with the shape of its own entities. Link {@code i} here is link
 * {@code i} of every entity of the node ({@link dev.canopy.hydrate.HydratedEntity#oneAt}, {@code manyAt}).
 */
final class NodeShape {
    private final Plan plan;
    private final PlanNode node;

    NodeShape(Plan plan, int node) {
        this.plan = plan;
        this.node = plan.nodes().get(node);
    }

    Plan plan() {
        return plan;
    }

    PlanNode node() {
        return node;
    }

    Model model() {
        return node.model();
    }

    /** The attributes the node reads (its key and the foreign keys its includes need among them). */
    List<Column<?>> columns() {
        return node.columns();
    }

    /** The computed attributes the node reads. */
    List<PlanNode.ComputedSlot> computed() {
        return node.computed();
    }

    /** The index of computed attribute {@code i} among an entity's values (after the columns and the links). */
    int computedIndex(int i) {
        return node.model().columns().size() + node.links().size() + i;
    }

    List<PlanNode.Link> links() {
        return node.links();
    }

    /** The shape of a link's entities: a joined node of this plan, or the root of a separate include's plan. */
    NodeShape child(int link) {
        PlanNode.Link l = node.links().get(link);
        if (l.node() >= 0) {
            return new NodeShape(plan, l.node());
        }
        Fetch f = plan.fetches().get(l.fetch());
        return new NodeShape(f.plan(), 0);
    }

    /**
     * Whether a to-one link is there whenever its parent is: its join is inner (required) or right. A required
     * include under an optional one is joined inside the optional one's join, so it holds for it too.
     */
    boolean alwaysPresent(int link) {
        PlanNode.Link l = node.links().get(link);
        if (l.node() < 0) {
            return false;
        }
        JoinKind join = plan.nodes().get(l.node()).join();
        return join == JoinKind.INNER || join == JoinKind.RIGHT;
    }
}
