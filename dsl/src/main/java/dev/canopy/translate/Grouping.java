package dev.canopy.translate;

import dev.canopy.error.QueryException;
import dev.canopy.model.Column;
import dev.canopy.query.ColumnRef;
import dev.canopy.query.Computed;
import dev.canopy.query.Condition;
import dev.canopy.query.Expr;
import dev.canopy.query.JoinKind;
import dev.canopy.query.Order;
import dev.canopy.query.Query;
import dev.canopy.query.Selection;
import dev.canopy.query.SqlFunction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Asterisk;
import org.jooq.Field;
import org.jooq.GroupField;
import org.jooq.Param;
import org.jooq.QualifiedAsterisk;
import org.jooq.Select;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SortField;
import org.jooq.SortOrder;
import org.jooq.impl.QOM;
import org.jspecify.annotations.Nullable;

/**
 * Translates a SELECT with aggregates, GROUP BY and HAVING into a query with computed attributes, {@code group} and
 * {@code having}. Two cases, as the DSL has them:
 *
 * <ul>
 * <li><b>GROUP BY the root's key</b>: per-root aggregates. The joins are not includes: an aggregate names its path
 *     ({@code COUNT(t.TrackId)} is {@code count(TRACK.trackId.at("albums", "tracks"))}), and the DSL computes it over
 *     LEFT JOINs along the paths the aggregates name. That is the SQL's answer when the joins are one chain of LEFT
 *     JOINs that the aggregates reach the end of, or one chain of INNER JOINs whose last table the aggregates read
 *     (then the roots without a row at the end of the chain are left out, as INNER JOIN does, by
 *     {@code having(count(<its key>) > 0)}). Anything else would return other numbers, and is refused with the reason.</li>
 * <li><b>GROUP BY other columns</b>: a report, one entity per group. Joins are includes, which in a report only join
 *     (INNER required, LEFT optional), WHERE is the where, and the grouped columns and aggregates are read: SQL's
 *     semantics exactly.</li>
 * </ul>
 * Either way HAVING is the query's {@code having}, ORDER BY (an aggregate, an alias, a position or a column) the order,
 * LIMIT and OFFSET count the rows of the SQL (roots or groups). An aggregate without GROUP BY (one row over all rows),
 * a window function, an aggregate inside an aggregate and a GROUP BY term that is no column or function the DSL has
 * are refused.
 */
final class Grouping {
    /** One item of the select list: a root attribute ({@code column}), or a computed attribute. */
    private record Item(@Nullable Column<?> column, @Nullable Computed<?> computed, @Nullable String label) {}

    private final Select<?> select;
    private final FromClause from;
    private final Scope scope;
    private final List<String> notes;
    private final SqlTable root;
    private final Exprs exprs;
    private final List<Item> items = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final List<Expr<?>> group = new ArrayList<>();
    private boolean perRoot;
    /** Per root over INNER JOINs: the last table of the chain, whose key's count replaces COUNT(*). */
    private @Nullable SqlTable innerEnd;

    Grouping(Select<?> select, FromClause from, Scope scope, List<String> notes) {
        this.select = select;
        this.from = from;
        this.scope = scope;
        this.notes = notes;
        this.root = from.tables.get(0);
        this.exprs = new Exprs(scope, Translator::path);
    }

    /** Whether {@code s} aggregates: it groups, has a HAVING, or an aggregate in its select list. */
    static boolean isAggregating(Select<?> s, Scope scope) {
        if (!s.$groupBy().isEmpty() || Translator.present(s.$having())) {
            return true;
        }
        Exprs exprs = new Exprs(scope, Translator::path);
        for (SelectFieldOrAsterisk item : s.$select()) {
            if (item instanceof Field && Exprs.isCall(unalias((Field<?>) item)) && exprs.translate(unalias((Field<?>) item), SqlText.of(item)).isAggregate()) {
                return true;
            }
        }
        return false;
    }

