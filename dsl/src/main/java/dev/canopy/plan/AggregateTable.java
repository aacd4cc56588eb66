package dev.canopy.plan;

import dev.canopy.error.QueryException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.query.ColumnRef;
import dev.canopy.query.Expr;
import dev.canopy.query.Include;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * <b>Aggregates are per root, whatever the includes and the limit.</b> A root's computed aggregates
 * ({@code COUNT(albums.tracks.TrackId)}) are computed in a derived table {@code g} of one row per root key, over joins
 * of its own ({@code g0} the root, {@code g1}.. along each path an aggregate names, LEFT, with the include's where and
 * paranoid filter where the path is included), and {@code g} is joined to the root by key. To the rest of the plan an
 * aggregate is then one more column of the root: the page of root keys orders and filters by it (so
 * {@code limit 10} counts roots, and counts are not multiplied by the joined children, the trap Sequelize's subquery
 * falls into), and the outer statement reads it.
 */
final class AggregateTable {
    static final Name ALIAS = DSL.name("g");

    private final Spec spec;
    private final boolean arrays;
    private final Map<String, Name> aliases = new LinkedHashMap<>();
    private final Map<String, Model> models = new LinkedHashMap<>();
    private final List<String> columnNames = new ArrayList<>();
    private final List<Expr<?>> exprs = new ArrayList<>();
    private Table<?> from;
    private int junctions;

    AggregateTable(Spec spec, boolean arrays) {
        this.spec = spec;
        this.arrays = arrays;
        aliases.put("", DSL.name("g0"));
        models.put("", spec.root());
        this.from = Fields.table(spec.root().tableName(), "g0");
    }

    /** Adds an aggregate column named {@code name}, joining the paths it names; returns its field in {@code g}. */
    Field<Object> add(String name, Expr<?> expr) {
        expr.forEachLeaf(leaf -> {
            if (leaf instanceof Expr.Col) {
                join(((Expr.Col<?>) leaf).ref().path());
            }
        });
        columnNames.add(name);
        exprs.add(expr);
        return DSL.field(ALIAS.append(name));
    }

    boolean isEmpty() {
        return exprs.isEmpty();
    }

    /** What was added, rendered once and never changed: a plan may hold it and be shared by threads. */
    Joined freeze() {
        if (spec.root().primaryKey().isEmpty()) {
            throw new QueryException(spec.root().name() + " has no primary key, so its aggregates cannot be computed per row; "
                    + "group(...) the query instead");
        }
        Expressions fields = spec.expressions(this::field);
        List<Field<?>> selected = new ArrayList<>();
        for (int c = 0; c < exprs.size(); c++) {
            selected.add(fields.field(exprs.get(c)).as(DSL.name(columnNames.get(c))));
        }
        return new Joined(spec.root().primaryKey(), aliases.get(""), from, List.copyOf(selected));
    }

    /** The frozen aggregate table: the root's key, the joins, the aggregate columns. */
    record Joined(List<Column<?>> key, Name base, Table<?> from, List<Field<?>> aggregates) {
        /** {@code root t0 JOIN (SELECT g0.key gk0, agg name, ... FROM ... GROUP BY g0.key) g ON t0.key = g.gk0}. */
        Table<?> joinedTo(Table<?> root, Name rootAlias) {
            SelectQuery<Record> q = Planner.NEUTRAL.selectQuery();
            List<Field<?>> keys = new ArrayList<>();
            org.jooq.Condition on = DSL.noCondition();
            for (int i = 0; i < key.size(); i++) {
                Field<Object> f = Fields.of(base, key.get(i));
                keys.add(f);
                q.addSelect(f.as(DSL.name("gk" + i)));
                on = on.and(Fields.of(rootAlias, key.get(i)).eq(DSL.field(ALIAS.append("gk" + i))));
            }
            q.addSelect(aggregates);
            q.addFrom(from);
            q.addGroupBy(keys);
            return root.join(q.asTable(ALIAS)).on(on);
        }
    }

    private Field<Object> field(ColumnRef<?> ref) {
        String key = String.join(".", ref.path());
        Model m = models.get(key);
        if (ref.column().model() != m) {
            throw new QueryException(ref + ": " + ref.column() + " is not an attribute of " + (key.isEmpty() ? "the root " : "'" + key + "' ")
                    + m.name() + " (" + m.attributeNames() + ")");
        }
        return Fields.of(aliases.get(key), ref.column());
    }

    /** LEFT JOINs along a path, once per prefix. */
    private void join(List<String> path) {
        for (int n = 1; n <= path.size(); n++) {
            List<String> prefix = path.subList(0, n);
            String key = String.join(".", prefix);
            if (aliases.containsKey(key)) {
                continue;
            }
            List<Association> chain = spec.paths().apply(prefix);
            if (chain == null) {
                throw new QueryException("the path '" + key + "' of an aggregate is not resolved; bind the query to its schema (query.bind(schema))");
            }
            Association a = chain.get(chain.size() - 1);
            String parentKey = String.join(".", path.subList(0, n - 1));
            Name parent = aliases.get(parentKey);
            Name alias = DSL.name("g" + aliases.size());
            Association.Keys k = a.keys();
            Table<?> target = Fields.table(a.target().tableName(), alias.first());
            org.jooq.Condition own = own(prefix, a.target(), alias);
            if (a.kind() == Association.Kind.BELONGS_TO_MANY) {
                Name j = DSL.name("gj" + (++junctions));
                Table<?> junction = DSL.table(DSL.name(k.throughSource().model().tableName())).as(j);
                from = from.leftJoin(junction).on(Fields.of(j, k.throughSource()).eq(Fields.of(parent, k.source())))
                        .leftJoin(target).on(Fields.of(j, k.throughTarget()).eq(Fields.of(alias, k.target())).and(own));
            } else if (a.kind() == Association.Kind.BELONGS_TO) {
                from = from.leftJoin(target).on(Fields.of(parent, k.source()).eq(Fields.of(alias, k.target())).and(own));
            } else {
                from = from.leftJoin(target).on(Fields.of(alias, k.target()).eq(Fields.of(parent, k.source())).and(own));
            }
            aliases.put(key, alias);
            models.put(key, a.target());
        }
    }

    /** The include's where (when the path is included) and the paranoid filter: a count counts what the include loads. */
    private org.jooq.Condition own(List<String> path, Model target, Name alias) {
        org.jooq.Condition own = DSL.noCondition();
        Include inc = find(spec.includes(), path);
        if (inc != null && inc.where() != null) {
            // the include's where once more, its values from the same slots as in the include's join
            int base = spec.slots() == null ? 0 : spec.includeSlot(spec.pathOf(path)) + 1;
            own = own.and(spec.conditions(ref -> Fields.of(alias, ref.column()), arrays, base).toJooq(inc.where()));
        }
        if (spec.paranoid() && target.options().isParanoid()) {
            own = own.and(Fields.of(alias, target.column("deletedAt")).isNull());
        }
        return own;
    }

    private static Include find(List<Include> includes, List<String> path) {
        for (Include i : includes) {
            if (i.alias().equals(path.get(0))) {
                return path.size() == 1 ? i : find(i.includes(), path.subList(1, path.size()));
            }
        }
        return null;
    }
}
