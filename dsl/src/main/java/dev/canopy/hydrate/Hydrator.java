package dev.canopy.hydrate;

import dev.canopy.exec.ResultReader;
import dev.canopy.model.Column;
import dev.canopy.plan.Plan;
import dev.canopy.plan.PlanNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns the rows of a plan's statement into entity graphs. Compiled once per plan: a {@link NodeReader} per node
 * knows its slots, its value readers and its key columns; per row it returns at once when its key is null (the
 * outer join found nothing), reuses the previous row's entity when the key repeats (rows usually come grouped),
 * and otherwise finds the entity in its parent's identity map, so each entity is made once per parent.
 *
 * <p>Identity is the tuple of key values, compared value by value: keys (1, 23) and (12, 3) are two rows. A node
 * whose model has no primary key cannot be told apart from its duplicates, so every row makes a new entity for it;
 * give such models a key when joins may repeat their rows. Roots keep the order in which they first appear, which
 * is the order the query asked for; children keep the order of their first row.
 */
public final class Hydrator implements ResultReader<Hydration> {
    private final NodeReader[] readers;
    private final @Nullable ValueReader partition;
    /** Whether an include is right-joined, so a row may have no root: it then gets a root of nulls of its own. */
    private final boolean rightJoined;

    public Hydrator(Plan plan) {
        List<PlanNode> nodes = plan.nodes();
        readers = new NodeReader[nodes.size()];
        for (PlanNode n : nodes) {
            List<String> aliases = new ArrayList<>();
            List<Boolean> toMany = new ArrayList<>();
            for (PlanNode.Link l : n.links()) {
                aliases.add(l.alias());
                toMany.add(l.toMany());
            }
            int link = -1;
            if (n.parent() >= 0) {
                List<PlanNode.Link> siblings = nodes.get(n.parent()).links();
                for (int i = 0; i < siblings.size(); i++) {
                    if (siblings.get(i).node() == n.index()) {
                        link = i;
                    }
                }
            }
            readers[n.index()] = new NodeReader(n, new EntityShape(plan, n.index(), n.model(), n.attributes(), aliases, toMany), link);
        }
        partition = plan.isKeyed() ? ValueReader.of(plan.partition().type()) : null;
        rightJoined = nodes.stream().anyMatch(n -> n.join() == dev.canopy.query.JoinKind.RIGHT && n.parent() >= 0);
    }

    @Override
    public Result<Hydration> read(ResultSet rs) throws SQLException {
        Pass pass = new Pass();
        long rows = 0;
        while (rs.next()) {
            rows++;
            pass.row(rs);
        }
        return new Result<>(pass.finish(), rows);
    }

    /** A new pass over rows, for a caller that reads the result set itself (a stream of roots). */
    public Pass pass() {
        return new Pass();
    }

    /**
     * The state of one pass over rows: the roots so far, the entity of each node on the current row, and the last
     * key each node saw. Rows of one root come together (the planner orders by root key whenever a root can span
     * rows), which is what lets a stream cut a pass at a root boundary.
     */
    public final class Pass {
        private final Map<Object, Entity> roots = new LinkedHashMap<>();
        private final List<Entity> out = new ArrayList<>();
        private final @Nullable List<Object> partitions = partition == null ? null : new ArrayList<>();
        private final List<Entity>[] byNode;
        private final Entity[] current = new Entity[readers.length];
        private final Object[] lastKey = new Object[readers.length];
        private final Entity[] lastParent = new Entity[readers.length];
        private final Entity[] lastEntity = new Entity[readers.length];

        @SuppressWarnings("unchecked")
        Pass() {
            byNode = new List[readers.length];
            for (int i = 0; i < byNode.length; i++) {
                byNode[i] = i == 0 ? out : new ArrayList<>();
            }
        }

        /** How many roots this pass has made. */
        public int rootCount() {
            return out.size();
        }

        /** Whether the current row starts a root other than the last row's. */
        public boolean startsNewRoot(ResultSet rs) throws SQLException {
            return lastEntity[0] == null || !java.util.Objects.equals(rootKey(rs), lastKey[0]);
        }

        private @Nullable Object rootKey(ResultSet rs) throws SQLException {
            Object key = readers[0].key(rs);
            if (partition != null && key != null) {
                key = java.util.Arrays.asList(partition.read(rs, 1), key);
            }
            return key;
        }