    Query translate() {
        if (select.$groupBy().isEmpty()) {
            throw new TranslationException(firstAggregate() + " without GROUP BY aggregates all the rows into one; a query returns entities:"
                    + " GROUP BY the key of " + root.shown + " for per-root aggregates, or by the columns of a report"
                    + " (db.count(query) and db.aggregate(query, expr) compute one value)");
        }
        if (select.$distinct()) {
            throw new TranslationException("SELECT DISTINCT with GROUP BY: the groups are distinct already; drop DISTINCT");
        }
        for (SqlTable t : from.tables) {
            if (t.kind == JoinKind.RIGHT && t != root) {
                throw new TranslationException(t.joinText + ": a RIGHT JOIN in a grouped query cannot be translated; start FROM at " + t.shown
                        + " and LEFT JOIN the others");
            }
        }
        groupTerms();
        perRoot = isRootKey();
        List<SqlTable> chain = perRoot ? chain() : List.of();
        selectList();
        Map<String, Expr<?>> aliases = new LinkedHashMap<>();
        for (Item i : items) {
            if (i.label() != null && i.computed() != null) {
                aliases.put(i.label().toLowerCase(Locale.ROOT), i.computed().expr());
            }
        }
        Condition having = Translator.present(select.$having())
                ? new Predicates(scope, Translator::path, aliases).translate(select.$having()) : null;
        List<Order> order = order();
        if (perRoot) {
            checkPerRoot(chain, having, order);
            having = countStarIn(having);
        }

        Query q = Query.from(root.model);
        List<Selection> selection = new ArrayList<>();
        for (Item i : items) {
            if (i.column() != null) {
                selection.add(i.column());
            }
        }
        for (Item i : items) {
            if (i.computed() != null) {
                selection.add(perRoot ? countStarIn(i.computed()) : i.computed());
            }
        }
        q = q.attributes(selection.toArray(Selection[]::new));
        if (perRoot) {
            List<Condition> where = new ArrayList<>();
            Predicates predicates = new Predicates(scope, Translator::path);
            for (org.jooq.Condition c : from.where) {
                Set<SqlTable> named = FromClause.tablesOf(c, scope);
                if (!named.equals(Set.of(root)) && !named.isEmpty()) {
                    throw new TranslationException("WHERE " + SqlText.of(c) + ": with GROUP BY the key of " + root.shown + " (per-root aggregates),"
                            + " a WHERE may name " + root.shown + " only; per-root aggregates join the paths they name, unfiltered."
                            + " GROUP BY the selected columns too, for a report whose WHERE filters the joined rows as in SQL");
                }
                where.add(predicates.translate(c));
            }
            if (!where.isEmpty()) {
                q = q.where(Condition.and(where));
            }
            notes.add("GROUP BY " + select.$groupBy().stream().map(SqlText::of).collect(Collectors.joining(", ")) + " is the key of "
                    + root.shown + ": the aggregates are computed per " + root.model.name() + " (computed attributes), which needs no group(...)");
            if (innerEnd != null) {
                Expr<Long> count = countOf(innerEnd);
                having = having == null ? count.gt(0L) : Condition.and(having, count.gt(0L));
                notes.add("the INNER JOINs keep only the " + root.model.name() + " rows with a row of " + innerEnd.shown + ": having("
                        + count + " > 0)");
            }
        } else {
            Map<SqlTable, List<Condition>> includeWhere = new LinkedHashMap<>();
            List<Condition> where = Translator.where(from, scope, includeWhere);
            if (!where.isEmpty()) {
                q = q.where(Condition.and(where));
            }
            for (SqlTable child : Translator.children(root, from.tables)) {
                q = q.include(Translator.include(child, from.tables, Map.of(), includeWhere));
            }
            q = q.group(group.toArray());
        }
        if (having != null) {
            q = q.having(having);
        }
        if (!order.isEmpty()) {
            List<Order> terms = new ArrayList<>();
            for (Order o : order) {
                terms.add(perRoot ? countStarIn(o) : o);
            }
            q = q.order(terms.toArray(Order[]::new));
        }
        Integer limit = Translator.number(select.$limit(), "LIMIT");
        Integer offset = Translator.number(select.$offset(), "OFFSET");
        if ((limit != null || offset != null) && select.$orderBy().isEmpty()) {
            notes.add("LIMIT without ORDER BY: which rows SQL returns is unspecified; Canopy pages in " + (perRoot ? "primary-key" : "group") + " order");
        }
        if (limit != null) {
            q = q.limit(limit);
        }
        if (offset != null) {
            q = q.offset(offset);
        }
        return q;
    }

