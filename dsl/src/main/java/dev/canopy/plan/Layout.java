package dev.canopy.plan;

import dev.canopy.error.QueryException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.query.ColumnRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The immutable shape of one statement, decided once when a query is planned: its nodes in pre-order with their
 * generated aliases and slots, the select list, the separate includes, the EXISTS conditions of required separate
 * includes, and which paths the query-level where and order name. {@link JoinTree}, {@link Ordering},
 * {@link Paging} and {@link StatementShape} read it and never change it, so a plan can be shared by threads.
 *
 * @param partition   a separate include's parent-key field (result column 1), null for a query
 * @param junction    the junction alias of a belongsToMany loaded separately ({@code j0}), else null
 * @param exists      per node index, the EXISTS conditions of its required separate includes
 * @param referenced  the paths the statement-level where and order name
 * @param computed    the root's computed attributes by alias: their fields, and the types they are read as
 * @param aggregates  per aggregate expression of the root (computed, or named by having and order), its column of
 *                    the aggregate table {@code g}
 * @param aggregateTable the aggregate table joined to the root ({@link AggregateTable}), or null
 * @param junctionWhere the {@code through(where)} of a belongsToMany loaded separately, on its junction (made once:
 *                    its bind parameters are the plan's), else no condition
 */
record Layout(Spec spec, List<PlanNode> nodes, Map<String, PlanNode> byPath, List<SelectFieldOrAsterisk> select,
              List<Fetch> fetches, Map<Integer, List<org.jooq.Condition>> exists, Set<String> referenced,
              @Nullable Field<Object> partition, @Nullable Name junction, boolean arrays,
              Map<String, Field<?>> computed, Map<String, dev.canopy.model.DataType<?>> computedTypes,
              Map<dev.canopy.query.Expr<?>, Field<?>> aggregates, AggregateTable.@Nullable Joined aggregateTable,
              org.jooq.Condition junctionWhere) {

    PlanNode root() {
        return nodes.get(0);
    }

    Field<Object> field(PlanNode n, Column<?> c) {
        return Fields.of(n.alias(), c);
    }

    boolean joinsToMany() {
        return nodes.stream().anyMatch(PlanNode::isToMany);
    }

    /** Whether a where or order term names this path or one below it. */
    boolean isReferenced(String path) {
        for (String r : referenced) {
            if (r.equals(path) || r.startsWith(path + ".")) {
                return true;
            }
        }
        return false;
    }

    /** The root's table, joined to its junction for a belongsToMany loaded separately. */
    Table<?> rootTable() {
        return withJunction(bareRootTable(), DSL.noCondition());
    }

    /** The root's table alone: {@code "Track" "t0"}, joined to its aggregate table when it has one. */
    Table<?> bareRootTable() {
        PlanNode root = root();
        Table<?> t = Fields.table(root.model().tableName(), root.alias());
        return aggregateTable == null ? t : aggregateTable.joinedTo(t, DSL.name(root.alias()));
    }

    /** Expressions over this layout: columns by path, computed attributes by alias, root aggregates from {@code g}. */
    Expressions expressions() {
        return new Expressions(this::resolve, computed::get, name -> computedTypes.getOrDefault(name, dev.canopy.model.DataType.TEXT),
                aggregates::get, spec.slots());
    }

    /** {@code left}, joined to the junction of a belongsToMany loaded separately (with {@code also} in its ON). */
    Table<?> withJunction(Table<?> left, org.jooq.Condition also) {
        if (junction == null) {
            return left;
        }
        Association.Keys k = spec.via().association().keys();
        Column<?> throughTarget = k.throughTarget();
        Table<?> j = DSL.table(DSL.name(throughTarget.model().tableName())).as(junction);
        return left.join(j).on(Fields.of(junction, throughTarget).eq(field(root(), k.target())).and(also).and(junctionWhere));
    }

    /** Whether every association on a path from the root is to-one, so its columns are one value per root. */
    boolean isToOnePath(List<String> path) {
        for (int i = 1; i <= path.size(); i++) {
            PlanNode n = byPath.get(String.join(".", path.subList(0, i)));
            if (n == null || n.isToMany()) {
                return false;
            }
        }
        return true;
    }

    /** The nearest joined to-many node on a path (the node whose children a term orders), or null. */
    @Nullable PlanNode owner(List<String> path) {
        PlanNode owner = null;
        for (int i = 1; i <= path.size(); i++) {
            PlanNode n = byPath.get(String.join(".", path.subList(0, i)));
            if (n != null && n.isToMany()) {
                owner = n;
            }
        }
        return owner;
    }

    /** The field a statement-level reference names: its path must be joined in this statement. */
    Field<Object> resolve(ColumnRef<?> ref) {
        String key = String.join(".", ref.path());
        PlanNode n = byPath.get(key);
        if (n == null) {
            throw new QueryException(ref + " names the path '" + key + "', which is not included in " + spec.describe()
                    + "; included paths: " + includedPaths() + ". Include it, or fix the path");
        }
        if (ref.column().model() != n.model()) {
            throw new QueryException(ref + ": " + ref.column() + " is not an attribute of " + (key.isEmpty() ? "the root " : "'" + key + "' ")
                    + n.model().name() + " (" + n.model().attributeNames() + ")"
                    + (key.isEmpty() ? "; reach an included model's column through its path, e.g. "
                    + ref.column().name() + " of " + ref.column().model().name() + " as column.at(\"alias\")" : ""));
        }
        return field(n, ref.column());
    }

    /** The converter of the query's having: over this layout's nodes and expressions, its values from the having's slots. */
    Conditions havingConditions() {
        return spec.conditions(this::resolve, arrays, spec.havingBase(), expressions());
    }

    private String includedPaths() {
        List<String> paths = nodes.stream().filter(n -> n.index() > 0).map(PlanNode::pathText).collect(Collectors.toList());
        return paths.isEmpty() ? "(none)" : String.join(", ", paths);
    }
}
