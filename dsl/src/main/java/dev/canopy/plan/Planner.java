package dev.canopy.plan;

import dev.canopy.dialect.Capability;
import dev.canopy.error.QueryException;
import dev.canopy.query.Include;
import dev.canopy.query.Query;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * Turns a bound query into a {@link Plan}. The work is split by concern, each part immutable once made:
 * <ul>
 *   <li>{@link LayoutBuilder} walks the include tree once: aliases ({@code t0} for the root, {@code t1}.. for joined
 *       includes in pre-order, {@code j1}.. for belongsToMany junctions, {@code e1}.. for EXISTS, {@code p} for the
 *       page), slots, and the strategy of each to-many edge (joined or separate) into a {@link Layout};</li>
 *   <li>{@link ExistsClause} writes the EXISTS of required separate includes;</li>
 *   <li>{@link JoinTree} attaches the joined includes (with pruning for pages and counts);</li>
 *   <li>{@link Ordering} orders roots, then children within their parent;</li>
 *   <li>{@link Paging} pages roots in a derived table, or each parent's children with ROW_NUMBER();</li>
 *   <li>{@link StatementShape} composes a fresh SELECT from those parts for each call.</li>
 * </ul>
 * Aliases never depend on the depth of the tree, and nothing in a plan changes after planning: a cached plan can be
 * used from any thread, and gives the same SQL for the same bind shape every time.
 */
public final class Planner {
    /** Builds statement trees without a dialect; rendering chooses the dialect later. */
    static final DSLContext NEUTRAL = DSL.using(SQLDialect.DEFAULT);

    private final boolean arrays;
    private final Set<Capability> capabilities;

    /** A planner for no database in particular: right joins and window functions, no array binds. */
    public Planner() {
        this(Set.of(Capability.RIGHT_JOIN, Capability.WINDOW_FUNCTIONS));
    }

    /**
     * A planner for a database with these capabilities. {@link Capability#ARRAY_BIND} binds long {@code isIn} lists
     * as one array, so they never cross the bind-parameter limit; without {@link Capability#RIGHT_JOIN} a right
     * include, and without {@link Capability#WINDOW_FUNCTIONS} a per-parent limit, is refused before any SQL.
     */
    public Planner(Set<Capability> capabilities) {
        this.capabilities = Set.copyOf(capabilities);
        this.arrays = capabilities.contains(Capability.ARRAY_BIND);
    }

    /**
     * Plans a bound query (see {@link Query#bind}): one statement for the root and its joined includes, and a keyed
     * plan per separate include.
     */
    public Plan plan(Query query) {
        checkBound(query);
        for (Include i : query.includes()) {
            checkCapabilities(i);
        }
        BindSlots binds = new BindSlots();
        Plan plan = layoutPlan(Spec.of(query, new Spec.Slots(binds, Shape.positions(query))), arrays, binds);
        binds.freeze();
        return plan;
    }

    private void checkCapabilities(Include include) {
        if (include.isRight() && !capabilities.contains(Capability.RIGHT_JOIN)) {
            throw new QueryException("Include '" + include.alias() + "' is right(), but this database has no RIGHT JOIN; include it "
                    + "from the other side, or as optional");
        }
        if (include.limit() != null && !capabilities.contains(Capability.WINDOW_FUNCTIONS)) {
            throw new QueryException("Include '" + include.alias() + "' has a per-parent limit, which needs window functions "
                    + "(ROW_NUMBER() OVER ...) that this database version does not have");
        }
        for (Include i : include.includes()) {
            checkCapabilities(i);
        }
    }

    /** The statement that counts the distinct roots of a bound query, whatever its includes, limit and offset. */
    public Select<?> planCount(Query query) {
        checkBound(query);
        return new StatementShape(new LayoutBuilder(Spec.of(query.unpaged(), null), arrays).build()).count();
    }

    /**
     * {@link #planCount} with the slot of each of its bind parameters recorded (see {@link #plan}), so that its SQL can
     * be rendered once per query shape and run with the values of any query of that shape.
     */
    public Counted planCounted(Query query) {
        checkBound(query);
        Query unpaged = query.unpaged();
        BindSlots binds = new BindSlots();
        Select<?> count = new StatementShape(new LayoutBuilder(Spec.of(unpaged, new Spec.Slots(binds, Shape.positions(unpaged))), arrays)
                .build()).count();
        binds.freeze();
        return new Counted(count, binds);
    }

    /** A count statement and the slots of its parameters. */
    public record Counted(Select<?> statement, BindSlots binds) {}

    /**
     * The statement that computes one aggregate over every row the query's joins and where give (no limit, no order):
     * {@code SELECT COUNT(DISTINCT x) FROM ... WHERE ...}. Its one result column is read as {@link Aggregate#type()}.
     */
    public Aggregate planAggregate(Query query, dev.canopy.query.Expr<?> expr) {
        checkBound(query);
        if (!expr.isAggregate()) {
            throw new QueryException(expr + " is not an aggregate; use count, sum, avg, min or max");
        }
        Query q = query.unpaged();
        Spec spec = new Spec(q.root(), dev.canopy.query.Attributes.KEY.plus(java.util.List.of(expr.alias("value"))), q.includes(),
                q.where(), java.util.List.of(), null, null, q.isParanoid(), null, "", null, java.util.List.of(), true, null, q::associationsOf);
        Layout layout = new LayoutBuilder(spec, arrays).build();
        return new Aggregate(new StatementShape(layout).select(null, null), layout.computedTypes().get("value"));
    }

    /** One aggregate's statement and the type its value is read as. */
    public record Aggregate(Select<?> statement, dev.canopy.model.DataType<?> type) {}

    static Plan layoutPlan(Spec spec, boolean arrays, BindSlots binds) {
        Layout layout = new LayoutBuilder(spec, arrays).build();
        return new Plan(new StatementShape(layout), binds);
    }

    private static void checkBound(Query query) {
        for (Include i : query.includes()) {
            checkBound(i);
        }
    }

    private static void checkBound(Include include) {
        if (!include.hasAssociation() || !include.association().isResolved()) {
            throw new QueryException("Include '" + include.alias() + "' is not bound to a schema; plan query.bind(schema), or run the "
                    + "query on a Canopy opened with its schema");
        }
        for (Include i : include.includes()) {
            checkBound(i);
        }
    }
}