    private String firstAggregate() {
        for (SelectFieldOrAsterisk item : select.$select()) {
            if (item instanceof Field && Exprs.isCall(unalias((Field<?>) item))) {
                return SqlText.of(unalias((Field<?>) item));
            }
        }
        return "the aggregate";
    }

    static Field<?> unalias(Field<?> f) {
        return f instanceof QOM.FieldAlias ? ((QOM.FieldAlias<?>) f).$field() : f;
    }

    // ---- GROUP BY -------------------------------------------------------------------------------------------------

    private void groupTerms() {
        for (GroupField g : select.$groupBy()) {
            if (!(g instanceof Field)) {
                throw new TranslationException("GROUP BY " + SqlText.of(g) + ": ROLLUP, CUBE and GROUPING SETS cannot be translated; group by columns");
            }
            Field<?> f = (Field<?>) g;
            Field<?> item = selectItem(f);
            Expr<?> e = item != null ? selectedExpr(item, "GROUP BY " + SqlText.of(f)) : term(f, "GROUP BY " + SqlText.of(f));
            if (e.isAggregate()) {
                throw new TranslationException("GROUP BY " + SqlText.of(f) + ": an aggregate cannot be grouped by");
            }
            if (!group.contains(e)) {
                group.add(e);
            }
        }
    }

    /** The select-list item a GROUP BY or ORDER BY term names by position or by alias, or null. */
    private @Nullable Field<?> selectItem(Field<?> f) {
        if (f instanceof Param && ((Param<?>) f).getValue() instanceof Number) {
            int position = ((Number) ((Param<?>) f).getValue()).intValue();
            if (position >= 1 && position <= select.$select().size() && select.$select().get(position - 1) instanceof Field) {
                return (Field<?>) select.$select().get(position - 1);
            }
            throw new TranslationException(SqlText.of(f) + ": the position names no column of the select list");
        }
        if (Scope.isColumn(f) && f.getQualifiedName().getName().length == 1) {
            String name = f.getQualifiedName().last();
            for (SelectFieldOrAsterisk item : select.$select()) {
                if (item instanceof QOM.FieldAlias && ((QOM.FieldAlias<?>) item).$alias().last().equalsIgnoreCase(name)
                        && !isColumnOfFrom(name)) {
                    return (Field<?>) item;
                }
            }
        }
        return null;
    }

    private boolean isColumnOfFrom(String name) {
        return from.tables.stream().anyMatch(t -> Scope.find(t.model, name) != null);
    }

    private Expr<?> selectedExpr(Field<?> item, String context) {
        return term(unalias(item), context);
    }

    /** A column (through its path) or an expression. */
    private Expr<?> term(Field<?> f, String context) {
        if (Scope.isColumn(f)) {
            Bound b = scope.bind(f);
            if (b.table().junction) {
                throw Associations.junctionColumn(b.table(), context);
            }
            return new Expr.Col<>(Translator.path(b));
        }
        if (f instanceof QOM.ScalarSubquery) {
            throw Predicates.subquery(f);
        }
        if (Literals.isValue(f)) {
            throw new TranslationException(context + ": a constant cannot be translated here; name a column or an expression of columns");
        }
        return exprs.translate(f, context);
    }

    private boolean isRootKey() {
        Set<Column<?>> keys = new HashSet<>();
        for (Expr<?> g : group) {
            if (!(g instanceof Expr.Col) || !((Expr.Col<?>) g).ref().path().isEmpty() || !root.model.primaryKey().contains(((Expr.Col<?>) g).ref().column())) {
                return false;
            }
            keys.add(((Expr.Col<?>) g).ref().column());
        }
        return !keys.isEmpty() && keys.containsAll(root.model.primaryKey());
    }

    // ---- the select list ------------------------------------------------------------------------------------------

