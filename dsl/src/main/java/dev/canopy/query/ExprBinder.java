package dev.canopy.query;

import dev.canopy.error.UnknownColumnException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the expressions of a query in a schema, once, when it is bound: a column named by text
 * ({@code col("albums.tracks.TrackId")}) becomes the column it names, and the associations along every path an
 * expression names are recorded, so that an aggregate can join a path the include tree does not load (its count of
 * tracks while only albums are included). A name without a path that is a computed attribute's alias stays a name.
 */
final class ExprBinder {
    private final Schema schema;
    private final Model root;
    private final Attributes attributes;
    private final Map<String, List<Association>> paths = new LinkedHashMap<>();

    ExprBinder(Schema schema, Model root, Attributes attributes) {
        this.schema = schema;
        this.root = root;
        this.attributes = attributes;
    }

    Map<String, List<Association>> paths() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(paths));
    }

    /** Whether every expression of the query names resolved columns and paths. */
    static boolean isBound(Query q) {
        List<Expr<?>> all = new ArrayList<>(q.group());
        q.attributes().computed().forEach(c -> all.add(c.expr()));
        q.order().stream().filter(Order::isExpr).forEach(o -> all.add(o.expr()));
        boolean[] ok = {true};
        for (Expr<?> e : all) {
            e.forEachLeaf(l -> ok[0] &= leafBound(q, l));
        }
        return ok[0];
    }

    private static boolean leafBound(Query q, Expr<?> leaf) {
        if (leaf instanceof Expr.Named) {
            Expr.Named n = (Expr.Named) leaf;
            return n.path().isEmpty() && q.attributes().computed(n.name()) != null;
        }
        List<String> path = ((Expr.Col<?>) leaf).ref().path();
        return path.isEmpty() || q.associationsOf(path) != null;
    }

    Order order(Order o) {
        return o.isExpr() ? new Order(null, o.direction(), o.nulls(), expr(o.expr())) : o;
    }

    Condition condition(Condition c) {
        if (c instanceof Condition.ExprCompare) {
            Condition.ExprCompare e = (Condition.ExprCompare) c;
            return new Condition.ExprCompare(expr(e.expr()), e.operator(), e.value());
        }
        if (c instanceof Condition.Junction) {
            List<Condition> parts = new ArrayList<>();
            for (Condition p : ((Condition.Junction) c).parts()) {
                parts.add(condition(p));
            }
            return new Condition.Junction(((Condition.Junction) c).and(), parts);
        }
        if (c instanceof Condition.Not) {
            return new Condition.Not(condition(((Condition.Not) c).condition()));
        }
        // A plain column's path is recorded when it resolves; one that does not is left to the planner, which names the
        // include tree the where must stay within (a QueryException, before any statement runs).
        c.forEachColumn(ref -> {
            try {
                models(ref.path());
            } catch (dev.canopy.error.SchemaException unknown) {
                // reported by the planner
            }
        });
        return c;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Expr<?> expr(Expr<?> e) {
        if (e instanceof Expr.Named) {
            Expr.Named n = (Expr.Named) e;
            if (n.path().isEmpty() && attributes.computed(n.name()) != null) {
                return n;
            }
            Model m = models(n.path());
            Column<?> c = m.findColumn(n.name());
            if (c == null) {
                String where = n.path().isEmpty() ? m.name() : "'" + String.join(".", n.path()) + "' (" + m.name() + ")";
                String computed = attributes.computed().isEmpty() ? "" : "; computed attributes: "
                        + attributes.computed().stream().map(Computed::name).reduce((a, b) -> a + ", " + b).orElse("");
                throw new UnknownColumnException("'" + n + "': " + where + " has no attribute '" + n.name() + "'; it has: "
                        + m.attributeNames() + computed);
            }
            return new Expr.Col<>(ColumnRef.of(n.path(), (Column) c));
        }
        if (e instanceof Expr.Col) {
            models(((Expr.Col<?>) e).ref().path());
            return e;
        }
        if (e instanceof Expr.Call) {
            Expr.Call<?> call = (Expr.Call<?>) e;
            List<Expr<?>> args = new ArrayList<>();
            for (Expr<?> a : call.args()) {
                args.add(expr(a));
            }
            return new Expr.Call<>(call.function(), args, call.distinct());
        }
        if (e instanceof Expr.Cast) {
            Expr.Cast<?> cast = (Expr.Cast<?>) e;
            return new Expr.Cast<>(expr(cast.expr()), cast.to());
        }
        return e;
    }

    /** The model at the end of a path from the root, recording the associations along it. */
    private Model models(List<String> path) {
        Model m = root;
        List<Association> chain = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            Association a = schema.association(m, path.get(i));
            chain.add(a);
            m = a.target();
            paths.putIfAbsent(String.join(".", path.subList(0, i + 1)), List.copyOf(chain));
        }
        return m;
    }
}
