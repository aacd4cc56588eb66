package dev.canopy.hydrate;

import dev.canopy.exec.ResultReader;
import dev.canopy.model.Column;
import dev.canopy.model.DataType;
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
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns the rows of a plan's statement into entity graphs. Compiled once per plan: a {@link NodeReader} per node
 * knows its slots, its value readers and its key columns; per row it returns at once when its key is null (the
 * outer join found nothing), reuses the previous row's entity when the key repeats (rows usually come grouped),
 * and otherwise finds the entity among its parent's children, so each entity is made once per parent.
 *
 * <p>The fast path: a node whose key is a single {@code int} or {@code long} column reads it as a primitive and
 * compares it with the previous row's without boxing. A child whose key is greater than the last child's of the same
 * parent is new (the planner orders joined to-many rows by key within their parent), so no map is consulted while
 * keys rise; the first key that does not rise builds that parent's identity map from the children it has, and the
 * map serves from then on. Rows in any order therefore hydrate correctly; rows in key order never pay for a map.
 * When the previous row's entity of the node is that parent's newest child, the greater key is compared with the key
 * read on that row, without loading the parent's last child and its key (fewer loads; any gain in hydration alone is
 * inside the measurement noise).
 * And a child of a parent made on the same row is new without any check (its parent has no children yet): a comment's
 * author, say, costs one read of its key before it is made.
 *
 * <p>Identity is the tuple of key values, compared value by value: keys (1, 23) and (12, 3) are two rows. A node
 * whose model has no primary key cannot be told apart from its duplicates, so every row makes a new entity for it;
 * give such models a key when joins may repeat their rows. Roots keep the order in which they first appear, which
 * is the order the query asked for; children keep the order of their first row.
 *
 * <p>A plan whose every node takes the primitive path gets, once {@link #read} has read enough rows, a row loop of its
 * own ({@link EntityLoopWriter}, {@link LazyLoop}): the same rules, with the nodes written in and their state in
 * local variables. {@link #pass()} (streams) keeps the generic loop.
 */
public final class Hydrator implements ResultReader<Hydration> {
    private final NodeReader[] readers;
    private final @Nullable ValueReader partition;
    /** Whether an include is right-joined, so a row may have no root: it then gets a root of nulls of its own. */
    private final boolean rightJoined;
    /** Whether the root takes the primitive path: one numeric key column, and no parent-key column before it. */
    private final boolean numericRoot;
    /** Per node, whether it takes the primitive path. */
    private final boolean[] numericPath;
    /** Per node, whether its entities are recorded as they are made: the parents of separate includes. */
    private final boolean[] recorded;
    private final int[] parentOf;
    private final int[] linkOf;
    /** The plan's own row loop, once it has one ({@link EntityLoopWriter}). */
    private final LazyLoop<RowLoop> loop;

    /** A hydrator whose entities cannot map themselves to typed results. */
    public Hydrator(Plan plan) {
        this(plan, EntityMapping.NONE, null);
    }

    /** A hydrator for a plan; its entities' {@link HydratedEntity#into(Class)} goes to {@code mapping}. */
    public Hydrator(Plan plan, EntityMapping mapping) {
        this(plan, mapping, null);
    }

    /**
     * A hydrator for a plan on a database of {@code dialect}, which converts the values its driver returns in more than
     * one form (null: the conversions every driver needs).
     */
    public Hydrator(Plan plan, EntityMapping mapping, dev.canopy.dialect.@Nullable Dialect dialect) {
        this(plan, mapping, dialect, null);
    }

    /**
     * A hydrator that writes its plan's own row loop once {@link #read} has read {@code compileAfter} rows (0: at
     * once; {@link Long#MAX_VALUE}: never; null: {@link LazyLoop}'s default), where the plan can have one.
     */
    Hydrator(Plan plan, EntityMapping mapping, dev.canopy.dialect.@Nullable Dialect dialect, @Nullable Long compileAfter) {
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
            List<String> computed = n.computed().stream().map(PlanNode.ComputedSlot::name).toList();
            readers[n.index()] = new NodeReader(plan, n, new EntityShape(plan, n.index(), n.model(), n.attributes(), aliases, toMany, mapping, computed),
                    link, dialect);
        }
        partition = plan.isKeyed() ? ValueReader.of(plan.partition().type(), dialect) : null;
        rightJoined = nodes.stream().anyMatch(n -> n.join() == dev.canopy.query.JoinKind.RIGHT && n.parent() >= 0);
        numericRoot = readers[0].numeric && partition == null && !rightJoined;
        numericPath = new boolean[readers.length];
        parentOf = new int[readers.length];
        linkOf = new int[readers.length];
        for (int i = 0; i < readers.length; i++) {
            numericPath[i] = i == 0 ? numericRoot : readers[i].numeric;
            parentOf[i] = readers[i].parent;
            linkOf[i] = readers[i].link;
        }
        recorded = new boolean[readers.length];
        for (dev.canopy.plan.Fetch f : plan.fetches()) {
            recorded[f.parentNode()] = true;
        }
        boolean allNumeric = readers.length <= LoopWriter.MAX_NODES;
        for (boolean b : numericPath) {
            allNumeric &= b;
        }
        loop = allNumeric ? LazyLoop.after(compileAfter, () -> EntityLoopWriter.compile(readers, recorded)) : LazyLoop.never();
    }

    @Override
    public Result<Hydration> read(ResultSet rs) throws SQLException {
        Pass pass = new Pass();
        RowLoop compiled = loop.get();
        if (compiled != null) {
            long rows = compiled.read(rs, pass);
            return new Result<>(pass.finish(), rows);
        }
        long rows = 0;
        while (rs.next()) {
            rows++;
            pass.row(rs);
        }
        loop.read(rows);
        return new Result<>(pass.finish(), rows);
    }

    /** Whether {@link #read} runs the plan's own row loop (for tests). */
    boolean written() {
        return loop.get() != null;
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
    public final class Pass implements RowPass<Hydration> {
        /** Roots by key on the general path; on the numeric path, {@link #rootIndex} once keys stop rising. */
        private final Map<Object, HydratedEntity> roots = new LinkedHashMap<>();
        private @Nullable Map<Object, HydratedEntity> rootIndex;
        private final List<HydratedEntity> out = new ArrayList<>();
        private final @Nullable List<Object> partitions = partition == null ? null : new ArrayList<>();
        private final @Nullable List<HydratedEntity>[] byNode;
        private final HydratedEntity[] current = new HydratedEntity[readers.length];
        private final @Nullable Object[] lastKey = new Object[readers.length];
        private final long[] lastLongKey = new long[readers.length];
        private final HydratedEntity[] lastParent = new HydratedEntity[readers.length];
        private final HydratedEntity[] lastEntity = new HydratedEntity[readers.length];
        /**
         * Per node on the primitive path, whether its last entity is the newest child of its parent (or the newest
         * root): then a greater key under the same parent is a new entity, known without looking at the parent's
         * children.
         */
        private final boolean[] lastNewest = new boolean[readers.length];
        /**
         * Whether the entity the primitive path just made or found is the newest of its parent's children (or of the
         * roots), with no identity map of them: set by {@link #numericRoot} and {@link #numericChild}.
         */
        boolean newest;
        /**
         * Whether the entity {@link #numericRoot} or {@link #numericChild} just returned was made on this row (rather
         * than found): a child of it on the same row is then new without any check.
         */
        boolean made;
        /**
         * Per node, the row its last entity was made on. A parent made on the current row has no children yet, so its
         * child on this row is new and is made without consulting the last key or the parent's children. Shared by the
         * passes of one stream, which go on counting rows, so that a stream of one root per pass allocates it once.
         */
        private final long[] madeOn;
        /** The current row, counted from 1 over the passes of one stream. */
        private long rowNumber;
        /** Entities holding identity maps of their children, to drop when the pass ends. */
        private final List<HydratedEntity> indexed = new ArrayList<>();
        /** The int values boxed so far, reused when met again (shared by the passes of one stream). */
        private final IntBoxes boxes;

        Pass() {
            this(new IntBoxes(), new long[readers.length], 0);
        }

        @SuppressWarnings("unchecked")
        private Pass(IntBoxes boxes, long[] madeOn, long rowNumber) {
            this.boxes = boxes;
            this.madeOn = madeOn;
            this.rowNumber = rowNumber;
            byNode = new List[readers.length];
            for (int i = 0; i < byNode.length; i++) {
                byNode[i] = i == 0 ? out : recorded[i] ? new ArrayList<>() : null;
            }
        }

        /** How many roots this pass has made. */
        public int rootCount() {
            return out.size();
        }

        /** A new pass over the following rows of the same result set (a stream's next roots). */
        public Pass next() {
            return new Pass(boxes, madeOn, rowNumber);
        }

        /** Whether the current row starts a root other than the last row's. */
        public boolean startsNewRoot(ResultSet rs) throws SQLException {
            if (lastEntity[0] == null) {
                return true;
            }
            if (numericRoot) {
                long key = readers[0].longKey(rs);
                return (key == 0 && rs.wasNull()) || key != lastLongKey[0];
            }
            return !Objects.equals(rootKey(rs, partition == null ? null : partition.read(rs, 1)), lastKey[0]);
        }

        /** Reads the current row into the graph. */
        public void row(ResultSet rs) throws SQLException {
            rowNumber++;
            for (int i = 0; i < readers.length; i++) {
                NodeReader r = readers[i];
                HydratedEntity parent = null;
                if (i > 0) {
                    parent = current[r.parent];
                    if (parent == null) {
                        current[i] = null;
                        continue;
                    }
                }
                current[i] = numericPath[i] ? numericRow(i, r, parent, rs) : generalRow(i, r, parent, rs);
            }
        }

        // ---- the primitive path: one int or long key column ------------------------------------------------------

        private @Nullable HydratedEntity numericRow(int i, NodeReader r, @Nullable HydratedEntity parent, ResultSet rs) throws SQLException {
            long key = r.longKey(rs);
            if (key == 0 && rs.wasNull()) {
                return null;
            }
            HydratedEntity e;
            boolean isNewest;
            if (i > 0 && madeOn[r.parent] == rowNumber) {
                e = attachNew(i, r, parent, rs, key, lastEntity[i]);
                isNewest = true;
            } else {
                HydratedEntity last = lastEntity[i];
                if (last != null && lastParent[i] == parent) {
                    if (lastLongKey[i] == key) {
                        return last;
                    }
                    if (lastNewest[i] && key > lastLongKey[i] && (i == 0 ? rootIndex == null : r.toMany)) {
                        e = i == 0 ? newRoot(r, key, rs, last) : attachNew(i, r, parent, rs, key, last);
                        lastLongKey[i] = key;
                        lastEntity[i] = e;
                        return e;
                    }
                }
                e = i == 0 ? numericRoot(r, key, rs, last) : numericChild(i, r, parent, key, rs, last);
                isNewest = newest;
            }
            lastLongKey[i] = key;
            lastParent[i] = parent;
            lastEntity[i] = e;
            lastNewest[i] = isNewest;
            return e;
        }

        /**
         * The root of the current row whose key is {@code key}, found or made ({@code previous}: the root of the previous
         * row); sets {@link #newest} and {@link #made}. The primitive path's way past its shortcuts, the generic loop's
         * and a {@link RowLoop}'s.
         */
        HydratedEntity numericRoot(NodeReader r, long key, ResultSet rs, @Nullable HydratedEntity previous) throws SQLException {
            newest = true;
            made = false;
            if (rootIndex == null) {
                if (out.isEmpty() || key > r.longKeyOf(out.get(out.size() - 1))) {
                    return newRoot(r, key, rs, previous);
                }
                rootIndex = new HashMap<>();
                for (HydratedEntity root : out) {
                    rootIndex.put(Long.valueOf(r.longKeyOf(root)), root);
                }
            }
            Long boxed = Long.valueOf(key);
            HydratedEntity e = rootIndex.get(boxed);
            if (e == null) {
                e = newRoot(r, key, rs, previous);
                rootIndex.put(boxed, e);
            }
            newest = false;
            return e;
        }

        /** A root of the current row, with a key no root has had: made and added last. */
        private HydratedEntity newRoot(NodeReader r, long key, ResultSet rs, @Nullable HydratedEntity previous) throws SQLException {
            HydratedEntity e = r.create(rs, key, boxes, previous);
            madeOn[0] = rowNumber;
            made = true;
            addRoot(e, null);
            return e;
        }

        /**
         * The child of {@code parent} on node {@code i} whose key is {@code key}, found or made and attached
         * ({@code previous}: the node's entity of the previous row); sets {@link #newest} and {@link #made}.
         */
        HydratedEntity numericChild(int i, NodeReader r, HydratedEntity parent, long key, ResultSet rs, @Nullable HydratedEntity previous)
                throws SQLException {
            newest = true;
            made = false;
            Map<Object, HydratedEntity> index = parent.existingIndex(r.link);
            if (index == null) {
                HydratedEntity last = parent.lastChild(r.link);
                if (last == null) {
                    return attachNew(i, r, parent, rs, key, previous);
                }
                long lastKeyOfParent = r.longKeyOf(last);
                if (key == lastKeyOfParent) {
                    return last;
                }
                if (r.toMany && key > lastKeyOfParent) {
                    return attachNew(i, r, parent, rs, key, previous);
                }
                index = index(parent, r.link);
                for (HydratedEntity child : parent.children(r.link)) {
                    index.put(Long.valueOf(r.longKeyOf(child)), child);
                }
            }
            Long boxed = Long.valueOf(key);
            HydratedEntity e = index.get(boxed);
            if (e == null) {
                e = attachNew(i, r, parent, rs, key, previous);
                index.put(boxed, e);
            }
            // keyed by the index from now on: a greater key must go through it too, so no shortcut past it
            newest = false;
            return e;
        }

        // ---- the general path: composite, textual or other keys, no key, keyed plans' roots ---------------------

        private @Nullable HydratedEntity generalRow(int i, NodeReader r, @Nullable HydratedEntity parent, ResultSet rs) throws SQLException {
            Object part = i == 0 && partition != null ? partition.read(rs, 1) : null;
            Object key = i == 0 ? rootKey(rs, part) : r.key(rs, lastKey[i]);
            HydratedEntity e;
            if (key == null) {
                boolean orphanRow = i == 0 && rightJoined;
                if (r.keyed() ? !orphanRow : (!orphanRow && r.allNull(rs))) {
                    return null;
                }
                e = r.create(rs, boxes, lastEntity[i]);
                madeOn[i] = rowNumber;
                if (i == 0) {
                    addRoot(e, part);
                } else {
                    r.attach(parent, e);
                    record(i, e);
                }
                return e;
            }
            if (lastEntity[i] != null && lastParent[i] == parent && key.equals(lastKey[i])) {
                return lastEntity[i];
            }
            if (i == 0) {
                e = roots.get(key);
                if (e == null) {
                    e = r.create(rs, boxes, lastEntity[0]);
                    madeOn[0] = rowNumber;
                    roots.put(key, e);
                    addRoot(e, part);
                }
            } else {
                Map<Object, HydratedEntity> index = index(parent, r.link);
                e = index.get(key);
                if (e == null) {
                    e = attachNew(i, r, parent, rs);
                    index.put(key, e);
                }
            }
            lastKey[i] = key;
            lastParent[i] = parent;
            lastEntity[i] = e;
            return e;
        }

        /** The root's key, with the parent key first on a keyed plan (a child row may sit under several parents). */
        private @Nullable Object rootKey(ResultSet rs, @Nullable Object part) throws SQLException {
            Object key = readers[0].key(rs, null);
            if (partition == null || key == null) {
                return key;
            }
            Object last = lastKey[0];
            if (last instanceof List && Objects.equals(((List<?>) last).get(0), part) && key.equals(((List<?>) last).get(1))) {
                return last;
            }
            return Arrays.asList(part, key);
        }

        private Map<Object, HydratedEntity> index(HydratedEntity parent, int link) {
            if (!parent.hasIndexes()) {
                indexed.add(parent);
            }
            return parent.childIndex(link);
        }

        private HydratedEntity attachNew(int i, NodeReader r, HydratedEntity parent, ResultSet rs) throws SQLException {
            HydratedEntity e = r.create(rs, boxes, lastEntity[i]);
            madeOn[i] = rowNumber;
            r.attach(parent, e);
            record(i, e);
            return e;
        }

        private HydratedEntity attachNew(int i, NodeReader r, HydratedEntity parent, ResultSet rs, long key, @Nullable HydratedEntity previous)
                throws SQLException {
            HydratedEntity e = r.create(rs, key, boxes, previous);
            madeOn[i] = rowNumber;
            made = true;
            r.attach(parent, e);
            record(i, e);
            return e;
        }

        /** Adds an entity of node {@code node} to that node's list, when its entities are recorded. */
        void record(int node, HydratedEntity e) {
            List<HydratedEntity> list = byNode[node];
            if (list != null) {
                list.add(e);
            }
        }

        /** The pass's boxes of int values, for a {@link RowLoop} that makes entities itself. */
        IntBoxes boxes() {
            return boxes;
        }

        /** Adds a root a {@link RowLoop} made (the primitive path has no partitions). */
        void addRoot(HydratedEntity e) {
            out.add(e);
        }

        private void addRoot(HydratedEntity e, @Nullable Object part) {
            out.add(e);
            if (partitions != null) {
                partitions.add(part);
            }
        }

        /** The entities of this pass; their hydration-time indexes are dropped. */
        public Hydration finish() {
            for (HydratedEntity e : indexed) {
                e.dropIndexes();
            }
            indexed.clear();
            return new Hydration(out, partitions, byNode, parentOf, linkOf);
        }
    }

    /** Reads one node's columns from the current row. */
    static final class NodeReader {
        final int parent;
        final int link;
        final boolean toMany;
        final EntityShape shape;
        /** One key column of type INTEGER or BIGINT: the primitive path. */
        final boolean numeric;
        final boolean intKey;
        final int width;
        final int[] slots;
        final int[] modelIndex;
        final ValueReader[] values;
        final int[] keySlots;
        private final ValueReader[] keyReaders;
        /** The model index of the single key column (the primitive path), else -1. */
        private final int keyIndex;
        /** The position of the single key column among {@link #slots} (the primitive path), else -1. */
        final int keyOffset;
        /** Values, then links: the size of an entity's slots. */
        final int size;
        /**
         * Per column, how it is read: {@link #INT} (an int, boxed through the pass's {@link IntBoxes}), {@link #TEXT}
         * (a string, called here rather than through its value reader so that the compiler inlines the driver's
         * getter, as it does in a hand-written loop) or {@link #OTHER} (its value reader).
         */
        final byte[] reads;
        /** The result columns of the computed attributes, and their readers; their values go after the links. */
        final int[] computedSlots;
        final ValueReader[] computedReaders;

        static final byte OTHER = 0;
        static final byte INT = 1;
        static final byte TEXT = 2;

        NodeReader(Plan plan, PlanNode n, EntityShape shape, int link, dev.canopy.dialect.@Nullable Dialect dialect) {
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
                slots[i] = plan.slot(n, i);
                modelIndex[i] = cols.get(i).index();
                values[i] = ValueReader.of(cols.get(i).type(), dialect);
            }
            keySlots = new int[n.keyOffsets().length];
            keyReaders = new ValueReader[keySlots.length];
            for (int k = 0; k < keySlots.length; k++) {
                keySlots[k] = slots[n.keyOffsets()[k]];
                keyReaders[k] = values[n.keyOffsets()[k]];
            }
            reads = new byte[cols.size()];
            for (int i = 0; i < cols.size(); i++) {
                DataType.Kind k = cols.get(i).type().kind();
                reads[i] = k == DataType.Kind.INTEGER ? INT
                        : k == DataType.Kind.STRING || k == DataType.Kind.TEXT || k == DataType.Kind.JSON ? TEXT : OTHER;
            }
            DataType.Kind kind = keySlots.length == 1 ? cols.get(n.keyOffsets()[0]).type().kind() : null;
            this.numeric = kind == DataType.Kind.INTEGER || kind == DataType.Kind.BIGINT;
            this.intKey = kind == DataType.Kind.INTEGER;
            this.keyIndex = numeric ? modelIndex[n.keyOffsets()[0]] : -1;
            this.keyOffset = numeric ? n.keyOffsets()[0] : -1;
            computedSlots = new int[n.computed().size()];
            computedReaders = new ValueReader[computedSlots.length];
            for (int i = 0; i < computedSlots.length; i++) {
                computedSlots[i] = n.computed().get(i).slot();
                computedReaders[i] = ValueReader.of(n.computed().get(i).type(), dialect);
            }
            this.size = width + shape.linkCount() + computedSlots.length;
        }

        private void readComputed(ResultSet rs, Object[] v) throws SQLException {
            int base = width + shape.linkCount();
            for (int i = 0; i < computedSlots.length; i++) {
                v[base + i] = computedReaders[i].read(rs, computedSlots[i]);
            }
        }

        boolean keyed() {
            return keySlots.length > 0;
        }

        /** The single numeric key of the current row; 0 with {@code rs.wasNull()} when absent. */
        long longKey(ResultSet rs) throws SQLException {
            return intKey ? rs.getInt(keySlots[0]) : rs.getLong(keySlots[0]);
        }

        /** The single numeric key of an entity this reader made. */
        long longKeyOf(HydratedEntity e) {
            return ((Number) e.value(keyIndex)).longValue();
        }

        /**
         * The key of the current row: the value itself for one column, a value-wise list for several (or
         * {@code previous} itself when the parts equal it, so that repeated rows allocate nothing); null if absent.
         */
        @Nullable Object key(ResultSet rs, @Nullable Object previous) throws SQLException {
            if (keySlots.length == 1) {
                return keyReaders[0].read(rs, keySlots[0]);
            }
            if (keySlots.length == 0) {
                return null;
            }
            Object[] keyParts = new Object[keySlots.length];
            boolean any = false;
            boolean same = previous instanceof List && ((List<?>) previous).size() == keyParts.length;
            for (int k = 0; k < keyParts.length; k++) {
                keyParts[k] = keyReaders[k].read(rs, keySlots[k]);
                any |= keyParts[k] != null;
                same = same && Objects.equals(keyParts[k], ((List<?>) previous).get(k));
            }
            if (!any) {
                return null;
            }
            return same ? previous : Arrays.asList(keyParts);
        }

        boolean allNull(ResultSet rs) throws SQLException {
            for (int i = 0; i < slots.length; i++) {
                if (rs.getObject(slots[i]) != null) {
                    return false;
                }
            }
            for (int slot : computedSlots) {
                if (rs.getObject(slot) != null) {
                    return false;
                }
            }
            return true;
        }

        /**
         * An entity of the current row; its to-many lists are sized by {@code previous}'s, the last entity of this node
         * (rows of a parent come together, so its siblings usually have as many children as it had).
         */
        HydratedEntity create(ResultSet rs, IntBoxes boxes, @Nullable HydratedEntity previous) throws SQLException {
            Object[] v = new Object[size];
            for (int i = 0; i < slots.length; i++) {
                v[modelIndex[i]] = read(i, rs, boxes);
            }
            readComputed(rs, v);
            return new HydratedEntity(shape, v, previous);
        }

        /** An entity of the current row whose single numeric key was already read. */
        HydratedEntity create(ResultSet rs, long key, IntBoxes boxes, @Nullable HydratedEntity previous) throws SQLException {
            Object[] v = new Object[size];
            for (int i = 0; i < slots.length; i++) {
                v[modelIndex[i]] = i == keyOffset ? boxKey(key, boxes) : read(i, rs, boxes);
            }
            readComputed(rs, v);
            return new HydratedEntity(shape, v, previous);
        }

        /** Column {@code i}'s value: an int through the pass's boxes, a string, or anything else through its value reader. */
        private @Nullable Object read(int i, ResultSet rs, IntBoxes boxes) throws SQLException {
            switch (reads[i]) {
                case INT: {
                    int v = rs.getInt(slots[i]);
                    return v == 0 && rs.wasNull() ? null : boxes.box(v);
                }
                case TEXT:
                    return rs.getString(slots[i]);
                default:
                    return values[i].read(rs, slots[i]);
            }
        }

        private Object boxKey(long key, IntBoxes boxes) {
            return intKey ? (Object) boxes.box((int) key) : (Object) Long.valueOf(key);
        }

        void attach(HydratedEntity parentEntity, HydratedEntity child) {
            if (toMany) {
                parentEntity.addMany(link, child);
            } else {
                parentEntity.setOne(link, child);
            }
        }
    }
}