    private void selectList() {
        for (SelectFieldOrAsterisk s : select.$select()) {
            if (s instanceof Asterisk || s instanceof QualifiedAsterisk) {
                throw new TranslationException(SqlText.of(s) + " with GROUP BY: list the grouped columns and the aggregates");
            }
        }
        for (SelectFieldOrAsterisk s : select.$select()) {
            Field<?> item = (Field<?>) s;
            String label = label(item);
            Field<?> f = unalias(item);
            String context = SqlText.item(item) + " in the select list";
            Expr<?> e = term(f, context);
            if (e instanceof Expr.Col && ((Expr.Col<?>) e).ref().path().isEmpty()) {
                Column<?> c = ((Expr.Col<?>) e).ref().column();
                if (!perRoot && !group.contains(e)) {
                    throw notGrouped(item);
                }
                if (label == null || label.equalsIgnoreCase(c.name()) || label.equalsIgnoreCase(c.field())) {
                    items.add(new Item(c, null, label != null ? label : c.field()));
                    names.add(c.name().toLowerCase(Locale.ROOT));
                    continue;
                }
            } else if (e instanceof Expr.Col) {
                if (perRoot) {
                    throw new TranslationException(context + ": with GROUP BY the key of " + root.shown + " (per-root aggregates), a column of a"
                            + " joined table must be aggregated; GROUP BY it too for a report");
                }
                if (!group.contains(e)) {
                    throw notGrouped(item);
                }
            } else if (!e.isAggregate()) {
                if (perRoot) {
                    e.forEachLeaf(leaf -> {
                        if (leaf instanceof Expr.Col && !((Expr.Col<?>) leaf).ref().path().isEmpty()) {
                            throw new TranslationException(context + ": with GROUP BY the key of " + root.shown + " (per-root aggregates), a"
                                    + " function reads " + root.shown + "'s columns only; aggregate the joined ones");
                        }
                    });
                } else if (!group.contains(e)) {
                    e.forEachLeaf(leaf -> {
                        if (!group.contains(leaf)) {
                            throw notGrouped(item);
                        }
                    });
                }
            }
            String name = name(item, label, e);
            try {
                items.add(new Item(null, new Computed<>(name, e), label != null ? label : name));
            } catch (QueryException ex) {
                throw new TranslationException(context + ": " + ex.getMessage(), ex);
            }
        }
    }

    private static @Nullable String label(Field<?> item) {
        return item instanceof QOM.FieldAlias ? ((QOM.FieldAlias<?>) item).$alias().last() : null;
    }

    private TranslationException notGrouped(Field<?> item) {
        return new TranslationException(SqlText.item(item) + " in the select list is neither grouped by nor aggregated; GROUP BY "
                + select.$groupBy().stream().map(SqlText::of).collect(Collectors.joining(", ")) + " does not name it");
    }

    /** The computed attribute's name: the SQL's alias, else one made from the column or function, unique and no attribute's. */
    private String name(Field<?> item, @Nullable String label, Expr<?> e) {
        if (label != null) {
            if (Scope.find(root.model, label) != null || root.model.findColumn(label) != null) {
                throw new TranslationException(SqlText.item(item) + ": the alias '" + label + "' is the name of an attribute of " + root.model.name()
                        + ", which a computed attribute cannot take; give it another alias");
            }
            if (!names.add(label.toLowerCase(Locale.ROOT))) {
                throw new TranslationException(SqlText.item(item) + ": two items of the select list are named '" + label + "'");
            }
            return label;
        }
        String base;
        if (e instanceof Expr.Col) {
            ColumnRef<?> ref = ((Expr.Col<?>) e).ref();
            String field = ref.column().field();
            base = Scope.find(root.model, field) == null && root.model.findColumn(field) == null && field.matches("[A-Za-z_][A-Za-z0-9_]*")
                    ? field : ref.path().get(ref.path().size() - 1) + Character.toUpperCase(ref.column().name().charAt(0)) + ref.column().name().substring(1);
        } else if (e instanceof Expr.Call) {
            base = ((Expr.Call<?>) e).function().name().toLowerCase(Locale.ROOT);
        } else {
            base = "value";
        }
        String name = base;
        for (int n = 2; !names.add(name.toLowerCase(Locale.ROOT)) || Scope.find(root.model, name) != null || root.model.findColumn(name) != null; n++) {
            name = base + n;
        }
        notes.add(SqlText.item(item) + " has no alias: it is the computed attribute '" + name + "'");
        return name;
    }

    // ---- ORDER BY -------------------------------------------------------------------------------------------------

