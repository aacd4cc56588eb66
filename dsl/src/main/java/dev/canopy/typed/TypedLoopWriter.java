package dev.canopy.typed;

import dev.canopy.hydrate.LoopWriter;
import java.lang.invoke.MethodHandles;
import java.sql.ResultSet;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * The typed reader's row loop ({@link TypedReader.Loop}): {@link LoopWriter}'s loop over the nodes a row visits,
 * without the Entity path's shortcuts (a key other than the last row's goes to the pass, whose check of the parent's
 * last key is one array read). Objects are made by the pass: immediate nodes by their compiled constructors, shells
 * as before.
 */
final class TypedLoopWriter extends LoopWriter {
    private static final Type PASS = Type.getType(TypedReader.Pass.class);
    private static final Type NODE = Type.getType(TypedReader.Node.class);
    private static final Type SHELL = Type.getType(TypedReader.Shell.class);
    private static final Method FIND_ROOT = method(TypedReader.Pass.class, "numericRoot", TypedReader.Node.class, long.class, ResultSet.class);
    private static final Method FIND_CHILD = method(TypedReader.Pass.class, "numericChild",
            int.class, TypedReader.Node.class, TypedReader.Shell.class, long.class, ResultSet.class);

    private final TypedReader.Node[] nodes;

    private TypedLoopWriter(TypedReader.Node[] nodes, int[] visit, int[] parents) {
        super(MethodHandles.lookup(), TypedReader.Loop.class, Object.class, visit, parents);
        this.nodes = nodes;
    }

    /** The loop over the nodes a row visits ({@code visit}, the root first), each keyed by one number. */
    static TypedReader.Loop write(TypedReader.Node[] nodes, int[] visit, int[] parents) {
        return (TypedReader.Loop) new TypedLoopWriter(nodes, visit, parents).define();
    }

    @Override
    protected int keySlot(int node) {
        return nodes[node].keySlots[0];
    }

    @Override
    protected boolean intKey(int node) {
        return nodes[node].intKey;
    }

    @Override
    protected boolean toMany(int node) {
        return nodes[node].toMany;
    }

    @Override
    protected boolean shortcuts() {
        return false;
    }

    @Override
    protected void findRoot(GeneratorAdapter g, int node, int key, NodeLocals self) {
        g.loadArg(1);                                                 // pass.numericRoot(NODE{i}, key, rs)
        loadConstant(g, constant("NODE" + node, NODE, nodes[node]), NODE);
        g.loadLocal(key);
        g.loadArg(0);
        g.invokeVirtual(PASS, FIND_ROOT);
    }

    @Override
    protected void findChild(GeneratorAdapter g, int node, int key, NodeLocals self, NodeLocals parent) {
        g.loadArg(1);                                                 // pass.numericChild(i, NODE{i}, (Shell) parent, key, rs)
        g.push(node);
        loadConstant(g, constant("NODE" + node, NODE, nodes[node]), NODE);
        g.loadLocal(parent.current());
        g.checkCast(SHELL);
        g.loadLocal(key);
        g.loadArg(0);
        g.invokeVirtual(PASS, FIND_CHILD);
    }
}
