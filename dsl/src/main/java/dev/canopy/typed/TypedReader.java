package dev.canopy.typed;

import dev.canopy.dialect.Dialect;
import dev.canopy.error.MappingException;
import dev.canopy.exec.ResultReader;
import dev.canopy.hydrate.IntBoxes;
import dev.canopy.hydrate.LazyLoop;
import dev.canopy.hydrate.LoopWriter;
import dev.canopy.hydrate.ValueReader;
import dev.canopy.model.Column;
import dev.canopy.model.DataType;
import dev.canopy.plan.Fetch;
import dev.canopy.plan.Plan;
import dev.canopy.plan.PlanNode;
import dev.canopy.query.JoinKind;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the rows of a plan's statement straight into records or Kotlin classes, without making entities first.
 * Compiled once per (plan, type) from the type's {@link EntityMapper} tree, so every check and message is the
 * mapper's; the rows are then read with the {@link dev.canopy.hydrate.Hydrator}'s rules: identity is the tuple of key
 * values, a repeated key reuses the previous row's object, a child is made once per parent, rising keys never
 * consult a map and rows in any order still hydrate correctly.
 *
 * <p>Two kinds of node. A node whose mapped includes are all to-one and joined (a comment with its author) is
 * <em>immediate</em>: everything it holds is on the row that first shows it, so it is constructed there, by one
 * method handle compiled per node that reads each argument from its result column (primitives without boxing) and
 * calls the constructor. Any other node (one with to-many or separately loaded includes) gets a {@link Shell}: its
 * arguments and its children until the rows are read, and is constructed afterwards, children first. Includes the
 * type does not map are not read at all; separate includes it does not map are not loaded.
 *
 * <p>Types whose components take {@code Entity} objects are not read directly ({@link #compile} returns null): they
 * go through the entities as before.
 */
public final class TypedReader implements ResultReader<TypedReader.Rows> {
    private final Node[] nodes;
    /** The mapped nodes a row visits, in plan order: the root, shells and immediate nodes whose parent is a shell. */
    private final int[] visit;
    private final @Nullable ValueReader partition;
    private final boolean rightJoined;
    private final boolean numericRoot;
    /** The separate includes the type maps, each with its own reader. */
    private final List<FetchLink> fetches;
    private final boolean[] recorded;
    /** The plan's own row loop, where every node a row visits keys by one number ({@link TypedLoopWriter}). */
    private final LazyLoop<Loop> loop;

    /** A plan's row loop written for this reader: reads every remaining row into the pass; how many it read. */
    interface Loop {
        long read(ResultSet rs, Pass pass) throws SQLException;
    }

    /**
     * A separate include the type maps: which node's shells it hangs from, its link there, where the shells keep the
     * parent key, and the reader of its statement.
     */
    public record FetchLink(Fetch fetch, int parentNode, int link, int keyPosition, TypedReader reader) {}

    private TypedReader(Plan plan, Node[] nodes, List<FetchLink> fetches, @Nullable Dialect dialect, @Nullable Long compileAfter) {
        this.nodes = nodes;
        this.fetches = fetches;
        List<PlanNode> planNodes = plan.nodes();
        List<Integer> v = new ArrayList<>();
        for (Node n : nodes) {
            if (n != null && (n.index == 0 || !nodes[n.parent].immediate)) {
                v.add(n.index);
            }
        }
        visit = v.stream().mapToInt(Integer::intValue).toArray();
        partition = plan.isKeyed() ? ValueReader.of(Objects.requireNonNull(plan.partition()).type(), dialect) : null;
        rightJoined = planNodes.stream().anyMatch(n -> n.join() == JoinKind.RIGHT && n.parent() >= 0);
        numericRoot = nodes[0].numeric && partition == null && !rightJoined;
        recorded = new boolean[nodes.length];
        for (FetchLink f : fetches) {
            recorded[f.parentNode()] = true;
        }
        boolean allNumeric = numericRoot && visit.length <= LoopWriter.MAX_NODES;
        for (int i : visit) {
            allNumeric &= nodes[i].numeric;
        }
        loop = allNumeric ? LazyLoop.after(compileAfter, () -> TypedLoopWriter.write(nodes, visit)) : LazyLoop.never();
    }

    /**
     * The direct reader of a plan's rows into the type of {@code mapper} (compiled for the plan's root), or null when
     * the type takes entities somewhere and must be mapped from them.
     */
    static @Nullable TypedReader compile(Plan plan, EntityMapper<?> mapper, @Nullable Dialect dialect) {
        return compile(plan, mapper, dialect, null);
    }

    /**
     * As {@link #compile(Plan, EntityMapper, Dialect)}, writing the plan's own row loop after {@code compileAfter} rows
     * (0: at once; {@link Long#MAX_VALUE}: never; null: {@link LazyLoop}'s default).
     */
    static @Nullable TypedReader compile(Plan plan, EntityMapper<?> mapper, @Nullable Dialect dialect, @Nullable Long compileAfter) {
        if (takesEntities(mapper)) {
            return null;
        }
        Node[] nodes = new Node[plan.nodes().size()];
        List<FetchLink> fetches = new ArrayList<>();
        map(plan, 0, mapper, nodes, fetches, dialect);
        for (int i = nodes.length - 1; i >= 0; i--) {
            if (nodes[i] != null) {
                nodes[i].finishCompiling(nodes);
            }
        }
        for (Node n : nodes) {
            if (n != null && n.immediate && (n.parent < 0 || !nodes[n.parent].immediate)) {
                n.make = Inlined.of(Objects.requireNonNull(n.maker));
            }
        }
        return new TypedReader(plan, nodes, List.copyOf(fetches), dialect, compileAfter);
    }

    private static boolean takesEntities(EntityMapper<?> m) {
        for (Spec s : m.specs()) {
            if (s.isLink() && (s.child() == null || takesEntities(s.child()))
                    || s.column() != null && s.column().getter() != null) {
                return true;
            }
        }
        return false;
    }

    private static void map(Plan plan, int index, EntityMapper<?> mapper, Node[] nodes, List<FetchLink> fetches, @Nullable Dialect dialect) {
        PlanNode pn = plan.nodes().get(index);
        Node node = new Node(plan, pn, mapper, dialect);
        nodes[index] = node;
        for (Spec s : mapper.specs()) {
            if (!s.isLink()) {
                continue;
            }
            PlanNode.Link l = pn.links().get(s.link());
            EntityMapper<?> child = Objects.requireNonNull(s.child());
            node.mapped[s.link()] = true;
            if (l.node() >= 0) {
                if (nodes[l.node()] == null) {
                    map(plan, l.node(), child, nodes, fetches, dialect);
                }
                node.linkNumeric[s.link()] = nodes[l.node()].numeric;
            } else if (node.fetchOf(l.fetch()) < 0) {
                Fetch f = plan.fetches().get(l.fetch());
                TypedReader reader = Objects.requireNonNull(compile(f.plan(), child, dialect));
                fetches.add(new FetchLink(f, index, s.link(), node.addFetchKey(l.fetch(), f.parentKey(), dialect), reader));
            }
        }
    }

    /** The separate includes this reader's type maps. */
    public List<FetchLink> fetches() {
        return fetches;
    }

    @Override
    public Result<Rows> read(ResultSet rs) throws SQLException {
        Pass pass = new Pass();
        Loop written = loop.get();
        if (written != null) {
            long rows = written.read(rs, pass);
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

    // ---- compiled per node --------------------------------------------------------------------------------------

    /** One mapped plan node: where its key and arguments are on the row, and how its objects are made. */
    static final class Node {
        final int index;
        final int parent;
        /** This node's link index in its parent's links. */
        final int link;
        final boolean toMany;
        final EntityMapper<?> mapper;
        final PlanNode plan;
        final int[] keySlots;
        final ValueReader[] keyReaders;
        final boolean numeric;
        final boolean intKey;
        final int[] allSlots;
        /** Per link of the plan node: whether the type maps it, and whether its child node keys by one number. */
        final boolean[] mapped;
        final boolean[] linkNumeric;
        /** For a shell: per component, the reader of an attribute (null for an include). */
        final ColumnRead[] columnReads;
        /** Fetch indexes of the plan this node is the parent of, and where a shell keeps each's parent key. */
        int[] fetchIndexes = new int[0];
        ValueReader[] fetchKeyReaders = new ValueReader[0];
        int[] fetchKeySlots = new int[0];
        boolean immediate;
        /** For an immediate node: {@code (ResultSet) Object}, the constructed object of the current row. */
        @Nullable MethodHandle maker;
        /**
         * For an immediate node that a row visits (its parent is not immediate): {@link #maker} as a constant the
         * compiler inlines, getters and constructor together (see {@link Inlined}).
         */
        Inlined.@Nullable Function make;
        private final @Nullable Dialect dialect;

        Node(Plan p, PlanNode n, EntityMapper<?> mapper, @Nullable Dialect dialect) {
            this.index = n.index();
            this.parent = n.parent();
            this.plan = n;
            this.mapper = mapper;
            this.dialect = dialect;
            this.toMany = n.isToMany();
            int l = -1;
            if (n.parent() >= 0) {
                List<PlanNode.Link> siblings = p.nodes().get(n.parent()).links();
                for (int i = 0; i < siblings.size(); i++) {
                    if (siblings.get(i).node() == n.index()) {
                        l = i;
                    }
                }
            }
            this.link = l;
            List<Column<?>> cols = n.columns();
            keySlots = new int[n.keyOffsets().length];
            keyReaders = new ValueReader[keySlots.length];
            for (int k = 0; k < keySlots.length; k++) {
                keySlots[k] = n.firstSlot() + n.keyOffsets()[k];
                keyReaders[k] = ValueReader.of(cols.get(n.keyOffsets()[k]).type(), dialect);
            }
            // the columns, then the computed attributes (a grouped report's row may hold only those)
            allSlots = new int[cols.size() + n.computed().size()];
            for (int i = 0; i < cols.size(); i++) {
                allSlots[i] = n.firstSlot() + i;
            }
            for (int i = 0; i < n.computed().size(); i++) {
                allSlots[cols.size() + i] = n.computed().get(i).slot();
            }
            DataType.Kind kind = keySlots.length == 1 ? cols.get(n.keyOffsets()[0]).type().kind() : null;
            numeric = kind == DataType.Kind.INTEGER || kind == DataType.Kind.BIGINT;
            intKey = kind == DataType.Kind.INTEGER;
            mapped = new boolean[n.links().size()];
            linkNumeric = new boolean[n.links().size()];
            List<Spec> specs = mapper.specs();
            columnReads = new ColumnRead[specs.size()];
            for (int c = 0; c < specs.size(); c++) {
                Spec s = specs.get(c);
                if (!s.isLink()) {
                    columnReads[c] = new ColumnRead(s.type(), ValueReader.of(s.type(), dialect), slotOf(s), s.conversion(), s.optional(), s.label());
                }
            }
        }

        /** The result column of an attribute component: its column's, or the computed attribute's own. */
        int slotOf(Spec s) {
            return s.computed() != null ? s.computed().slot() : slotOf(Objects.requireNonNull(s.column()));
        }

        int slotOf(Column<?> col) {
            List<Column<?>> cols = plan.columns();
            for (int i = 0; i < cols.size(); i++) {
                if (cols.get(i).index() == col.index()) {
                    return plan.firstSlot() + i;
                }
            }
            throw new IllegalStateException(col + " is not read by node " + plan.alias());
        }

        int fetchOf(int fetch) {
            for (int i = 0; i < fetchIndexes.length; i++) {
                if (fetchIndexes[i] == fetch) {
                    return i;
                }
            }
            return -1;
        }

        int addFetchKey(int fetch, Column<?> parentKey, @Nullable Dialect d) {
            int k = fetchIndexes.length;
            fetchIndexes = Arrays.copyOf(fetchIndexes, k + 1);
            fetchIndexes[k] = fetch;
            fetchKeyReaders = Arrays.copyOf(fetchKeyReaders, k + 1);
            fetchKeyReaders[k] = ValueReader.of(parentKey.type(), d);
            fetchKeySlots = Arrays.copyOf(fetchKeySlots, k + 1);
            fetchKeySlots[k] = slotOf(parentKey);
            return k;
        }

        /** Decides whether the node is immediate (its mapped children are decided already) and compiles its maker. */
        void finishCompiling(Node[] nodes) {
            boolean imm = fetchIndexes.length == 0;
            for (int l = 0; l < mapped.length && imm; l++) {
                if (mapped[l]) {
                    PlanNode.Link pl = plan.links().get(l);
                    imm = !pl.toMany() && pl.node() >= 0 && nodes[pl.node()].immediate;
                }
            }
            immediate = imm;
            if (imm) {
                maker = Makers.node(this, nodes, dialect);
            }
        }

        boolean keyed() {
            return keySlots.length > 0;
        }

        long longKey(ResultSet rs) throws SQLException {
            return intKey ? rs.getInt(keySlots[0]) : rs.getLong(keySlots[0]);
        }

        /** The row's key: the value for one column, a value-wise list for several (or {@code previous} if equal). */
        @Nullable Object key(ResultSet rs, @Nullable Object previous) throws SQLException {
            if (keySlots.length == 1) {
                return keyReaders[0].read(rs, keySlots[0]);
            }
            if (keySlots.length == 0) {
                return null;
            }
            Object[] parts = new Object[keySlots.length];
            boolean any = false;
            boolean same = previous instanceof List && ((List<?>) previous).size() == parts.length;
            for (int k = 0; k < parts.length; k++) {
                parts[k] = keyReaders[k].read(rs, keySlots[k]);
                any |= parts[k] != null;
                same = same && Objects.equals(parts[k], ((List<?>) previous).get(k));
            }
            if (!any) {
                return null;
            }
            return same ? previous : Arrays.asList(parts);
        }

        boolean allNull(ResultSet rs) throws SQLException {
            for (int slot : allSlots) {
                if (rs.getObject(slot) != null) {
                    return false;
                }
            }
            return true;
        }

        /** Whether the current row holds an object of this node (for a to-one child of an immediate node). */
        boolean present(ResultSet rs) throws SQLException {
            if (numeric) {
                longKey(rs);
                return !rs.wasNull();
            }
            return keyed() ? key(rs, null) != null : !allNull(rs);
        }

        /** The object of the current row: constructed at once (immediate), or a shell to fill. */
        Object make(ResultSet rs, long key, IntBoxes boxes) throws SQLException {
            if (immediate) {
                return Makers.invoke(Objects.requireNonNull(make), rs, mapper);
            }
            Object[] args = new Object[columnReads.length];
            for (int c = 0; c < args.length; c++) {
                ColumnRead r = columnReads[c];
                if (r != null) {
                    args[c] = r.read(rs, boxes);
                }
            }
            Object[] fetchKeys = null;
            if (fetchKeySlots.length > 0) {
                fetchKeys = new Object[fetchKeySlots.length];
                for (int k = 0; k < fetchKeys.length; k++) {
                    fetchKeys[k] = fetchKeyReaders[k].read(rs, fetchKeySlots[k]);
                }
            }
            Children[] children = new Children[mapped.length];
            for (int l = 0; l < children.length; l++) {
                if (mapped[l]) {
                    children[l] = new Children(plan.links().get(l).toMany(), linkNumeric[l]);
                }
            }
            return new Shell(this, args, children, fetchKeys, key);
        }
    }

    /** One attribute argument of a shell: read, converted, wrapped as the component asks (as {@link Part#column}). */
    private record ColumnRead(ValueReader reader, int slot, Conversion conversion, boolean optional, String label, boolean plainInt) {
        ColumnRead(DataType<?> type, ValueReader reader, int slot, Conversion conversion, boolean optional, String label) {
            this(reader, slot, conversion, optional, label, type.kind() == DataType.Kind.INTEGER && conversion == Conversion.IDENTITY && !optional);
        }

        @Nullable Object read(ResultSet rs, IntBoxes boxes) throws SQLException {
            if (plainInt) {
                int v = rs.getInt(slot);
                return v == 0 && rs.wasNull() ? null : boxes.box(v);
            }
            return Makers.column(reader, slot, conversion, optional, label, rs);
        }
    }

    // ---- what a pass makes --------------------------------------------------------------------------------------

    /** An object of a node with to-many or separate includes, while rows are read: its arguments and children. */
    public static final class Shell {
        private final Node node;
        private final Object[] args;
        private final Children[] children;
        private final @Nullable Object @Nullable [] fetchKeys;
        private final long key;
        private @Nullable Object built;

        Shell(Node node, Object[] args, Children[] children, @Nullable Object @Nullable [] fetchKeys, long key) {
            this.node = node;
            this.args = args;
            this.children = children;
            this.fetchKeys = fetchKeys;
            this.key = key;
        }

        /** Constructs the object, children first; once (a shell under several parents is one object). */
        Object build() {
            if (built != null) {
                return built;
            }
            List<Spec> specs = node.mapper.specs();
            Object[] a = args;
            for (int c = 0; c < a.length; c++) {
                Spec s = specs.get(c);
                if (!s.isLink()) {
                    continue;
                }
                Children ch = children[s.link()];
                if (s.many()) {
                    a[c] = ch.buildList();
                } else {
                    Object one = ch.size == 0 ? null : built(ch.items[0]);
                    a[c] = s.optional() ? Optional.ofNullable(one) : one;
                }
            }
            built = node.mapper.construct(a);
            return built;
        }
    }

    static Object built(Object o) {
        return o instanceof Shell ? ((Shell) o).build() : o;
    }

    /** The children of one link of a shell, in the order of their first row, with their keys while reading. */
    private static final class Children {
        private static final Object[] NONE = new Object[0];
        final boolean many;
        final boolean numeric;
        Object[] items = NONE;
        long @Nullable [] keys;
        int size;
        @Nullable Map<Object, Object> index;

        Children(boolean many, boolean numeric) {
            this.many = many;
            this.numeric = numeric;
        }

        /** Makes room for {@code capacity} children (the size of the previous sibling's list: lists come alike). */
        void open(int capacity) {
            if (items.length == 0) {
                items = new Object[capacity];
                keys = numeric ? new long[capacity] : null;
            }
        }

        void add(Object item, long key) {
            if (!many) {
                if (items.length == 0) {
                    items = new Object[1];
                    keys = numeric ? new long[1] : null;
                }
                items[0] = item;
                if (keys != null) {
                    keys[0] = key;
                }
                size = 1;
                return;
            }
            if (size == items.length) {
                int n = Math.max(4, size + (size >> 1));
                items = Arrays.copyOf(items, n);
                if (numeric) {
                    keys = keys == null ? new long[n] : Arrays.copyOf(keys, n);
                }
            }
            items[size] = item;
            if (keys != null) {
                keys[size] = key;
            }
            size++;
        }

        Map<Object, Object> index() {
            if (index == null) {
                index = new HashMap<>();
            }
            return index;
        }

        List<Object> buildList() {
            if (size == 0) {
                return List.of();
            }
            for (int i = 0; i < size; i++) {
                items[i] = built(items[i]);
            }
            index = null;
            keys = null;
            return new FrozenList(items, size);
        }
    }

    /** The mapped roots a pass made, with what separate includes need: parent keys and partitions. */
    public final class Rows {
        private final List<Object> roots;
        private final @Nullable List<Object> partitions;
        private final @Nullable List<Shell>[] byNode;

        Rows(List<Object> roots, @Nullable List<Object> partitions, @Nullable List<Shell>[] byNode) {
            this.roots = roots;
            this.partitions = partitions;
            this.byNode = byNode;
        }

        /** How many roots. */
        public int size() {
            return roots.size();
        }

        /**
         * The distinct parent keys a separate include refers to, each with the shells holding it (one key may be held
         * by several: the same row reached under different grandparents). Parents are the roots of this pass when the
         * include hangs from node 0.
         */
        public Map<Object, List<Shell>> parentsByKey(FetchLink f) {
            Map<Object, List<Shell>> byKey = new HashMap<>();
            List<Shell> parents = byNode[f.parentNode()];
            if (parents == null) {
                return byKey;
            }
            for (Shell p : parents) {
                Object key = Objects.requireNonNull(p.fetchKeys)[f.keyPosition()];
                if (key != null) {
                    byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(p);
                }
            }
            return byKey;
        }

        /** Puts each root of {@code children} (the include's statement) under the shells that hold its parent key. */
        public void stitch(FetchLink f, Map<Object, List<Shell>> parentsByKey, TypedReader.Rows children) {
            List<Object> parts = Objects.requireNonNull(children.partitions, "not a separate include's rows");
            for (int i = 0; i < children.roots.size(); i++) {
                List<Shell> parents = parentsByKey.get(parts.get(i));
                if (parents != null) {
                    for (Shell p : parents) {
                        p.children[f.link()].add(children.roots.get(i), 0);
                    }
                }
            }
        }

        /** The roots constructed, in order; an unmodifiable list. Call once every separate include is stitched. */
        @SuppressWarnings("unchecked")
        public <T> List<T> build() {
            Object[] out = new Object[roots.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = built(roots.get(i));
            }
            return (List<T>) (List<?>) new FrozenList(out, out.length);
        }
    }

    // ---- one pass -------------------------------------------------------------------------------------------------

    /** The state of one pass over rows: as {@link dev.canopy.hydrate.Hydrator.Pass}, over shells and objects. */
    public final class Pass implements dev.canopy.hydrate.RowPass<Rows> {
        private final Map<Object, Object> roots = new LinkedHashMap<>();
        private @Nullable Map<Object, Object> rootIndex;
        private final List<Object> out = new ArrayList<>();
        private long[] rootKeys = new long[16];
        private final @Nullable List<Object> partitions = partition == null ? null : new ArrayList<>();
        private final @Nullable List<Shell>[] byNode;
        private final Object[] current = new Object[nodes.length];
        private final @Nullable Object[] lastKey = new Object[nodes.length];
        private final long[] lastLongKey = new long[nodes.length];
        private final Object[] lastParent = new Object[nodes.length];
        private final Object[] lastItem = new Object[nodes.length];
        /** Per node, the children list opened last, whose size the next one starts with. */
        private final @Nullable Children[] lastOpened = new Children[nodes.length];
        private final IntBoxes boxes;
        /**
         * Whether the object {@link #numericRoot} or {@link #numericChild} just returned is the newest of its parent's
         * children (or of the roots), with no identity map of them; and whether it was made on this row. A written loop
         * reads them for its shortcuts (a greater key past the newest child is new; a child of a parent made on this row
         * is new).
         */
        boolean newest;
        boolean made;

        Pass() {
            this(new IntBoxes());
        }

        /** A new pass over the following rows of the same result set (a stream's next roots). */
        public Pass next() {
            return new Pass(boxes);
        }

        @SuppressWarnings("unchecked")
        private Pass(IntBoxes boxes) {
            this.boxes = boxes;
            byNode = new List[nodes.length];
            for (int i = 0; i < byNode.length; i++) {
                byNode[i] = recorded[i] ? new ArrayList<>() : null;
            }
        }

        /** How many roots this pass has made. */
        public int rootCount() {
            return out.size();
        }

        /** Whether the current row starts a root other than the last row's. */
        public boolean startsNewRoot(ResultSet rs) throws SQLException {
            if (lastItem[0] == null) {
                return true;
            }
            if (numericRoot) {
                long key = nodes[0].longKey(rs);
                return (key == 0 && rs.wasNull()) || key != lastLongKey[0];
            }
            return !Objects.equals(rootKey(rs, partition == null ? null : partition.read(rs, 1)), lastKey[0]);
        }

        /** Reads the current row. */
        public void row(ResultSet rs) throws SQLException {
            for (int i : visit) {
                Node n = nodes[i];
                Shell parent = null;
                if (i > 0) {
                    parent = (Shell) current[n.parent];
                    if (parent == null) {
                        current[i] = null;
                        continue;
                    }
                }
                current[i] = (i == 0 ? numericRoot : n.numeric) ? numericRow(i, n, parent, rs) : generalRow(i, n, parent, rs);
            }
        }

        private @Nullable Object numericRow(int i, Node n, @Nullable Shell parent, ResultSet rs) throws SQLException {
            long key = n.longKey(rs);
            if (key == 0 && rs.wasNull()) {
                return null;
            }
            Object last = lastItem[i];
            if (last != null && lastParent[i] == parent && lastLongKey[i] == key) {
                return last;
            }
            Object e = parent == null ? numericRoot(n, key, rs) : numericChild(i, n, parent, key, rs);
            lastLongKey[i] = key;
            lastParent[i] = parent;
            lastItem[i] = e;
            return e;
        }

        /** The root whose key is {@code key}, found or made: past the primitive path's checks, and a written loop's. */
        Object numericRoot(Node n, long key, ResultSet rs) throws SQLException {
            newest = true;
            made = false;
            if (rootIndex == null) {
                if (out.isEmpty() || key > rootKeys[out.size() - 1]) {
                    return newRoot(n, key, rs);
                }
                rootIndex = new HashMap<>();
                for (int k = 0; k < out.size(); k++) {
                    rootIndex.put(Long.valueOf(rootKeys[k]), out.get(k));
                }
            }
            newest = false;
            Long boxed = Long.valueOf(key);
            Object e = rootIndex.get(boxed);
            if (e == null) {
                e = newRoot(n, key, rs);
                rootIndex.put(boxed, e);
            }
            return e;
        }

        /** A root with a key no root has had, made and added last. */
        Object newRoot(Node n, long key, ResultSet rs) throws SQLException {
            Object e = n.make(rs, key, boxes);
            made = true;
            addRoot(e, key, null);
            return e;
        }

        /** A new child of {@code parent} on node {@code i}, made and attached last. */
        Object newChild(int i, Node n, Shell parent, long key, ResultSet rs) throws SQLException {
            return attachNew(i, n, parent.children[n.link], rs, key);
        }

        /** The child of {@code parent} on node {@code i} whose key is {@code key}, found or made and attached. */
        Object numericChild(int i, Node n, Shell parent, long key, ResultSet rs) throws SQLException {
            newest = true;
            made = false;
            Children ch = parent.children[n.link];
            Map<Object, Object> index = ch.index;
            if (index == null) {
                if (ch.size == 0) {
                    return attachNew(i, n, ch, rs, key);
                }
                long[] keys = Objects.requireNonNull(ch.keys);
                long lastOfParent = keys[ch.size - 1];
                if (key == lastOfParent) {
                    return ch.items[ch.size - 1];
                }
                if (n.toMany && key > lastOfParent) {
                    return attachNew(i, n, ch, rs, key);
                }
                index = ch.index();
                for (int k = 0; k < ch.size; k++) {
                    index.put(Long.valueOf(keys[k]), ch.items[k]);
                }
            }
            newest = false;
            Long boxed = Long.valueOf(key);
            Object e = index.get(boxed);
            if (e == null) {
                e = attachNew(i, n, ch, rs, key);
                index.put(boxed, e);
            }
            return e;
        }

        private @Nullable Object generalRow(int i, Node n, @Nullable Shell parent, ResultSet rs) throws SQLException {
            Object part = i == 0 && partition != null ? partition.read(rs, 1) : null;
            Object key = i == 0 ? rootKey(rs, part) : n.key(rs, lastKey[i]);
            Object e;
            if (key == null) {
                boolean orphanRow = i == 0 && rightJoined;
                if (n.keyed() ? !orphanRow : (!orphanRow && n.allNull(rs))) {
                    return null;
                }
                if (parent == null) {
                    e = n.make(rs, 0, boxes);
                    addRoot(e, 0, part);
                } else {
                    e = attachNew(i, n, parent.children[n.link], rs, 0);
                }
                return e;
            }
            if (lastItem[i] != null && lastParent[i] == parent && key.equals(lastKey[i])) {
                return lastItem[i];
            }
            if (parent == null) {
                e = roots.get(key);
                if (e == null) {
                    e = n.make(rs, 0, boxes);
                    roots.put(key, e);
                    addRoot(e, 0, part);
                }
            } else {
                Children ch = parent.children[n.link];
                Map<Object, Object> index = ch.index();
                e = index.get(key);
                if (e == null) {
                    e = attachNew(i, n, ch, rs, 0);
                    index.put(key, e);
                }
            }
            lastKey[i] = key;
            lastParent[i] = parent;
            lastItem[i] = e;
            return e;
        }

        private @Nullable Object rootKey(ResultSet rs, @Nullable Object part) throws SQLException {
            Object key = nodes[0].key(rs, null);
            if (partition == null || key == null) {
                return key;
            }
            Object last = lastKey[0];
            if (last instanceof List && Objects.equals(((List<?>) last).get(0), part) && key.equals(((List<?>) last).get(1))) {
                return last;
            }
            return Arrays.asList(part, key);
        }

        private Object attachNew(int i, Node n, Children ch, ResultSet rs, long key) throws SQLException {
            if (ch.size == 0 && ch.many) {
                Children prev = lastOpened[i];
                ch.open(prev == null ? 4 : Math.min(64, Math.max(1, prev.size)));
                lastOpened[i] = ch;
            }
            Object e = n.make(rs, key, boxes);
            made = true;
            ch.add(e, key);
            record(i, e);
            return e;
        }

        private void record(int node, Object e) {
            List<Shell> list = byNode[node];
            if (list != null) {
                list.add((Shell) e);
            }
        }

        private void addRoot(Object e, long key, @Nullable Object part) {
            int at = out.size();
            out.add(e);
            if (at == rootKeys.length) {
                rootKeys = Arrays.copyOf(rootKeys, at * 2);
            }
            rootKeys[at] = key;
            if (partitions != null) {
                partitions.add(part);
            }
            record(0, e);
        }

        /** What this pass made. */
        public Rows finish() {
            return new Rows(out, partitions, byNode);
        }
    }

    // ---- the method handles of immediate nodes -------------------------------------------------------------------

    /** Builds and calls the makers of immediate nodes. */
    static final class Makers {
        private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
        private static final MethodHandle GET_INT;
        private static final MethodHandle GET_LONG;
        private static final MethodHandle GET_STRING;
        private static final MethodHandle COLUMN;
        private static final MethodHandle PRESENT;
        private static final MethodHandle OPTIONAL;

        static {
            try {
                GET_INT = LOOKUP.findVirtual(ResultSet.class, "getInt", MethodType.methodType(int.class, int.class));
                GET_LONG = LOOKUP.findVirtual(ResultSet.class, "getLong", MethodType.methodType(long.class, int.class));
                GET_STRING = LOOKUP.findVirtual(ResultSet.class, "getString", MethodType.methodType(String.class, int.class));
                COLUMN = LOOKUP.findStatic(Makers.class, "column", MethodType.methodType(Object.class, ValueReader.class, int.class,
                        Conversion.class, boolean.class, String.class, ResultSet.class));
                PRESENT = LOOKUP.findVirtual(Node.class, "present", MethodType.methodType(boolean.class, ResultSet.class));
                OPTIONAL = LOOKUP.findStatic(Optional.class, "ofNullable", MethodType.methodType(Optional.class, Object.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private Makers() {}

        /** An attribute's argument: read, converted, wrapped in an Optional if asked (as {@link Part#column}). */
        static @Nullable Object column(ValueReader reader, int slot, Conversion conversion, boolean optional, String label, ResultSet rs)
                throws SQLException {
            Object v = reader.read(rs, slot);
            if (v == null) {
                return optional ? Optional.empty() : null;
            }
            Object c;
            try {
                c = conversion == Conversion.IDENTITY ? v : conversion.apply(v);
            } catch (RuntimeException ex) {
                MappingException m = new MappingException(label + ": cannot convert " + v + " (" + v.getClass().getSimpleName() + "): " + ex.getMessage());
                m.initCause(ex);
                throw m;
            }
            return optional ? Optional.of(c) : c;
        }

        /** {@code (ResultSet) Object}: reads every argument of an immediate node from the row and calls its constructor. */
        static MethodHandle node(Node n, Node[] nodes, @Nullable Dialect dialect) {
            MethodHandle ctor = n.mapper.directConstructor();
            List<Spec> specs = n.mapper.specs();
            int k = specs.size();
            MethodHandle[] filters = new MethodHandle[k];
            for (int c = 0; c < k; c++) {
                Spec s = specs.get(c);
                Class<?> param = ctor.type().parameterType(c);
                MethodHandle f;
                if (s.isLink()) {
                    Node child = nodes[n.plan.links().get(s.link()).node()];
                    MethodHandle make = Objects.requireNonNull(child.maker);
                    MethodHandle none = MethodHandles.dropArguments(MethodHandles.constant(Object.class, null), 0, ResultSet.class);
                    f = MethodHandles.guardWithTest(PRESENT.bindTo(child), make, none);
                    if (s.optional()) {
                        f = MethodHandles.filterReturnValue(f, OPTIONAL);
                    }
                } else {
                    f = column(s, n.slotOf(s), param, dialect);
                }
                filters[c] = f.asType(MethodType.methodType(param, ResultSet.class));
            }
            MethodHandle h;
            if (k == 0) {
                h = MethodHandles.dropArguments(ctor, 0, ResultSet.class);
            } else {
                h = MethodHandles.filterArguments(ctor, 0, filters);
                h = MethodHandles.permuteArguments(h, MethodType.methodType(ctor.type().returnType(), ResultSet.class), new int[k]);
            }
            return h.asType(MethodType.methodType(Object.class, ResultSet.class));
        }

        /** Reads an attribute as its parameter: a primitive getter when nothing can be null or converted, else as a shell does. */
        private static MethodHandle column(Spec s, int slot, Class<?> param, @Nullable Dialect dialect) {
            DataType<?> type = s.type();
            DataType.Kind kind = type.kind();
            boolean plain = s.conversion() == Conversion.IDENTITY && !s.optional();
            if (plain && param == int.class && kind == DataType.Kind.INTEGER) {
                return MethodHandles.insertArguments(GET_INT, 1, slot);
            }
            if (plain && param == long.class && kind == DataType.Kind.BIGINT) {
                return MethodHandles.insertArguments(GET_LONG, 1, slot);
            }
            if (plain && (kind == DataType.Kind.STRING || kind == DataType.Kind.TEXT) && param.isAssignableFrom(String.class)) {
                return MethodHandles.insertArguments(GET_STRING, 1, slot);
            }
            return MethodHandles.insertArguments(COLUMN, 0, ValueReader.of(type, dialect), slot, s.conversion(), s.optional(), s.label());
        }

        static Object invoke(Inlined.Function maker, ResultSet rs, EntityMapper<?> mapper) throws SQLException {
            try {
                return maker.apply(rs);
            } catch (SQLException | Error | MappingException e) {
                throw e;
            } catch (Throwable e) {
                throw mapper.failed(e);
            }
        }
    }
}