    private List<Order> order() {
        List<Order> out = new ArrayList<>();
        for (SortField<?> sf : select.$orderBy()) {
            String context = "ORDER BY " + SqlText.of(sf);
            Field<?> f = sf.$field();
            Field<?> item = selectItem(f);
            Expr<?> e = term(item != null ? unalias(item) : f, context);
            Order o = null;
            for (Item i : items) {
                if (i.computed() != null && i.computed().expr().equals(e)) {
                    o = sf.$sortOrder() == SortOrder.DESC ? Expr.col(i.computed().name()).desc() : Expr.col(i.computed().name()).asc();
                    break;
                }
            }
            if (o == null) {
                if (perRoot && e instanceof Expr.Col && !((Expr.Col<?>) e).ref().path().isEmpty()) {
                    throw new TranslationException(context + ": with GROUP BY the key of " + root.shown + " (per-root aggregates), order by "
                            + root.shown + "'s columns or by aggregates");
                }
                if (!perRoot && !e.isAggregate() && !group.contains(e)) {
                    e.forEachLeaf(leaf -> {
                        if (!group.contains(leaf)) {
                            throw new TranslationException(context + ": " + SqlText.of(f) + " is neither grouped by nor aggregated; a report"
                                    + " orders by its groups and aggregates");
                        }
                    });
                }
                o = sf.$sortOrder() == SortOrder.DESC ? e.desc() : e.asc();
            }
            out.add(Translator.nulls(o, sf));
        }
        return out;
    }

    // ---- per-root aggregates --------------------------------------------------------------------------------------

    /** The joined tables (junctions aside) as one chain from the root, or a refusal naming the fork. */
    private List<SqlTable> chain() {
        List<SqlTable> chain = new ArrayList<>();
        SqlTable at = root;
        while (true) {
            List<SqlTable> children = Translator.children(at, from.tables);
            if (children.size() > 1) {
                throw new TranslationException("GROUP BY the key of " + root.shown + " with joins from " + at.shown + " to "
                        + children.stream().map(t -> t.shown).collect(Collectors.joining(" and ")) + ": per-root aggregates are translated"
                        + " over one chain of joins (SQL multiplies the rows of sibling joins, the DSL aggregates each path on its own);"
                        + " join one chain, or GROUP BY more columns for a report");
            }
            if (children.isEmpty()) {
                return chain;
            }
            at = children.get(0);
            chain.add(at);
        }
    }

    private void checkPerRoot(List<SqlTable> chain, @Nullable Condition having, List<Order> order) {
        if (chain.isEmpty()) {
            return;
        }
        Set<JoinKind> kinds = new LinkedHashSet<>();
        for (SqlTable t : from.tables) {
            if (t != root) {
                kinds.add(t.kind);
                if (!t.onWhere.isEmpty()) {
                    throw new TranslationException(t.joinText + ": with GROUP BY the key of " + root.shown + " (per-root aggregates), an ON"
                            + " condition on the joined table cannot be translated; per-root aggregates join the paths they name, unfiltered."
                            + " GROUP BY the selected columns too, for a report");
                }
            }
        }
        if (kinds.size() > 1) {
            throw new TranslationException("GROUP BY the key of " + root.shown + " over INNER and LEFT JOINs together cannot be translated into"
                    + " per-root aggregates; join all INNER (roots without rows are left out) or all LEFT (they count 0)");
        }
        SqlTable end = chain.get(chain.size() - 1);
        List<Expr<?>> aggregates = new ArrayList<>();
        for (Item i : items) {
            if (i.computed() != null && i.computed().expr().isAggregate()) {
                aggregates.add(i.computed().expr());
            }
        }
        order.stream().filter(o -> o.isExpr() && o.expr().isAggregate()).forEach(o -> aggregates.add(o.expr()));
        collect(having, aggregates);
        if (kinds.contains(JoinKind.INNER)) {
            if (end.model.primaryKey().size() != 1) {
                throw new TranslationException("GROUP BY the key of " + root.shown + " over INNER JOINs: " + end.shown + " has no single-column key"
                        + " to count its rows by; use LEFT JOINs");
            }
            for (Expr<?> a : aggregates) {
                a.forEachLeaf(leaf -> {
                    if (leaf instanceof Expr.Col && !((Expr.Col<?>) leaf).ref().path().equals(end.path())) {
                        throw new TranslationException(a + ": with GROUP BY the key of " + root.shown + " over INNER JOINs, per-root aggregates"
                                + " read the last joined table (" + end.shown + "): the DSL aggregates over LEFT JOINs, which agree with"
                                + " INNER JOINs there only; use LEFT JOINs, or GROUP BY more columns for a report");
                    }
                });
            }
            innerEnd = end;
            return;
        }
        int deepest = -1;
        for (Expr<?> a : aggregates) {
            int[] d = {-1};
            a.forEachLeaf(leaf -> {
                if (leaf instanceof Expr.Col) {
                    List<String> path = ((Expr.Col<?>) leaf).ref().path();
                    for (int k = 0; k < chain.size(); k++) {
                        if (chain.get(k).path().equals(path)) {
                            d[0] = Math.max(d[0], k);
                        }
                    }
                }
            });
            deepest = Math.max(deepest, d[0]);
        }
        for (int k = deepest + 1; k < chain.size(); k++) {
            if (chain.get(k).association().isToMany()) {
                throw new TranslationException("LEFT JOIN " + chain.get(k).shown + ": no aggregate reads a column of " + chain.get(k).shown
                        + ", but its join gives " + root.shown + " several rows, which SQL's aggregates count; per-root aggregates join the"
                        + " paths they name only: aggregate a column of " + end.shown + " (COUNT(" + end.shown + "." + end.model.primaryKey().get(0).field()
                        + ") rather than COUNT(*)), or drop the join");
            }
        }
    }

