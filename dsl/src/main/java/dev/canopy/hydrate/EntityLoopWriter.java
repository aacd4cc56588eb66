package dev.canopy.hydrate;

import java.lang.invoke.MethodHandles;
import java.sql.ResultSet;
import java.util.ArrayList;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * The Entity path's row loop ({@link RowLoop}): {@link LoopWriter}'s loop with both shortcuts, and per node a method
 * {@code make{i}} that reads exactly the node's columns, each with its own getter, into a new
 * {@link HydratedEntity}, its to-many lists sized like the previous entity's. What the loop does not decide goes to
 * {@link Hydrator.Pass#numericRoot} and {@link Hydrator.Pass#numericChild}.
 */
final class EntityLoopWriter extends LoopWriter {
    private static final Type PASS = Type.getType(Hydrator.Pass.class);
    private static final Type ENTITY = Type.getType(HydratedEntity.class);
    private static final Type BOXES = Type.getType(IntBoxes.class);
    private static final Type READER = Type.getType(Hydrator.NodeReader.class);
    private static final Type SHAPE = Type.getType(EntityShape.class);
    private static final Type VALUE_READER = Type.getType(ValueReader.class);
    private static final Type ARRAY_LIST = Type.getType(ArrayList.class);

    private static final Method READ_VALUE = method(ValueReader.class, "read", ResultSet.class, int.class);
    private static final Method BOX = method(IntBoxes.class, "box", int.class);
    private static final Method LONG_VALUE_OF = method(Long.class, "valueOf", long.class);
    private static final Method ADD_MANY = method(HydratedEntity.class, "addManyAt", int.class, HydratedEntity.class);
    private static final Method SET_ONE = method(HydratedEntity.class, "setOneAt", int.class, HydratedEntity.class);
    private static final Method ROOM_FOR = method(HydratedEntity.class, "roomFor", HydratedEntity.class, int.class);
    private static final Method NEW_LIST = new Method("<init>", "(I)V");
    private static final Method NEW_ENTITY = new Method("<init>", Type.VOID_TYPE, new Type[] {SHAPE, Type.getType(Object[].class)});
    private static final Method PASS_BOXES = method(Hydrator.Pass.class, "boxes");
    private static final Method ADD_ROOT = method(Hydrator.Pass.class, "addRoot", HydratedEntity.class);
    private static final Method RECORD = method(Hydrator.Pass.class, "record", int.class, HydratedEntity.class);
    private static final Method FIND_ROOT = method(Hydrator.Pass.class, "numericRoot",
            Hydrator.NodeReader.class, long.class, ResultSet.class, HydratedEntity.class);
    private static final Method FIND_CHILD = method(Hydrator.Pass.class, "numericChild",
            int.class, Hydrator.NodeReader.class, HydratedEntity.class, long.class, ResultSet.class, HydratedEntity.class);
    /** {@code static HydratedEntity make{i}(ResultSet rs, long key, IntBoxes boxes, HydratedEntity previous)} */
    private static final Type MAKE = Type.getMethodType(ENTITY, RESULT_SET, Type.LONG_TYPE, BOXES, ENTITY);

    private final Hydrator.NodeReader[] readers;
    private final boolean[] recorded;
    /** The local of {@code read} that holds the pass's boxes. */
    private int boxes = -1;

    private EntityLoopWriter(Hydrator.NodeReader[] readers, boolean[] recorded, int[] order, Nodes nodes) {
        super(MethodHandles.lookup(), RowLoop.class, HydratedEntity.class, order, nodes);
        this.readers = readers;
        this.recorded = recorded;
    }

    /**
     * The row loop of a plan whose nodes all take the primitive path ({@code readers} in plan order; {@code recorded}:
     * the nodes whose entities the pass lists).
     */
    static RowLoop compile(Hydrator.NodeReader[] readers, boolean[] recorded) {
        int[] order = new int[readers.length];
        Nodes nodes = new Nodes(readers.length);
        for (int i = 0; i < readers.length; i++) {
            Hydrator.NodeReader r = readers[i];
            order[i] = i;
            nodes.set(i, r.parent, r.keySlots[0], r.intKey, r.toMany);
        }
        return (RowLoop) new EntityLoopWriter(readers, recorded, order, nodes).define();
    }

    @Override
    protected void writeMethods(ClassWriter cw) {
        for (int i = 0; i < readers.length; i++) {
            writeMake(cw, i);
        }
    }

    @Override
    protected void beforeLoop(GeneratorAdapter g) {
        boxes = g.newLocal(BOXES);                                    // IntBoxes boxes = pass.boxes()
        g.loadArg(1);
        g.invokeVirtual(PASS, PASS_BOXES);
        g.storeLocal(boxes);
    }

    @Override
    protected void findRoot(GeneratorAdapter g, int node, int key, NodeLocals self) {
        g.loadArg(1);                                                 // pass.numericRoot(READER{i}, key, rs, last)
        loadConstant(g, reader(node), READER);
        g.loadLocal(key);
        g.loadArg(0);
        g.loadLocal(self.last());
        g.invokeVirtual(PASS, FIND_ROOT);
    }

    @Override
    protected void findChild(GeneratorAdapter g, int node, int key, NodeLocals self, NodeLocals parent) {
        g.loadArg(1);                                                 // pass.numericChild(i, READER{i}, parent, key, rs, last)
        g.push(node);
        loadConstant(g, reader(node), READER);
        g.loadLocal(parent.current());
        g.loadLocal(key);
        g.loadArg(0);
        g.loadLocal(self.last());
        g.invokeVirtual(PASS, FIND_CHILD);
    }

    @Override
    protected void makeAndAttach(GeneratorAdapter g, int node, int key, NodeLocals self, @Nullable NodeLocals parent) {
        g.loadArg(0);                                                 // e = make{i}(rs, key, boxes, last)
        g.loadLocal(key);
        g.loadLocal(boxes);
        g.loadLocal(self.last());
        g.invokeStatic(generated, new Method("make" + node, MAKE.getDescriptor()));
        g.dup();
        if (parent == null) {                                         // pass.addRoot(e)
            g.loadArg(1);
            g.swap();
            g.invokeVirtual(PASS, ADD_ROOT);
            return;
        }
        Hydrator.NodeReader r = readers[node];
        g.loadLocal(parent.current());                                // parent.addManyAt(slot, e) or setOneAt(slot, e)
        g.swap();
        g.push(readers[r.parent].width + r.link);
        g.swap();
        g.invokeVirtual(ENTITY, r.toMany ? ADD_MANY : SET_ONE);
        if (recorded[node]) {                                         // pass.record(i, e)
            g.dup();
            g.loadArg(1);
            g.swap();
            g.push(node);
            g.swap();
            g.invokeVirtual(PASS, RECORD);
        }
    }

    private static String reader(int node) {
        return "READER" + node;
    }

    // ---- make{i}: an entity of node i from the current row, its key already read ----------------------------------

    /** The node's columns, each read with its own getter, into a new entity. */
    private void writeMake(ClassWriter cw, int i) {
        Hydrator.NodeReader r = readers[i];
        constant(reader(i), READER, r);
        String shape = constant("SHAPE" + i, SHAPE, r.shape);
        GeneratorAdapter g = new GeneratorAdapter(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, new Method("make" + i, MAKE.getDescriptor()), null, null, cw);
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
        loadConstant(g, shape, SHAPE);
        g.loadLocal(values);
        g.invokeConstructor(ENTITY, NEW_ENTITY);
        g.returnValue();
        g.endMethod();
    }

    private void readValue(GeneratorAdapter g, int values, int at, String reader, int slot) {
        g.loadLocal(values);
        g.push(at);
        loadConstant(g, reader, VALUE_READER);
        g.loadArg(0);
        g.push(slot);
        g.invokeInterface(VALUE_READER, READ_VALUE);
        g.arrayStore(OBJECT);
    }
}
