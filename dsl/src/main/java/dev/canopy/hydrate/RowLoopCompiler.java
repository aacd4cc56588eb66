package dev.canopy.hydrate;

import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Writes a plan's row loop as a class of its own ({@link RowLoop}), for plans whose every node takes the primitive
 * path: one {@code int} or {@code long} key column, no partition, no right join.
 *
 * <p>Why: profiling hydration alone showed that the data structures cost little (a loop written by hand for one
 * query, filling Canopy's own entities, runs faster than the hand-written JDBC loop) and that the generic loop's
 * per-row, per-node control flow costs most: the node's index, parent, key column and link are read from arrays,
 * its last key and entity from the pass's arrays, and each column goes through a switch on its kind. The JIT cannot
 * specialise one shared loop to each plan. The generated loop is that specialisation: per node, the key is read from
 * its column, compared with the last key held in a local, and an entity is made by a method that reads exactly the
 * node's columns with the getter of each. Constants (readers, shapes, value readers) are {@code static final} fields
 * filled from the hidden class's class data, so the JIT treats them as constants and inlines through them.
 *
 * <p>The rules are those of {@link Hydrator.Pass}'s primitive path, in the same order: a null key means no entity; a
 * child of a parent made on this row is new; the previous row's key under the same parent is the previous entity; a
 * greater key under the same parent whose newest child the node made last is new (to-many links only); anything
 * else goes to the pass's own {@link Hydrator.Pass#numericRoot} and {@link Hydrator.Pass#numericChild}, which
 * consult the parent's children and build identity maps, so that rows in any order still hydrate correctly.
 *
 * <p>The bytecode is written with ASM, the library ByteBuddy itself is built on: the loop is control flow, which
 * ByteBuddy's own API leaves to ASM anyway. The class is hidden, defined in this package; it is unloaded with its
 * hydrator.
 */
final class RowLoopCompiler {
    /** Past this many nodes the loop is not generated: one method must stay well under the JIT's size limit. */
    static final int MAX_NODES = 24;

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final String CLASS_NAME = Type.getInternalName(RowLoopCompiler.class).replace("RowLoopCompiler", "CompiledRowLoop");
    private static final Type SELF = Type.getObjectType(CLASS_NAME);

    private static final Type OBJECT = Type.getType(Object.class);
    private static final Type RESULT_SET = Type.getType(ResultSet.class);
    private static final Type PASS = Type.getType(Hydrator.Pass.class);
    private static final Type ENTITY = Type.getType(HydratedEntity.class);
    private static final Type BOXES = Type.getType(IntBoxes.class);
    private static final Type READER = Type.getType(Hydrator.NodeReader.class);
    private static final Type SHAPE = Type.getType(EntityShape.class);
    private static final Type VALUE_READER = Type.getType(ValueReader.class);

    private static final Method NEXT = method(ResultSet.class, "next");
    private static final Method GET_INT = method(ResultSet.class, "getInt", int.class);
    private static final Method GET_LONG = method(ResultSet.class, "getLong", int.class);
    private static final Method GET_STRING = method(ResultSet.class, "getString", int.class);
    private static final Method WAS_NULL = method(ResultSet.class, "wasNull");
    private static final Method READ_VALUE = method(ValueReader.class, "read", ResultSet.class, int.class);
    private static final Method BOX = method(IntBoxes.class, "box", int.class);
    private static final Method LONG_VALUE_OF = method(Long.class, "valueOf", long.class);
    private static final Method ADD_MANY = method(HydratedEntity.class, "addManyAt", int.class, HydratedEntity.class);
    private static final Method SET_ONE = method(HydratedEntity.class, "setOneAt", int.class, HydratedEntity.class);
    private static final Method ROOM_FOR = method(HydratedEntity.class, "roomFor", HydratedEntity.class, int.class);
    private static final Type ARRAY_LIST = Type.getType(ArrayList.class);
    private static final Method NEW_LIST = new Method("<init>", "(I)V");
    private static final Method PASS_BOXES = method(Hydrator.Pass.class, "boxes");
    private static final Method ADD_ROOT = method(Hydrator.Pass.class, "addRoot", HydratedEntity.class);
    private static final Method RECORD = method(Hydrator.Pass.class, "record", int.class, HydratedEntity.class);
    private static final Method FIND_ROOT = method(Hydrator.Pass.class, "numericRoot",
            Hydrator.NodeReader.class, long.class, ResultSet.class, HydratedEntity.class);
    private static final Method FIND_CHILD = method(Hydrator.Pass.class, "numericChild",
            int.class, Hydrator.NodeReader.class, HydratedEntity.class, long.class, ResultSet.class, HydratedEntity.class);
    private static final Method CLASS_DATA = method(MethodHandles.class, "classData", MethodHandles.Lookup.class, String.class, Class.class);
    private static final Method LOOKUP_METHOD = method(MethodHandles.class, "lookup");
    private static final Method NEW_ENTITY = new Method("<init>", Type.VOID_TYPE, new Type[] {SHAPE, Type.getType(Object[].class)});
    private static final Method NO_ARGUMENTS = new Method("<init>", "()V");
    private static final Method READ = method(RowLoop.class, "read", ResultSet.class, Hydrator.Pass.class);
    private static final Method MAKE = new Method("make", ENTITY, new Type[] {RESULT_SET, Type.LONG_TYPE, BOXES, ENTITY});

    private final Hydrator.NodeReader[] readers;
    private final boolean[] recorded;
    /** The class data: the objects the static fields hold, in the order of {@link #fieldNames}. */
    private final List<Object> data = new ArrayList<>();
    private final List<String> fieldNames = new ArrayList<>();
    private final List<Type> fieldTypes = new ArrayList<>();

    private RowLoopCompiler(Hydrator.NodeReader[] readers, boolean[] recorded) {
        this.readers = readers;
        this.recorded = recorded;
    }

    /**
     * The row loop of a plan whose nodes all take the primitive path ({@code readers} in plan order; {@code recorded}:
     * the nodes whose entities the pass lists).
     */
    static RowLoop compile(Hydrator.NodeReader[] readers, boolean[] recorded) {
        if (readers.length > MAX_NODES) {
            throw new IllegalArgumentException(readers.length + " nodes, more than the " + MAX_NODES + " a row loop is written for");
        }
        return new RowLoopCompiler(readers, recorded).define();
    }

    private RowLoop define() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                // the generated code keeps each local to one type; two types only meet as Object
                return a.equals(b) ? a : OBJECT.getInternalName();
            }
        };
        cw.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, CLASS_NAME, null, OBJECT.getInternalName(),
                new String[] {Type.getInternalName(RowLoop.class)});
        for (int i = 0; i < readers.length; i++) {
            writeMake(cw, i);
        }
        writeRead(cw);
        writeConstructor(cw);
        writeStaticInitialiser(cw);
        cw.visitEnd();
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClassWithClassData(cw.toByteArray(), data.toArray(), true);
            return (RowLoop) hidden.findConstructor(hidden.lookupClass(), java.lang.invoke.MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot define the row loop of a plan", e);
        }
    }

    /** A static final field holding {@code value}, read by the generated code as a constant. */
    private String constant(String name, Type type, Object value) {
        fieldNames.add(name);
        fieldTypes.add(type);
        data.add(value);
        return name;
    }

    // ---- make{i}: an entity of node i from the current row, its key already read ----------------------------------

    /**
     * {@code static HydratedEntity make{i}(ResultSet rs, long key, IntBoxes boxes, HydratedEntity previous)}: the
     * node's columns, each read with its own getter, into a new entity.
     */
    private void writeMake(ClassWriter cw, int i) {
        Hydrator.NodeReader r = readers[i];
        String shape = constant("SHAPE" + i, SHAPE, r.shape);
        Method make = new Method(MAKE.getName() + i, MAKE.getDescriptor());
        GeneratorAdapter g = new GeneratorAdapter(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, make, null, null, cw);
        g.visitCode();
        int values = g.newLocal(Type.getType(Object[].class));
        int scratch = g.newLocal(Type.INT_TYPE);
        g.push(r.size);
        g.newArray(OBJECT);
        g.storeLocal(values);
        for (int c = 0; c < r.slots.length; c++) {
            int at = r.modelIndex[c];
            if (c == r.keyOffset) {                                  // values[at] = boxes.box((int) key) or Long.valueOf(key)
                g.loadLocal(values);
                g.push(at);
                if (r.intKey) {
                    g.loadArg(2);
                    g.loadArg(1);
                    g.cast(Type.LONG_TYPE, Type.INT_TYPE);
                    g.invokeVirtual(BOXES, BOX);
                } else {
                    g.loadArg(1);
                    g.invokeStatic(Type.getType(Long.class), LONG_VALUE_OF);
                }
                g.arrayStore(OBJECT);
            } else if (r.reads[c] == Hydrator.NodeReader.INT) {   // int v = rs.getInt(slot); values[at] = v == 0 && rs.wasNull() ? null : boxes.box(v)
                Label boxed = g.newLabel();
                Label done = g.newLabel();
                g.loadArg(0);
                g.push(r.slots[c]);
                g.invokeInterface(RESULT_SET, GET_INT);
                g.storeLocal(scratch);
                g.loadLocal(scratch);
                g.ifZCmp(GeneratorAdapter.NE, boxed);
                g.loadArg(0);
                g.invokeInterface(RESULT_SET, WAS_NULL);
                g.ifZCmp(GeneratorAdapter.EQ, boxed);
                g.goTo(done);                                          // null: the array's slot stays null
                g.mark(boxed);
                g.loadLocal(values);
                g.push(at);
                g.loadArg(2);
                g.loadLocal(scratch);
                g.invokeVirtual(BOXES, BOX);
                g.arrayStore(OBJECT);
                g.mark(done);
            } else if (r.reads[c] == Hydrator.NodeReader.TEXT) {  // values[at] = rs.getString(slot)
                g.loadLocal(values);
                g.push(at);
                g.loadArg(0);
                g.push(r.slots[c]);
                g.invokeInterface(RESULT_SET, GET_STRING);
                g.arrayStore(OBJECT);
            } else {                                                  // values[at] = VALUE{i}_{c}.read(rs, slot)
                readValue(g, values, at, constant("VALUE" + i + "_" + c, VALUE_READER, r.values[c]), r.slots[c]);
            }
        }
        int base = r.width + r.shape.linkCount();
        for (int k = 0; k < r.computedSlots.length; k++) {          // computed attributes, after the links
            readValue(g, values, base + k, constant("COMPUTED" + i + "_" + k, VALUE_READER, r.computedReaders[k]), r.computedSlots[k]);
        }
        for (int l = 0; l < r.shape.linkCount(); l++) {               // values[width + l] = new ArrayList(roomFor(previous, width + l))
            if (r.shape.isToMany(l)) {
                g.loadLocal(values);
                g.push(r.width + l);
                g.newInstance(ARRAY_LIST);
                g.dup();
                g.loadArg(3);
                g.push(r.width + l);
                g.invokeStatic(ENTITY, ROOM_FOR);
                g.invokeConstructor(ARRAY_LIST, NEW_LIST);
                g.arrayStore(OBJECT);
            }
        }
        g.newInstance(ENTITY);                                        // return new HydratedEntity(SHAPE{i}, values)
        g.dup();
        g.getStatic(SELF, shape, SHAPE);
        g.loadLocal(values);
        g.invokeConstructor(ENTITY, NEW_ENTITY);
        g.returnValue();
        g.endMethod();
    }

    private static void readValue(GeneratorAdapter g, int values, int at, String reader, int slot) {
        g.loadLocal(values);
        g.push(at);
        g.getStatic(SELF, reader, VALUE_READER);
        g.loadArg(0);
        g.push(slot);
        g.invokeInterface(VALUE_READER, READ_VALUE);
        g.arrayStore(OBJECT);
    }

    // ---- read: the loop over rows ----------------------------------------------------------------------------------

    /** The locals that hold one node's state from row to row (and its entity on the current row). */
    private record NodeLocals(int key, int last, int lastParent, int newest, int made, int current) {}

    private void writeRead(ClassWriter cw) {
        GeneratorAdapter g = new GeneratorAdapter(Opcodes.ACC_PUBLIC, READ, null, new Type[] {Type.getType(java.sql.SQLException.class)}, cw);
        g.visitCode();
        int boxes = g.newLocal(BOXES);
        int rows = g.newLocal(Type.LONG_TYPE);
        int key = g.newLocal(Type.LONG_TYPE);
        int entity = g.newLocal(ENTITY);
        NodeLocals[] locals = new NodeLocals[readers.length];
        g.loadArg(1);
        g.invokeVirtual(PASS, PASS_BOXES);
        g.storeLocal(boxes);
        g.push(0L);
        g.storeLocal(rows);
        for (int i = 0; i < readers.length; i++) {
            locals[i] = new NodeLocals(g.newLocal(Type.LONG_TYPE), g.newLocal(ENTITY), g.newLocal(ENTITY),
                    g.newLocal(Type.BOOLEAN_TYPE), g.newLocal(Type.BOOLEAN_TYPE), g.newLocal(ENTITY));
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
        for (int i = 0; i < readers.length; i++) {
            new NodeWriter(g, i, locals, key, entity, boxes).write();
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
        private final Hydrator.NodeReader r;
        private final NodeLocals self;
        private final @org.jspecify.annotations.Nullable NodeLocals parent;
        private final int key;
        /** The local that holds the entity just made or found, before it is stored in the node's locals. */
        private final int entity;
        private final int boxes;
        private final Label done;

        NodeWriter(GeneratorAdapter g, int i, NodeLocals[] locals, int key, int entity, int boxes) {
            this.g = g;
            this.i = i;
            this.r = readers[i];
            this.self = locals[i];
            this.parent = i == 0 ? null : locals[r.parent];
            this.key = key;
            this.entity = entity;
            this.boxes = boxes;
            this.done = g.newLabel();
        }

        void write() {
            String reader = constant("READER" + i, READER, r);
            if (parent != null) {                                     // no parent on this row: no entity
                Label present = g.newLabel();
                g.loadLocal(parent.current);
                g.ifNonNull(present);
                setCurrentNull();
                g.mark(present);
            }
            readKey();
            Label present = g.newLabel();                             // a null key: no entity
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
                makeAndAttach();
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
            Label otherKey = g.newLabel();                            // the last row's key: the last row's entity
            g.loadLocal(key);
            g.loadLocal(self.key);
            g.ifCmp(Type.LONG_TYPE, GeneratorAdapter.NE, otherKey);
            g.loadLocal(self.last);
            g.storeLocal(self.current);
            g.push(false);
            g.storeLocal(self.made);
            g.goTo(done);
            g.mark(otherKey);
            if (parent == null || r.toMany) {                         // a greater key past the newest: new
                g.loadLocal(self.newest);
                g.ifZCmp(GeneratorAdapter.EQ, slow);
                g.loadLocal(key);
                g.loadLocal(self.key);
                g.ifCmp(Type.LONG_TYPE, GeneratorAdapter.LE, slow);
                makeAndAttach();
                g.goTo(done);
            }
            g.mark(slow);                                             // the pass finds it, or makes it
            g.loadArg(1);
            if (parent == null) {
                g.getStatic(SELF, reader, READER);
                g.loadLocal(key);
                g.loadArg(0);
                g.loadLocal(self.last);
                g.invokeVirtual(PASS, FIND_ROOT);
            } else {
                g.push(i);
                g.getStatic(SELF, reader, READER);
                g.loadLocal(parent.current);
                g.loadLocal(key);
                g.loadArg(0);
                g.loadLocal(self.last);
                g.invokeVirtual(PASS, FIND_CHILD);
            }
            g.storeLocal(entity);
            remember();
            g.loadArg(1);
            g.getField(PASS, "made", Type.BOOLEAN_TYPE);
            g.storeLocal(self.made);
            g.loadArg(1);
            g.getField(PASS, "newest", Type.BOOLEAN_TYPE);
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
            g.push(r.keySlots[0]);
            if (r.intKey) {
                g.invokeInterface(RESULT_SET, GET_INT);
                g.cast(Type.INT_TYPE, Type.LONG_TYPE);
            } else {
                g.invokeInterface(RESULT_SET, GET_LONG);
            }
            g.storeLocal(key);
        }

        /**
         * {@code e = make{i}(rs, key, boxes, last)}, attached to the parent's entity (or added as a root) and recorded;
         * then {@code current = last = e; key of node = key; made = true}.
         */
        private void makeAndAttach() {
            g.loadArg(0);
            g.loadLocal(key);
            g.loadLocal(boxes);
            g.loadLocal(self.last);
            g.invokeStatic(SELF, new Method(MAKE.getName() + i, MAKE.getDescriptor()));
            g.storeLocal(entity);
            if (parent == null) {
                g.loadArg(1);
                g.loadLocal(entity);
                g.invokeVirtual(PASS, ADD_ROOT);
            } else {
                g.loadLocal(parent.current);
                g.push(readers[r.parent].width + r.link);
                g.loadLocal(entity);
                g.invokeVirtual(ENTITY, r.toMany ? ADD_MANY : SET_ONE);
                if (recorded[i]) {
                    g.loadArg(1);
                    g.push(i);
                    g.loadLocal(entity);
                    g.invokeVirtual(PASS, RECORD);
                }
            }
            remember();
            g.push(true);
            g.storeLocal(self.made);
        }

        /** {@code current = last = e; key of node = key} */
        private void remember() {
            g.loadLocal(entity);
            g.storeLocal(self.current);
            g.loadLocal(entity);
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
        g.invokeStatic(Type.getType(MethodHandles.class), LOOKUP_METHOD);
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
            g.putStatic(SELF, fieldNames.get(k), fieldTypes.get(k));
        }
        g.returnValue();
        g.endMethod();
    }

    private static Method method(Class<?> owner, String name, Class<?>... parameters) {
        try {
            return Method.getMethod(owner.getDeclaredMethod(name, parameters));
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
