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
public final class Hydrator implements ResultReader<List<Entity>> {
    private final NodeReader[] readers;

    public Hydrator(Plan plan) {
        List<PlanNode> nodes = plan.nodes();
        readers = new NodeReader[nodes.size()];
        for (PlanNode n : nodes) {
            List<String> aliases = new ArrayList<>();
            List<Boolean> toMany = new ArrayList<>();
            for (int c : n.children()) {
                PlanNode child = nodes.get(c);
                aliases.add(child.include().alias());
                toMany.add(child.isToMany());
            }
            int link = n.parent() < 0 ? -1 : nodes.get(n.parent()).children().indexOf(n.index());
            readers[n.index()] = new NodeReader(n, new EntityShape(n.model(), n.columns(), aliases, toMany), link);
        }
    }

    @Override
    public Result<List<Entity>> read(ResultSet rs) throws SQLException {
        Map<Object, Entity> roots = new LinkedHashMap<>();
        List<Entity> keyless = new ArrayList<>(0);
        List<Entity> out = new ArrayList<>();
        Entity[] current = new Entity[readers.length];
        Object[] lastKey = new Object[readers.length];
        Entity[] lastParent = new Entity[readers.length];
        Entity[] lastEntity = new Entity[readers.length];
        long rows = 0;
        while (rs.next()) {
            rows++;
            for (int i = 0; i < readers.length; i++) {
                NodeReader r = readers[i];
                Entity parent = i == 0 ? null : current[r.parent];
                if (i > 0 && parent == null) {
                    current[i] = null;
                    continue;
                }
                Object key = r.key(rs);
                Entity e;
                if (key == null) {
                    if (r.keyed() || r.allNull(rs)) {
                        current[i] = null;
                        continue;
                    }
                    e = r.create(rs);
                    if (i == 0) {
                        keyless.add(e);
                        out.add(e);
                    } else {
                        r.attach(parent, e);
                    }
                } else if (lastEntity[i] != null && lastParent[i] == parent && key.equals(lastKey[i])) {
                    e = lastEntity[i];
                } else if (i == 0) {
                    e = roots.get(key);
                    if (e == null) {
                        e = r.create(rs);
                        roots.put(key, e);
                        out.add(e);
                    }
                } else {
                    Map<Object, Entity> index = parent.childIndex(r.link);
                    e = index.get(key);
                    if (e == null) {
                        e = r.create(rs);
                        index.put(key, e);
                        r.attach(parent, e);
                    }
                }
                current[i] = e;
                lastKey[i] = key;
                lastParent[i] = parent;
                lastEntity[i] = e;
            }
        }
        for (Entity root : out) {
            root.dropIndexes();
        }
        return new Result<>(out, rows);
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