    private static void collect(@Nullable Condition c, List<Expr<?>> out) {
        if (c instanceof Condition.ExprCompare) {
            out.add(((Condition.ExprCompare) c).expr());
        } else if (c instanceof Condition.Junction) {
            ((Condition.Junction) c).parts().forEach(p -> collect(p, out));
        } else if (c instanceof Condition.Not) {
            collect(((Condition.Not) c).condition(), out);
        }
    }

    /** {@code COUNT(key)} of a joined table, through its path. */
    @SuppressWarnings("unchecked")
    private static Expr<Long> countOf(SqlTable t) {
        return Expr.count(new Expr.Col<>((ColumnRef<Object>) ColumnRef.of(t.path(), t.model.primaryKey().get(0))));
    }

    /** Over INNER JOINs, COUNT(*) per root is the count of the last table's key (the rows the joins give a root). */
    private Expr<?> countStar(Expr<?> e) {
        if (innerEnd == null) {
            return e;
        }
        if (e instanceof Expr.Call) {
            Expr.Call<?> call = (Expr.Call<?>) e;
            if (call.function() == SqlFunction.COUNT && call.args().isEmpty()) {
                return countOf(innerEnd);
            }
            List<Expr<?>> args = new ArrayList<>();
            for (Expr<?> a : call.args()) {
                args.add(countStar(a));
            }
            return new Expr.Call<>(call.function(), args, call.distinct());
        }
        if (e instanceof Expr.Cast) {
            return new Expr.Cast<>(countStar(((Expr.Cast<?>) e).expr()), ((Expr.Cast<?>) e).to());
        }
        return e;
    }

    private Computed<?> countStarIn(Computed<?> c) {
        return new Computed<>(c.name(), countStar(c.expr()));
    }

    private Order countStarIn(Order o) {
        if (!o.isExpr()) {
            return o;
        }
        return new Order(null, o.direction(), o.nulls(), countStar(o.expr()));
    }

    private @Nullable Condition countStarIn(@Nullable Condition c) {
        if (c == null || innerEnd == null) {
            return c;
        }
        if (c instanceof Condition.ExprCompare) {
            Condition.ExprCompare x = (Condition.ExprCompare) c;
            return new Condition.ExprCompare(countStar(x.expr()), x.operator(), x.value());
        }
        if (c instanceof Condition.Junction) {
            List<Condition> parts = new ArrayList<>();
            for (Condition p : ((Condition.Junction) c).parts()) {
                parts.add(countStarIn(p));
            }
            return ((Condition.Junction) c).and() ? Condition.and(parts) : Condition.or(parts);
        }
        if (c instanceof Condition.Not) {
            return Condition.not(countStarIn(((Condition.Not) c).condition()));
        }
        return c;
    }
}
