package dev.canopy.typed;

import dev.canopy.hydrate.LoopWriter;
import java.lang.invoke.MethodHandles;
import java.sql.ResultSet;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * The typed reader's row loop ({@link TypedReader.Loop}): {@link LoopWriter}'s loop over the nodes a row visits, with
 * the same shortcuts as the Entity path's. Objects are made and attached by the pass ({@link TypedReader.Pass#newRoot},
 * {@link TypedReader.Pass#newChild}): immediate nodes by their compiled constructors (a comment with its author, in
 * one call), shells as before; what the loop does not decide goes to {@link TypedReader.Pass#numericRoot} and
 * {@link TypedReader.Pass#numericChild}.
 */
final class TypedLoopWriter extends LoopWriter {
    private static final Type PASS = Type.getType(TypedReader.Pass.class);
    private static final Type NODE = Type.getType(TypedReader.Node.class);
    private static final Type SHELL = Type.getType(TypedReader.Shell.class);
    private static final Method FIND_ROOT = method(TypedReader.Pass.class, "numericRoot", TypedReader.Node.class, long.class, ResultSet.class);
    private static final Method FIND_CHILD = method(TypedReader.Pass.class, "numericChild",
            int.class, TypedReader.Node.class, TypedReader.Shell.class, long.class, ResultSet.class);
    private static final Method NEW_ROOT = method(TypedReader.Pass.class, "newRoot", TypedReader.Node.class, long.class, ResultSet.class);
    private static final Method NEW_CHILD = method(TypedReader.Pass.class, "newChild",
            int.class, TypedReader.Node.class, TypedReader.Shell.class, long.class, ResultSet.class);

    private final TypedReader.Node[] nodes;

    private TypedLoopWriter(TypedReader.Node[] nodes, int[] visit, Nodes keys) {
        super(MethodHandles.lookup(), TypedReader.Loop.class, Object.class, visit, keys);
        this.nodes = nodes;
    }

    /** The loop over the nodes a row visits ({@code visit}, the root first), each keyed by one number. */
    static TypedReader.Loop write(TypedReader.Node[] nodes, int[] visit) {
        Nodes keys = new Nodes(nodes.length);
        for (int i : visit) {
            TypedReader.Node n = nodes[i];
            keys.set(i, n.parent, n.keySlots[0], n.intKey, n.toMany);
        }
        return (TypedReader.Loop) new TypedLoopWriter(nodes, visit, keys).define();
    }

    @Override
    protected void beforeLoop(GeneratorAdapter g) {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null) {
                constant(node(i), NODE, nodes[i]);
            }
        }
    }

    @Override
    protected void findRoot(GeneratorAdapter g, int node, int key, NodeLocals self) {
        call(g, node, key, null, FIND_ROOT);                          // pass.numericRoot(NODE{i}, key, rs)
    }

    @Override
    protected void findChild(GeneratorAdapter g, int node, int key, NodeLocals self, NodeLocals parent) {
        call(g, node, key, parent, FIND_CHILD);                       // pass.numericChild(i, NODE{i}, (Shell) parent, key, rs)
    }

    @Override
    protected void makeAndAttach(GeneratorAdapter g, int node, int key, NodeLocals self, @Nullable NodeLocals parent) {
        call(g, node, key, parent, parent == null ? NEW_ROOT : NEW_CHILD); // pass.newRoot(...) or pass.newChild(...)
    }

    /** {@code pass.method(NODE{i}, key, rs)} for a root, {@code pass.method(i, NODE{i}, (Shell) parent, key, rs)} for a child. */
    private void call(GeneratorAdapter g, int node, int key, @Nullable NodeLocals parent, Method method) {
        g.loadArg(1);
        if (parent != null) {
            g.push(node);
        }
        loadConstant(g, node(node), NODE);
        if (parent != null) {
            g.loadLocal(parent.current());
            g.checkCast(SHELL);
        }
        g.loadLocal(key);
        g.loadArg(0);
        g.invokeVirtual(PASS, method);
    }

    private static String node(int i) {
        return "NODE" + i;
    }
}
