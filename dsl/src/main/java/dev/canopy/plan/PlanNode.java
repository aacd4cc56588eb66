package dev.canopy.plan;

import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.query.Include;
import dev.canopy.query.JoinKind;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One node of a statement: the root or a joined include, its generated table alias, and its slots — the 1-based
 * result columns that hold its selected attributes, in the order of {@link #columns()}.
 *
 * @param index       position in pre-order; the root is 0
 * @param parent      the parent's index, -1 for the root
 * @param alias       the generated table alias ({@code t0}, {@code t1}, ...)
 * @param junction    the generated alias of a belongsToMany's junction ({@code j1}, ...), null for other nodes
 * @param path        the include aliases from the statement's root to this node (empty for the root)
 * @param model       the model this node reads
 * @param include     the include that asked for this node, null for a query's root
 * @param join        how the node joins its parent (the root: INNER)
 * @param columns     the columns read: the attributes asked for, the primary key, and the keys joins need
 * @param firstSlot   the 1-based result column of {@code columns.get(0)}
 * @param keyOffsets  for each primary-key column, its offset in {@code columns}; empty when the model has no key
 * @param children    indexes of the joined child nodes
 * @param links       every include of this node in declared order, joined or loaded separately
 * @param attributes  the attributes an entity of this node shows: those asked for and the primary key (a key read
 *                    only to join or load an include stays hidden)
 * @param computed    the computed attributes this node reads (the root's), each at its own result column
 */
public record PlanNode(int index, int parent, String alias, @Nullable String junction, List<String> path, Model model, @Nullable Include include,
                       JoinKind join, List<Column<?>> columns, int firstSlot, int[] keyOffsets, List<Integer> children,
                       List<Link> links, List<Column<?>> attributes, List<ComputedSlot> computed) {

    /**
     * A computed attribute: its alias, the type it is read as, its 1-based result column, and whether it may be null
     * (every expression may, but a {@code COUNT}).
     */
    public record ComputedSlot(String name, dev.canopy.model.DataType<?> type, int slot, boolean nullable) {}

    /** This node without links: a grouped report's rows have no children. */
    PlanNode withoutLinks() {
        return new PlanNode(index, parent, alias, junction, path, model, include, join, columns, firstSlot, keyOffsets, children, List.of(),
                attributes, computed);
    }

    /** This node with its computed attributes. */
    PlanNode withComputed(List<ComputedSlot> slots) {
        return new PlanNode(index, parent, alias, junction, path, model, include, join, columns, firstSlot, keyOffsets, children, links,
                attributes, List.copyOf(slots));
    }

    /**
     * An include of a node: joined into the same statement ({@code node >= 0}) or loaded by a separate query
     * ({@code fetch >= 0}, an index into {@link Plan#fetches()}).
     */
    public record Link(String alias, boolean toMany, int node, int fetch) {}

    /** The association that leads here from the parent, null for a query's root. */
    public @Nullable Association association() {
        return include == null ? null : include.association();
    }

    /** Whether a parent may have many of this node in this statement (a root of a separate query is not). */
    public boolean isToMany() {
        return parent >= 0 && include != null && include.association().isToMany();
    }

    /** The path as written in a query: {@code album.artist}; empty for the root. */
    public String pathText() {
        return String.join(".", path);
    }
}
