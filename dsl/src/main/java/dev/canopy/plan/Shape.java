package dev.canopy.plan;

import dev.canopy.internal.QueryMemos;
import dev.canopy.model.Schema;
import dev.canopy.query.Attributes;
import dev.canopy.query.Computed;
import dev.canopy.query.Condition;
import dev.canopy.query.Expr;
import dev.canopy.query.Include;
import dev.canopy.query.Order;
import dev.canopy.query.Query;
import dev.canopy.query.SqlFunction;
import dev.canopy.query.Through;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A query split into its shape and its values: the plan-cache key, and the values that fill the slots of SQL rendered
 * once per shape. Two queries that differ only in bound values ({@code where id = 7}, {@code where id = 8}) have equal
 * {@link #key()}s, so they share one plan and one rendered SQL; each runs with its own {@link #values()}.
 *
 * <p><b>What is shape and what is a value.</b> Everything that changes the SQL text is shape: the root model, the
 * attributes, the include tree (alias, join kind, separate, attributes, order, whether it has a per-parent limit), the
 * order array, paranoid, whether a limit and an offset are given, a per-parent limit's number (inline in its
 * {@code ROW_NUMBER()} window: H2 reads a window bounded by a parameter far slower), and each condition's structure: its variant, column
 * reference ({@code $path$} references are identifiers, not values), operator and negation. So {@code eq(null)} (an
 * {@code IS NULL}) and {@code eq(7)} are two shapes, as are an empty {@code isIn} (rendered {@code FALSE}) and a
 * non-empty one, and an {@code isIn} list's length wherever it is rendered one bind per value, on a database without
 * array binds ({@link Conditions#inShape}: where arrays are bound, every non-empty list is, and counts only by its
 * number of arrays, one per 65,536 values). What remains is a value: compared values, BETWEEN bounds, the
 * elements of an {@code isIn} list, limit and offset, which jOOQ renders as bind parameters on
 * every dialect. The statement timeout is neither: it is read from the query at each run.
 *
 * <p><b>Expressions</b> ({@link Expr}: computed attributes, group terms, order terms, {@code where(fn(...), op, value)}
 * and {@code having}) are shape by their structure: each node's kind, column, name, function, DISTINCT, cast type and
 * the number of ROUND's places (rendered inline). A value inside an expression ({@code coalesce(x, 0)}) is a value: the
 * distinct values of all expressions take one slot each, after every other value, in the order first met; the key
 * holds each value's Java type and which earlier value it equals, since the planner shares one field between equal
 * expressions (a computed attribute and the same aggregate in having share one column of the aggregate table). The
 * value an expression is compared with ({@link Condition.ExprCompare}) takes one slot in its condition's walk, and its
 * Java type is shape (it picks the parameter's type).
 *
 * <p><b>The order of values</b> is fixed here and only here: slot 0 is the query's limit and slot 1 its offset (null
 * when absent), then the root where's values, then for each include in pre-order (declared order, depth first,
 * through separate includes too) its per-parent limit, its where's values and its {@code through(where)}'s values,
 * then the having's values, then the values inside expressions. A condition's values come in the order of
 * a {@link Condition.Visitor} walk: one slot for a comparison, two for a BETWEEN (low, high), one for an {@code isIn}
 * (the whole list); none for IS NULL and literals. {@link Conditions} consumes slots in the same walk when it makes a
 * plan's bind parameters, and records which slot each parameter stands for ({@link BindSlots}); {@link Positions}
 * says where each part starts, and the slot of each expression value.
 *
 * <p><b>Adding a kind of value</b> (an aggregate expression, a HAVING, a new condition variant) is done in one place
 * per side: here, a case in {@link Walk} that appends its shape tokens to {@code key} and its values to {@code values}
 * in visiting order, and in the planner, the code that turns it into jOOQ parameters records each with
 * {@link BindSlots#add} at the slot this walk gave it. The {@code Condition.Visitor} makes a new condition variant fail
 * to compile in both until it is handled. Anything that changes the SQL text and is not a parameter must be a token.
 */
public final class Shape {
    /** Slots of the query's own limit and offset. */
    static final int LIMIT = 0;
    static final int OFFSET = 1;
    /** The first slot of the root where. */
    static final int ROOT_WHERE = 2;

    private final Key key;
    private final @Nullable Object[] values;
    /** The query this is the shape of; with the context it was taken in, when it is kept on the query asked. */
    private final Query query;
    private final @Nullable Context context;

    private Shape(Key key, @Nullable Object[] values, Query query, @Nullable Context context) {
        this.key = key;
        this.values = values;
        this.query = query;
        this.context = context;
    }

    /**
     * The shape and values of a query, for a database with ({@code arrays}) or without array binds: its {@code isIn}
     * lists are part of the shape by length only where they are rendered one bind per value.
     */
    public static Shape of(Query query, boolean arrays) {
        return of(query, arrays, null);
    }

    private static Shape of(Query query, boolean arrays, @Nullable Context context) {
        Walk w = new Walk(arrays, false);
        w.query(query);
        return new Shape(new Key(w.key.toArray()), w.values.toArray(), query, context);
    }

    /**
     * The shape of {@code asked} as it runs in {@code context}: of {@code asRun(asked)} (the query with its scopes
     * merged in, say). Taken once per query value and kept on it: a query is immutable, so a service that runs a
     * query constant, or the same query value again, walks it once, not on every run; a query run in another context
     * (a Canopy with another dialect or other scopes) is walked again for that context.
     */
    public static Shape of(Query asked, Context context, UnaryOperator<Query> asRun) {
        Object memo = QueryMemos.get(asked);
        if (memo instanceof Shape && context.equals(((Shape) memo).context)) {
            return (Shape) memo;
        }
        Shape shape = of(asRun.apply(asked), context.arrays, context);
        QueryMemos.set(asked, shape);
        return shape;
    }

    /**
     * Whether binding the query changes where its values go: an {@code Include.all()} becomes one include per
     * association (each with its slots), after the includes declared beside it. Such a query must be shaped bound, or
     * the slots of the plan made from its bound form would not line up with its shape's values.
     */
    public static boolean expandsWhenBound(Query query) {
        return hasAll(query.includes());
    }

    private static boolean hasAll(List<Include> includes) {
        for (Include i : includes) {
            if (i.isAll() || hasAll(i.includes())) {
                return true;
            }
        }
        return false;
    }

    /** The query this is the shape of: the query as run (see {@link #of(Query, Context, UnaryOperator)}). */
    public Query query() {
        return query;
    }

    /**
     * What a query's shape depends on besides the query: whether the database binds arrays, and the schema a query
     * may be bound to before it is shaped (its scopes merged in, an {@code Include.all()} expanded), or null. Equal
     * for the same schema instance and the same array binds.
     */
    public static final class Context {
        private final @Nullable Schema schema;
        private final boolean arrays;

        public Context(@Nullable Schema schema, boolean arrays) {
            this.schema = schema;
            this.arrays = arrays;
        }

        @Override public boolean equals(@Nullable Object o) {
            return o instanceof Context && ((Context) o).schema == schema && ((Context) o).arrays == arrays;
        }

        @Override public int hashCode() {
            return System.identityHashCode(schema) * 31 + Boolean.hashCode(arrays);
        }
    }

    /** The plan-cache key: equal for queries that differ only in bound values, compared and hashed by value. */
    public Object key() {
        return key;
    }

    /** The query's values by slot, in the order described above; shared by every run of the query, so only read. */
    public @Nullable Object[] values() {
        return values;
    }

    /** Where each part of a query's values starts, for the planner: see {@link Positions}. */
    static Positions positions(Query query) {
        Walk w = new Walk(false, true);
        w.query(query);
        return new Positions(Map.copyOf(w.includeSlots), Map.copyOf(w.throughSlots), w.havingSlot, Map.copyOf(w.exprSlots));
    }

    /**
     * Where a query's values are, by the walk above.
     *
     * @param includes for each include path from the root ({@code posts.comments}), the slot of its per-parent limit;
     *                 its where's values follow
     * @param through  for each include path with a {@code through(where)}, the slot of that where's first value
     * @param having   the slot of the having's first value
     * @param values   the slot of each value inside the query's expressions; equal values share one
     */
    record Positions(Map<String, Integer> includes, Map<String, Integer> through, int having, Map<Expr.Value<?>, Integer> values) {}

    /** Shape tokens that are never a user's value. */
    private enum Tag {
        QUERY, INCLUDE, NONE, COMPARE, IN, BETWEEN, IS_NULL, AND, OR, NOT, TRUE, FALSE,
        ATTRIBUTES, ORDER, THROUGH, GROUP, HAVING, EXPR_COMPARE, COLUMN, NAMED, VALUE, CALL, CAST, PLACES
    }

    /** The walk that defines the shape tokens and the order of values; see the class comment. */
    private static final class Walk implements Condition.Visitor<Void> {
        private final boolean arrays;
        /** Whether the positions of the parts are recorded (for the planner). */
        private final boolean positions;
        final Map<String, Integer> includeSlots = new HashMap<>();
        final Map<String, Integer> throughSlots = new HashMap<>();
        int havingSlot;
        final List<Object> key = new ArrayList<>(32);
        final List<@Nullable Object> values = new ArrayList<>(8);
        /** The distinct values inside expressions, in the order first met, each with its index; slotted after the rest. */
        private final Map<Expr.Value<?>, Integer> exprValues = new LinkedHashMap<>();
        final Map<Expr.Value<?>, Integer> exprSlots = new HashMap<>();

        Walk(boolean arrays, boolean positions) {
            this.arrays = arrays;
            this.positions = positions;
        }

        void query(Query q) {
            key.add(Tag.QUERY);
            key.add(q.root());
            attributes(q.attributes());
            order(q.order());
            key.add(q.isParanoid());
            key.add(q.limit() != null);
            key.add(q.offset() != null);
            values.add(q.limit());
            values.add(q.offset());
            where(q.where());
            includes(q.includes(), "");
            key.add(Tag.GROUP);
            key.add(q.group().size());
            for (Expr<?> g : q.group()) {
                expr(g);
            }
            key.add(Tag.HAVING);
            havingSlot = values.size();
            where(q.having());
            // the values inside expressions come last, one slot per distinct value
            int base = values.size();
            for (Map.Entry<Expr.Value<?>, Integer> e : exprValues.entrySet()) {
                values.add(e.getKey().value());
                if (positions) {
                    exprSlots.put(e.getKey(), base + e.getValue());
                }
            }
        }

        /** Columns as the lists they are; computed attributes by alias and expression structure. */
        private void attributes(Attributes a) {
            key.add(Tag.ATTRIBUTES);
            key.add(a.only());
            key.add(a.excluded());
            key.add(a.keyOnly());
            key.add(a.computed().size());
            for (Computed<?> c : a.computed()) {
                key.add(c.name());
                expr(c.expr());
            }
        }

        private void order(List<Order> order) {
            key.add(Tag.ORDER);
            key.add(order.size());
            for (Order o : order) {
                if (o.isExpr()) {
                    expr(o.expr());
                } else {
                    key.add(o.column());
                }
                key.add(o.direction());
                key.add(o.nulls());
            }
        }

        /** An expression's structure; its values go to {@link #exprValues}, the key saying which earlier one each equals. */
        private void expr(Expr<?> e) {
            if (e instanceof Expr.Col) {
                key.add(Tag.COLUMN);
                key.add(((Expr.Col<?>) e).ref());
            } else if (e instanceof Expr.Named) {
                key.add(Tag.NAMED);
                key.add(e);
            } else if (e instanceof Expr.Value) {
                Expr.Value<?> v = (Expr.Value<?>) e;
                Integer index = exprValues.get(v);
                if (index == null) {
                    index = exprValues.size();
                    exprValues.put(v, index);
                }
                key.add(Tag.VALUE);
                key.add(v.value().getClass());
                key.add(index);
            } else if (e instanceof Expr.Cast) {
                key.add(Tag.CAST);
                key.add(((Expr.Cast<?>) e).to());
                expr(((Expr.Cast<?>) e).expr());
            } else {
                Expr.Call<?> call = (Expr.Call<?>) e;
                key.add(Tag.CALL);
                key.add(call.function());
                key.add(call.distinct());
                key.add(call.args().size());
                for (int i = 0; i < call.args().size(); i++) {
                    Expr<?> a = call.args().get(i);
                    if (call.function() == SqlFunction.ROUND && i == 1 && a instanceof Expr.Value) {
                        key.add(Tag.PLACES);   // rendered inline
                        key.add(((Expr.Value<?>) a).value());
                    } else {
                        expr(a);
                    }
                }
            }
        }

        private void includes(List<Include> includes, String parentPath) {
            key.add(includes.size());
            for (Include i : includes) {
                String path = parentPath.isEmpty() ? i.alias() : parentPath + "." + i.alias();
                key.add(Tag.INCLUDE);
                key.add(i.alias());
                key.add(i.requiredOption() == null ? Tag.NONE : i.requiredOption());
                key.add(i.isRight());
                key.add(i.separateOption() == null ? Tag.NONE : i.separateOption());
                attributes(i.attributes());
                order(i.order());
                key.add(i.limit() == null ? Tag.NONE : i.limit());   // rendered inline in the ROW_NUMBER window
                if (positions) {
                    includeSlots.put(path, values.size());
                }
                values.add(i.limit());
                where(i.where());
                Through t = i.throughOption();
                key.add(Tag.THROUGH);
                if (t == null) {
                    key.add(Tag.NONE);
                } else {
                    key.add(t.attributes());
                    if (positions) {
                        throughSlots.put(path, values.size());
                    }
                    where(t.where());
                }
                includes(i.includes(), path);
            }
        }

        private void where(@Nullable Condition where) {
            if (where == null) {
                key.add(Tag.NONE);
            } else {
                where.accept(this);
            }
        }

        @Override public Void compare(Condition.Compare c) {
            key.add(Tag.COMPARE);
            key.add(c.column());
            key.add(c.operator());
            values.add(Conditions.boundValue(c.operator(), c.value()));
            return null;
        }

        @Override public Void in(Condition.In c) {
            key.add(Tag.IN);
            key.add(c.column());
            key.add(c.negated());
            key.add(Conditions.inShape(c.values().size(), arrays));
            values.add(c.values());
            return null;
        }

        @Override public Void between(Condition.Between c) {
            key.add(Tag.BETWEEN);
            key.add(c.column());
            key.add(c.negated());
            values.add(c.low());
            values.add(c.high());
            return null;
        }

        @Override public Void isNull(Condition.IsNull c) {
            key.add(Tag.IS_NULL);
            key.add(c.column());
            key.add(c.negated());
            return null;
        }

        @Override public Void junction(Condition.Junction c) {
            key.add(c.and() ? Tag.AND : Tag.OR);
            key.add(c.parts().size());
            for (Condition p : c.parts()) {
                p.accept(this);
            }
            return null;
        }

        @Override public Void not(Condition.Not c) {
            key.add(Tag.NOT);
            return c.condition().accept(this);
        }

        @Override public Void literal(Condition.Literal c) {
            key.add(c.value() ? Tag.TRUE : Tag.FALSE);
            return null;
        }

        @Override public Void exprCompare(Condition.ExprCompare c) {
            key.add(Tag.EXPR_COMPARE);
            expr(c.expr());
            key.add(c.operator());
            key.add(c.value().getClass());   // picks the parameter's type
            values.add(c.value());
            return null;
        }
    }

    /**
     * Shape tokens in prefix order: every tag has a fixed number of tokens after it (counts for junctions and include
     * lists), so two equal token arrays describe the same query shape.
     */
    private static final class Key {
        private final Object[] tokens;
        private final int hash;

        Key(Object[] tokens) {
            this.tokens = tokens;
            this.hash = Arrays.hashCode(tokens);
        }

        @Override public boolean equals(@Nullable Object o) {
            return o == this || o instanceof Key && ((Key) o).hash == hash && Arrays.equals(((Key) o).tokens, tokens);
        }

        @Override public int hashCode() {
            return hash;
        }

        @Override public String toString() {
            return "Shape" + Arrays.toString(tokens);
        }
    }
}
