package dev.canopy.hydrate;

import dev.canopy.error.QueryException;
import dev.canopy.error.UnknownColumnException;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.VirtualAttribute;
import dev.canopy.plan.Plan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every entity of one plan node looks like: its model, which attributes were read, and which aliases were
 * included (to-one or to-many). Shared by all entities of the node, so an entity carries only its values.
 */
public final class EntityShape {
    private final Plan plan;
    private final int node;
    private final Model model;
    private final boolean[] loaded;
    /** The column indexes of the attributes read, in the order the attributes list asked for them. */
    private final int[] order;
    private final String[] aliases;
    private final boolean[] toMany;
    private final Map<String, Integer> aliasIndex = new HashMap<>();
    private final EntityMapping mapping;
    /** The computed attributes' aliases, in the order the attributes list gives them; their values follow the links. */
    private final String[] computed;

    EntityShape(Plan plan, int node, Model model, List<Column<?>> columns, List<String> aliases, List<Boolean> toMany, EntityMapping mapping) {
        this(plan, node, model, columns, aliases, toMany, mapping, List.of());
    }

    EntityShape(Plan plan, int node, Model model, List<Column<?>> columns, List<String> aliases, List<Boolean> toMany, EntityMapping mapping,
                List<String> computed) {
        this.computed = computed.toArray(new String[0]);
        this.mapping = mapping;
        this.plan = plan;
        this.node = node;
        this.model = model;
        this.loaded = new boolean[model.columns().size()];
        this.order = new int[columns.size()];
        int k = 0;
        for (Column<?> c : columns) {
            loaded[c.index()] = true;
            order[k++] = c.index();
        }
        this.aliases = aliases.toArray(new String[0]);
        this.toMany = new boolean[aliases.size()];
        for (int i = 0; i < aliases.size(); i++) {
            this.toMany[i] = toMany.get(i);
            aliasIndex.put(aliases.get(i), i);
        }
    }

    public Model model() { return model; }

    /** How {@link HydratedEntity#into(Class)} maps entities of this shape. */
    EntityMapping mapping() { return mapping; }

    /**
     * The plan whose node made entities of this shape (for a separate include, the include's own keyed plan), so
     * that a typed mapper can be compiled for an entity as for a query: {@link HydratedEntity#into(Class)}.
     */
    public Plan plan() { return plan; }

    /** The index of that node in {@link #plan()}'s nodes; its links are this shape's links, in order. */
    public int node() { return node; }

    int linkCount() { return aliases.length; }
    /** How many computed attributes an entity holds, after its links. */
    int computedCount() { return computed.length; }
    String computedName(int i) { return computed[i]; }

    /** The computed attributes' aliases, in the order the attributes list gives them. */
    public List<String> computedNames() { return List.of(computed); }

    /** The slot of a computed attribute, or -1. */
    int computedSlot(String name) {
        for (int i = 0; i < computed.length; i++) {
            if (computed[i].equals(name)) {
                return width() + aliases.length + i;
            }
        }
        return -1;
    }
    /** The column indexes of the attributes read, in the order the query's attributes list gives them. */
    int[] order() { return order; }
    /** How many columns the model has: where an entity's links start in its slots. */
    int width() { return loaded.length; }
    String alias(int i) { return aliases[i]; }
    boolean isToMany(int i) { return toMany[i]; }
    boolean isLoaded(int columnIndex) { return loaded[columnIndex]; }

    int columnIndex(String attribute) {
        Column<?> c = model.findColumn(attribute);
        if (c == null) {
            int slot = computedSlot(attribute);
            if (slot >= 0) {
                return slot;
            }
            throw new UnknownColumnException(model.name() + " has no attribute '" + attribute + "'; " + model.name() + " has: "
                    + model.attributeNames() + virtualNames() + (computed.length == 0 ? "" : "; computed: " + String.join(", ", computed)));
        }
        return checkLoaded(c);
    }

    /** Whether every attribute a virtual attribute is computed from was read. */
    public boolean isLoaded(VirtualAttribute<?> v) {
        for (Column<?> c : v.dependsOn()) {
            if (!loaded[c.index()]) {
                return false;
            }
        }
        return true;
    }

    void checkLoaded(VirtualAttribute<?> v) {
        for (Column<?> c : v.dependsOn()) {
            if (!loaded[c.index()]) {
                throw new QueryException(v + " is computed from " + model.name() + "." + c.name()
                        + ", which this query did not read (its attributes list left it out)");
            }
        }
    }

    int checkLoaded(Column<?> c) {
        if (c.model() != model) {
            throw new UnknownColumnException(c + " is not an attribute of " + model.name() + " (" + model.attributeNames() + ")");
        }
        if (!loaded[c.index()]) {
            throw new QueryException(model.name() + "." + c.name() + " was not read by this query (its attributes list left it out)");
        }
        return c.index();
    }

    private String virtualNames() {
        List<VirtualAttribute<?>> vs = model.virtualAttributes();
        return vs.isEmpty() ? "" : " (virtual: " + String.join(", ", vs.stream().map(VirtualAttribute::name).toArray(String[]::new)) + ")";
    }

    int linkIndex(String alias, boolean wantMany) {
        Integer i = aliasIndex.get(alias);
        if (i == null) {
            throw new QueryException("'" + alias + "' was not included for " + model.name() + "; included: "
                    + (aliases.length == 0 ? "(nothing)" : String.join(", ", aliases)));
        }
        if (toMany[i] != wantMany) {
            throw new QueryException("'" + alias + "' of " + model.name() + " is " + (toMany[i] ? "to-many: use many(\"" + alias + "\")"
                    : "to-one: use one(\"" + alias + "\")"));
        }
        return i;
    }
}