        /** Reads the current row into the graph. */
        public void row(ResultSet rs) throws SQLException {
            for (int i = 0; i < readers.length; i++) {
                NodeReader r = readers[i];
                Entity parent = i == 0 ? null : current[r.parent];
                if (i > 0 && parent == null) {
                    current[i] = null;
                    continue;
                }
                Object part = i == 0 && partition != null ? partition.read(rs, 1) : null;
                Object key = i == 0 ? rootKey(rs) : r.key(rs);
                Entity e;
                if (key == null) {
                    if ((r.keyed() && !(i == 0 && rightJoined)) || (i > 0 && r.allNull(rs))) {
                        current[i] = null;
                        continue;
                    }
                    e = r.create(rs);
                    if (i == 0) {
                        addRoot(e, part);
                    } else {
                        r.attach(parent, e);
                        byNode[i].add(e);
                    }
                } else if (lastEntity[i] != null && lastParent[i] == parent && key.equals(lastKey[i])) {
                    e = lastEntity[i];
                } else if (i == 0) {
                    e = roots.get(key);
                    if (e == null) {
                        e = r.create(rs);
                        roots.put(key, e);
                        addRoot(e, part);
                    }
                } else {
                    Map<Object, Entity> index = parent.childIndex(r.link);
                    e = index.get(key);
                    if (e == null) {
                        e = r.create(rs);
                        index.put(key, e);
                        r.attach(parent, e);
                        byNode[i].add(e);
                    }
                }
                current[i] = e;
                lastKey[i] = key;
                lastParent[i] = parent;
                lastEntity[i] = e;
            }
        }

        private void addRoot(Entity e, @Nullable Object part) {
            out.add(e);
            if (partitions != null) {
                partitions.add(part);
            }
        }

        /** The entities of this pass; their hydration-time indexes are dropped. */
        public Hydration finish() {
            for (Entity root : out) {
                root.dropIndexes();
            }
            return new Hydration(out, partitions, byNode);
        }
    }

    /** Reads one node's columns from the current row. */
    static final class NodeReader {
        final int parent;
        final int link;
        final boolean toMany;
        final EntityShape shape;
        private final int width;
        private final int[] slots;
        private final int[] modelIndex;
        private final ValueReader[] values;
        private final int[] keySlots;
        private final ValueReader[] keyReaders;

        NodeReader(PlanNode n, EntityShape shape, int link) {
            this.parent = n.parent();
            this.link = link;
            this.toMany = n.isToMany();
            this.shape = shape;
            this.width = n.model().columns().size();
            List<Column<?>> cols = n.columns();
            slots = new int[cols.size()];
            modelIndex = new int[cols.size()];
            values = new ValueReader[cols.size()];
            for (int i = 0; i < cols.size(); i++) {
                slots[i] = n.firstSlot() + i;
                modelIndex[i] = cols.get(i).index();
                values[i] = ValueReader.of(cols.get(i).type());
            }
            keySlots = new int[n.keyOffsets().length];
            keyReaders = new ValueReader[keySlots.length];
            for (int k = 0; k < keySlots.length; k++) {
                keySlots[k] = slots[n.keyOffsets()[k]];
                keyReaders[k] = values[n.keyOffsets()[k]];
            }
        }

        boolean keyed() {
            return keySlots.length > 0;
        }

        /** The key of the current row: the value itself for one column, a value-wise list for several; null if absent. */
        @Nullable Object key(ResultSet rs) throws SQLException {
            if (keySlots.length == 1) {
                return keyReaders[0].read(rs, keySlots[0]);
            }
            if (keySlots.length == 0) {
                return null;
            }
            Object[] parts = new Object[keySlots.length];
            boolean any = false;
            for (int k = 0; k < parts.length; k++) {
                parts[k] = keyReaders[k].read(rs, keySlots[k]);
                any |= parts[k] != null;
            }
            return any ? Arrays.asList(parts) : null;
        }

        boolean allNull(ResultSet rs) throws SQLException {
            for (int i = 0; i < slots.length; i++) {
                if (rs.getObject(slots[i]) != null) {
                    return false;
                }
            }
            return true;
        }

        Entity create(ResultSet rs) throws SQLException {
            Object[] v = new Object[width];
            for (int i = 0; i < slots.length; i++) {
                v[modelIndex[i]] = values[i].read(rs, slots[i]);
            }
            return new Entity(shape, v);
        }

        void attach(Entity parentEntity, Entity child) {
            if (toMany) {
                parentEntity.addMany(link, child);
            } else {
                parentEntity.setOne(link, child);
            }
        }
    }

    static Map<Object, Entity> newIndex() {
        return new HashMap<>();
    }
}
