package dev.canopy.hydrate;

import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Writes a plan's row loop as a hidden class of its own: the loop over rows, and per node the checks that decide
 * whether the row's object is the previous row's, with the node's key column, parent and link written in and its state
 * (last key, last object, last parent) in local variables. Shared by the Entity path ({@link EntityLoopWriter}) and the
 * typed reader; each says how its objects are found, made and attached.
 *
 * <p>Why: profiling hydration alone showed that the data structures cost little (a loop written by hand for one
 * query, filling Canopy's own entities, runs faster than the hand-written JDBC loop) and that the generic loop's
 * per-row, per-node control flow costs most: the node's index, parent, key column and link are read from arrays and
 * its last key and object from the pass's arrays, and the JIT cannot specialise one loop shared by every plan to each.
 * The generated loop is that specialisation. Constants (node readers, shapes, value readers) are {@code static final}
 * fields filled from the hidden class's class data, so the JIT treats them as constants and inlines through them.
 *
 * <p>Only for plans whose every visited node has one {@code int} or {@code long} key column and that have no
 * partition and no right join: the primitive path of both passes. The rules are the Entity pass's own, in the same
 * order: a null key means no object; a child of a parent made on this row is new; the previous row's key under the
 * same parent is the previous row's object; a greater key under the same parent whose newest child the node made last
 * is new (to-many links and roots only); anything else goes to the pass, which consults the parent's children and
 * builds identity maps, so that rows in any order still hydrate correctly.
 *
 * <p>The bytecode is written with ASM, the library ByteBuddy itself is built on: the loop is control flow, which
 * ByteBuddy's own API leaves to ASM anyway. The class is defined in the package of the lookup it is given, and is
 * unloaded with the reader that holds it.
 */
public abstract class LoopWriter {
    /** Past this many nodes no loop is written: one method must stay well under the JIT's size limit. */
    public static final int MAX_NODES = 24;

    protected static final Type OBJECT = Type.getType(Object.class);
    protected static final Type RESULT_SET = Type.getType(ResultSet.class);
    protected static final Method GET_INT = method(ResultSet.class, "getInt", int.class);
    protected static final Method GET_LONG = method(ResultSet.class, "getLong", int.class);
    protected static final Method GET_STRING = method(ResultSet.class, "getString", int.class);
    protected static final Method WAS_NULL = method(ResultSet.class, "wasNull");
    private static final Method NEXT = method(ResultSet.class, "next");
    private static final Method CLASS_DATA = method(MethodHandles.class, "classData", MethodHandles.Lookup.class, String.class, Class.class);
    private static final Method LOOKUP = method(MethodHandles.class, "lookup");
    private static final Method NO_ARGUMENTS = new Method("<init>", "()V");

    private final MethodHandles.Lookup lookup;
    private final Class<?> loopInterface;
    private final Method read;
    /** The type of the pass (the read method's second parameter) and of the objects a node makes. */
    protected final Type pass;
    protected final Type item;
    /** The generated class. */
    protected final Type generated;
    private final int[] order;
    private final int[] parents;
    private final int[] keySlots;
    private final boolean[] intKeys;
    private final boolean[] toMany;
    private final List<Object> data = new ArrayList<>();
    private final List<String> fieldNames = new ArrayList<>();
    private final List<Type> fieldTypes = new ArrayList<>();

    /**
     * @param lookup        a full-privilege lookup of the package the class goes to (the pass's)
     * @param loopInterface the interface the class implements: one method, {@code long read(ResultSet, P pass)}, which
     *                      reads every remaining row into the pass and returns how many it read
     * @param itemType      the type of a node's objects on the row
     * @param order         the nodes a row visits, in plan order, the root first
     * @param nodes         per node (by plan index), its parent and key column (only the visited nodes are read)
     */
    protected LoopWriter(MethodHandles.Lookup lookup, Class<?> loopInterface, Class<?> itemType, int[] order, Nodes nodes) {
        if (order.length > MAX_NODES) {
            throw new IllegalArgumentException(order.length + " nodes, more than the " + MAX_NODES + " a row loop is written for");
        }
        java.lang.reflect.Method m = loopInterface.getMethods()[0];
        this.lookup = lookup;
        this.loopInterface = loopInterface;
        this.read = Method.getMethod(m);
        this.pass = Type.getType(m.getParameterTypes()[1]);
        this.item = Type.getType(itemType);
        this.generated = Type.getObjectType(lookup.lookupClass().getPackageName().replace('.', '/') + "/CompiledRowLoop");
        this.order = order.clone();
        this.parents = nodes.parents.clone();
        this.keySlots = nodes.keySlots.clone();
        this.intKeys = nodes.intKeys.clone();
        this.toMany = nodes.toMany.clone();
    }

    /** What the loop needs to know of each node, by plan index: filled by the subclass for the nodes a row visits. */
    protected static final class Nodes {
        final int[] parents;
        final int[] keySlots;
        final boolean[] intKeys;
        final boolean[] toMany;

        public Nodes(int count) {
            parents = new int[count];
            keySlots = new int[count];
            intKeys = new boolean[count];
            toMany = new boolean[count];
        }

        /**
         * Node {@code node}: its parent's index, its single key column, whether that column is an {@code int} (else a
         * {@code long}) and whether the node hangs from a to-many link.
         */
        public void set(int node, int parent, int keySlot, boolean intKey, boolean many) {
            parents[node] = parent;
            keySlots[node] = keySlot;
            intKeys[node] = intKey;
            toMany[node] = many;
        }
    }

    /**
     * The locals of one node: from row to row its last key, last object and last parent, whether that object is the
     * newest of its parent's children, and whether it was made on this row; and its object on this row (null: none).
     */
    protected record NodeLocals(int key, int last, int lastParent, int newest, int made, int current) {}

    /** Writes what the loop needs before its first row (locals of the subclass's own), into {@code read}. */
    protected void beforeLoop(GeneratorAdapter g) {}

    /** Writes methods of the class the loop calls (the makers of objects), before the loop. */
    protected void writeMethods(ClassWriter cw) {}

    /**
     * Pushes the root of the row, found or made by the pass ({@code key} holds its key, the locals of {@code self}
     * its last root). The pass leaves its {@code boolean} fields {@code made} (whether the root was made on this row)
     * and {@code newest} (whether it is the newest root, with no identity map of the roots), which the loop reads right
     * after; so does {@link #findChild}, for the parent's children.
     */
    protected abstract void findRoot(GeneratorAdapter g, int node, int key, NodeLocals self);

    /** Pushes the child of {@code parent}'s current object on node {@code node}, found or made by the pass. */
    protected abstract void findChild(GeneratorAdapter g, int node, int key, NodeLocals self, NodeLocals parent);

    /**
     * Pushes a new object of the node, made from the row and attached last to its parent's current object (or added
     * as the last root): the shortcuts' way, which the loop takes knowing the object is new.
     */
    protected abstract void makeAndAttach(GeneratorAdapter g, int node, int key, NodeLocals self, @Nullable NodeLocals parent);



    /** A static final field of the generated class holding {@code value}, which the JIT reads as a constant. */
    protected final String constant(String name, Type type, Object value) {
        fieldNames.add(name);
        fieldTypes.add(type);
        data.add(value);
        return name;
    }

    /** Loads the constant of that name and type. */
    protected final void loadConstant(GeneratorAdapter g, String name, Type type) {
        g.getStatic(generated, name, type);
    }

    /** Writes the class, defines it as a hidden class and returns its one instance, an instance of the loop interface. */
    protected final Object define() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                // the generated code keeps each local to one type; two types only meet as Object
                return a.equals(b) ? a : OBJECT.getInternalName();
            }
        };
        cw.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, generated.getInternalName(), null, OBJECT.getInternalName(),
                new String[] {Type.getInternalName(loopInterface)});
        writeMethods(cw);
        writeRead(cw);
        writeConstructor(cw);
        writeStaticInitialiser(cw);
        cw.visitEnd();
        try {
            MethodHandles.Lookup hidden = lookup.defineHiddenClassWithClassData(cw.toByteArray(), data.toArray(), true);
            return hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot define the row loop of a plan", e);
        }
    }

    // ---- read: the loop over rows ----------------------------------------------------------------------------------

    private void writeRead(ClassWriter cw) {
        GeneratorAdapter g = new GeneratorAdapter(Opcodes.ACC_PUBLIC, read, null, new Type[] {Type.getType(SQLException.class)}, cw);
        g.visitCode();
        int rows = g.newLocal(Type.LONG_TYPE);
        int key = g.newLocal(Type.LONG_TYPE);
        int found = g.newLocal(item);
        NodeLocals[] locals = new NodeLocals[parents.length];
        g.push(0L);
        g.storeLocal(rows);
        beforeLoop(g);
        for (int i : order) {
            locals[i] = new NodeLocals(g.newLocal(Type.LONG_TYPE), g.newLocal(item), g.newLocal(item),
                    g.newLocal(Type.BOOLEAN_TYPE), g.newLocal(Type.BOOLEAN_TYPE), g.newLocal(item));
            g.push(0L);
            g.storeLocal(locals[i].key);
            for (int local : new int[] {locals[i].last, locals[i].lastParent, locals[i].current}) {
                g.visitInsn(Opcodes.ACONST_NULL);
                g.storeLocal(local);
            }
            g.push(false);
            g.storeLocal(locals[i].newest);
            g.push(false);
            g.storeLocal(locals[i].made);
        }
        Label loop = g.mark();
        Label end = g.newLabel();
        g.loadArg(0);                                                 // while (rs.next()) { rows++; ...
        g.invokeInterface(RESULT_SET, NEXT);
        g.ifZCmp(GeneratorAdapter.EQ, end);
        g.loadLocal(rows);
        g.push(1L);
        g.math(GeneratorAdapter.ADD, Type.LONG_TYPE);
        g.storeLocal(rows);
        for (int i : order) {
            new NodeWriter(g, i, locals[i], i == order[0] ? null : locals[parents[i]], key, found).write();
        }
        g.goTo(loop);
        g.mark(end);
        g.loadLocal(rows);
        g.returnValue();
        g.endMethod();
    }

    /** Writes one node's part of the loop body. */
    private final class NodeWriter {
        private final GeneratorAdapter g;
        private final int i;
        private final NodeLocals self;
        private final @Nullable NodeLocals parent;
        private final int key;
        /** The local that holds the object just made or found, before it is stored in the node's locals. */
        private final int found;
        private final Label done;

        NodeWriter(GeneratorAdapter g, int i, NodeLocals self, @Nullable NodeLocals parent, int key, int found) {
            this.g = g;
            this.i = i;
            this.self = self;
            this.parent = parent;
            this.key = key;
            this.found = found;
            this.done = g.newLabel();
        }

        void write() {
            if (parent != null) {                                     // no parent on this row: no object
                Label present = g.newLabel();
                g.loadLocal(parent.current);
                g.ifNonNull(present);
                setCurrentNull();
                g.mark(present);
            }
            readKey();
            Label present = g.newLabel();                             // a null key: no object
            g.loadLocal(key);
            g.push(0L);
            g.ifCmp(Type.LONG_TYPE, GeneratorAdapter.NE, present);
            g.loadArg(0);
            g.invokeInterface(RESULT_SET, WAS_NULL);
            g.ifZCmp(GeneratorAdapter.EQ, present);
            setCurrentNull();
            g.mark(present);

            Label slow = g.newLabel();
            if (parent != null) {
                Label parentFound = g.newLabel();                     // a parent made on this row has no children yet
                g.loadLocal(parent.made);
                g.ifZCmp(GeneratorAdapter.EQ, parentFound);
                made();
                g.push(true);
                g.storeLocal(self.newest);
                g.loadLocal(parent.current);
                g.storeLocal(self.lastParent);
                g.goTo(done);
                g.mark(parentFound);
                g.loadLocal(self.lastParent);                         // under another parent than the last row's: slow
                g.loadLocal(parent.current);
                g.ifCmp(OBJECT, GeneratorAdapter.NE, slow);
            } else {
                g.loadLocal(self.last);                               // no root yet: slow
                g.ifNull(slow);
            }
            Label otherKey = g.newLabel();                            // the last row's key: the last row's object
            g.loadLocal(key);
            g.loadLocal(self.key);
            g.ifCmp(Type.LONG_TYPE, GeneratorAdapter.NE, otherKey);
            g.loadLocal(self.last);
            g.storeLocal(self.current);
            g.push(false);
            g.storeLocal(self.made);
            g.goTo(done);
            g.mark(otherKey);
            if (parent == null || toMany[i]) {                        // a greater key past the newest: new
                g.loadLocal(self.newest);
                g.ifZCmp(GeneratorAdapter.EQ, slow);
                g.loadLocal(key);
                g.loadLocal(self.key);
                g.ifCmp(Type.LONG_TYPE, GeneratorAdapter.LE, slow);
                made();
                g.goTo(done);
            }
            g.mark(slow);                                             // the pass finds it, or makes it
            if (parent == null) {
                findRoot(g, i, key, self);
            } else {
                findChild(g, i, key, self, parent);
            }
            g.storeLocal(found);
            remember();
            g.loadArg(1);                                             // made = pass.made; newest = pass.newest
            g.getField(pass, "made", Type.BOOLEAN_TYPE);
            g.storeLocal(self.made);
            g.loadArg(1);
            g.getField(pass, "newest", Type.BOOLEAN_TYPE);
            g.storeLocal(self.newest);
            if (parent != null) {
                g.loadLocal(parent.current);
                g.storeLocal(self.lastParent);
            }
            g.mark(done);
        }

        /** {@code current = null; goto done} */
        private void setCurrentNull() {
            g.visitInsn(Opcodes.ACONST_NULL);
            g.storeLocal(self.current);
            g.goTo(done);
        }

        /** {@code key = rs.getInt(slot)} (widened) or {@code rs.getLong(slot)} */
        private void readKey() {
            g.loadArg(0);
            g.push(keySlots[i]);
            if (intKeys[i]) {
                g.invokeInterface(RESULT_SET, GET_INT);
                g.cast(Type.INT_TYPE, Type.LONG_TYPE);
            } else {
                g.invokeInterface(RESULT_SET, GET_LONG);
            }
            g.storeLocal(key);
        }

        /** A new object, made and attached: {@code current = last = it; the node's key = key; made = true} */
        private void made() {
            makeAndAttach(g, i, key, self, parent);
            g.storeLocal(found);
            remember();
            g.push(true);
            g.storeLocal(self.made);
        }

        /** {@code current = last = found; the node's key = key} */
        private void remember() {
            g.loadLocal(found);
            g.storeLocal(self.current);
            g.loadLocal(found);
            g.storeLocal(self.last);
            g.loadLocal(key);
            g.storeLocal(self.key);
        }
    }

    // ---- the class's constructor and its constants -------------------------------------------------------------------

    private static void writeConstructor(ClassWriter cw) {
        GeneratorAdapter g = new GeneratorAdapter(Opcodes.ACC_PUBLIC, NO_ARGUMENTS, null, null, cw);
        g.visitCode();
        g.loadThis();
        g.invokeConstructor(OBJECT, NO_ARGUMENTS);
        g.returnValue();
        g.endMethod();
    }

    /** {@code static { Object[] d = MethodHandles.classData(lookup(), "_", Object[].class); NAME = (Type) d[k]; ... }} */
    private void writeStaticInitialiser(ClassWriter cw) {
        for (int k = 0; k < fieldNames.size(); k++) {
            cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, fieldNames.get(k), fieldTypes.get(k).getDescriptor(), null, null)
                    .visitEnd();
        }
        GeneratorAdapter g = new GeneratorAdapter(Opcodes.ACC_STATIC, new Method("<clinit>", "()V"), null, null, cw);
        g.visitCode();
        Type objects = Type.getType(Object[].class);
        int d = g.newLocal(objects);
        g.invokeStatic(Type.getType(MethodHandles.class), LOOKUP);
        g.push(ConstantDescs.DEFAULT_NAME);
        g.push(objects);
        g.invokeStatic(Type.getType(MethodHandles.class), CLASS_DATA);
        g.checkCast(objects);
        g.storeLocal(d);
        for (int k = 0; k < fieldNames.size(); k++) {
            g.loadLocal(d);
            g.push(k);
            g.arrayLoad(OBJECT);
            g.checkCast(fieldTypes.get(k));
            g.putStatic(generated, fieldNames.get(k), fieldTypes.get(k));
        }
        g.returnValue();
        g.endMethod();
    }

    /** The ASM method of a declared method, looked up by reflection so that a renamed method fails at once. */
    protected static Method method(Class<?> owner, String name, Class<?>... parameters) {
        try {
            return Method.getMethod(owner.getDeclaredMethod(name, parameters));
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
