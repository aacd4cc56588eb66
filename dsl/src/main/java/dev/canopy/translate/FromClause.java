package dev.canopy.translate;

import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import dev.canopy.query.JoinKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.QOM;
import org.jooq.impl.TableImpl;
import org.jspecify.annotations.Nullable;

/**
 * Reads the FROM clause into {@link SqlTable}s: each joined table hangs from the earlier table its ON clause equates
 * a key with, with the join's kind and the ON conditions on its own columns. Nested joins
 * ({@code a LEFT JOIN (b JOIN c ON ..) ON ..}) keep their nesting; comma-separated tables are joined by the WHERE
 * equality that links them, as an INNER JOIN.
 *
 * <p>One rule of SQL is made explicit: in a flat join list, an INNER JOIN whose ON clause names a LEFT-joined table
 * drops the rows where that table is missing (its ON compares NULL), so the LEFT JOIN is required in effect, and so
 * is every LEFT JOIN between it and the first table. Canopy would nest the required include inside the optional one
 * and keep those rows; the translation marks them required, so that the rows stay the same, and says so in a note.
 */
final class FromClause {
    private final Schema schema;
    private final List<String> notes;
    final List<SqlTable> tables = new ArrayList<>();
    /** Conditions for the query's where: the WHERE's conjuncts, after the ON conjuncts of INNER joins that name other tables. */
    final List<org.jooq.Condition> where = new ArrayList<>();

    private record Component(SqlTable root, List<SqlTable> tables, boolean right) {}

    FromClause(Schema schema, List<String> notes) {
        this.schema = schema;
        this.notes = notes;
    }

    void read(List<? extends Table<?>> from, org.jooq.@Nullable Condition whereClause) {
        if (from.isEmpty()) {
            throw new TranslationException("a SELECT without FROM cannot be translated; select from a table of the schema");
        }
        List<org.jooq.Condition> pool = whereClause == null ? new ArrayList<>() : Predicates.conjuncts(whereClause);
        Component acc = walk(from.get(0), false);
        for (int i = 1; i < from.size(); i++) {
            Component next = walk(from.get(i), false);
            org.jooq.Condition link = commaLink(acc, next, pool);
            if (link == null) {
                throw new TranslationException("FROM ..., " + SqlText.declaration(from.get(i)) + ": no WHERE condition equates a column of "
                        + next.root().shown + " with a column of an earlier table; a cross product cannot be translated");
            }
            pool.remove(link);
            acc = connect(acc, next, JoinKind.INNER, List.of(link), List.of(), ", " + SqlText.declaration(from.get(i)) + " WHERE " + SqlText.of(link), false);
        }
        where.addAll(pool);
    }

    /** The WHERE conjunct that equates a column of {@code next}'s first table with one of {@code acc}, or null. */
    private static org.jooq.@Nullable Condition commaLink(Component acc, Component next, List<org.jooq.Condition> pool) {
        List<SqlTable> all = new ArrayList<>(acc.tables());
        all.addAll(next.tables());
        Scope scope = new Scope(all);
        for (org.jooq.Condition c : pool) {
            if (c instanceof QOM.Eq && Scope.isColumn(((QOM.Eq<?>) c).$arg1()) && Scope.isColumn(((QOM.Eq<?>) c).$arg2())) {
                SqlTable a = scope.bind(((QOM.Eq<?>) c).$arg1()).table();
                SqlTable b = scope.bind(((QOM.Eq<?>) c).$arg2()).table();
                if (a == next.root() && acc.tables().contains(b) || b == next.root() && acc.tables().contains(a)) {
                    return c;
                }
            }
        }
        return null;
    }

    private Component walk(Table<?> t, boolean nested) {
        if (t instanceof QOM.JoinTable) {
            return join((QOM.JoinTable<?, ?>) t, nested);
        }
        if (t instanceof QOM.TableAlias) {
            QOM.TableAlias<?> a = (QOM.TableAlias<?>) t;
            return single(a.$table(), a.$alias().last(), t);
        }
        return single(t, null, t);
    }

    private Component single(Table<?> t, @Nullable String alias, Table<?> written) {
        if (t instanceof QOM.DerivedTable || t instanceof QOM.Lateral) {
            throw new TranslationException(SqlText.declaration(written) + ": a subquery in FROM (a derived table) cannot be translated; join tables of the schema");
        }
        if (!(t instanceof TableImpl)) {
            throw new TranslationException(SqlText.declaration(written) + " in FROM cannot be translated; join tables of the schema");
        }
        SqlTable table = new SqlTable(tables.size(), model(t.getQualifiedName().last()), alias);
        tables.add(table);
        return new Component(table, List.of(table), false);
    }

    private Model model(String table) {
        List<Model> exact = new ArrayList<>();
        List<Model> folded = new ArrayList<>();
        for (Model m : schema.models()) {
            if (m.tableName().equals(table)) {
                exact.add(m);
            } else if (m.tableName().equalsIgnoreCase(table)) {
                folded.add(m);
            }
        }
        List<Model> found = exact.isEmpty() ? folded : exact;
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            throw new TranslationException("table '" + table + "' is the table of no model of the schema; its tables: "
                    + schema.models().stream().map(Model::tableName).sorted(String.CASE_INSENSITIVE_ORDER).collect(Collectors.joining(", ")));
        }
        throw new TranslationException("table '" + table + "' is the table of several models ("
                + found.stream().map(Model::name).collect(Collectors.joining(", ")) + "); the translation needs one model per table");
    }

    private Component join(QOM.JoinTable<?, ?> j, boolean nested) {
        JoinKind kind = kind(j);
        Component left = walk(j.$table1(), nested);
        Component right = walk(j.$table2(), true);
        String keyword = kind == JoinKind.INNER ? "JOIN" : kind == JoinKind.LEFT ? "LEFT JOIN" : "RIGHT JOIN";
        QOM.QualifiedJoin<?, ?> q = (QOM.QualifiedJoin<?, ?>) j;
        org.jooq.Condition on = q.$on();
        List<? extends Field<?>> using = q.$using();
        String text = keyword + " " + SqlText.declaration(j.$table2()) + (using.isEmpty()
                ? on == null ? "" : " ON " + SqlText.of(on)
                : " USING (" + using.stream().map(f -> f.getQualifiedName().last()).collect(Collectors.joining(", ")) + ")");
        List<org.jooq.Condition> conjuncts = on == null ? List.of() : Predicates.conjuncts(on);
        return connect(left, right, kind, conjuncts, using, text, nested);
    }

    private static JoinKind kind(QOM.JoinTable<?, ?> j) {
        if (j instanceof QOM.Join || j instanceof QOM.StraightJoin) {
            return JoinKind.INNER;
        }
        if (j instanceof QOM.LeftJoin) {
            return JoinKind.LEFT;
        }
        if (j instanceof QOM.RightJoin) {
            return JoinKind.RIGHT;
        }
        String what;
        if (j instanceof QOM.FullJoin || j instanceof QOM.NaturalFullJoin) {
            what = "a FULL OUTER JOIN keeps the rows of both sides; an include joins INNER (required), LEFT (optional) or RIGHT (right)";
        } else if (j instanceof QOM.CrossJoin) {
            what = "a CROSS JOIN joins every row with every row; an include joins along an association's keys";
        } else if (j instanceof QOM.NaturalJoin || j instanceof QOM.NaturalLeftJoin || j instanceof QOM.NaturalRightJoin) {
            what = "a NATURAL JOIN equates every column of the same name; write the key equality with ON";
        } else {
            what = "this kind of join cannot be translated; join with JOIN, LEFT JOIN or RIGHT JOIN ... ON a key equality";
        }
        throw new TranslationException(SqlText.declaration(j.$table2()) + " (" + j.getClass().getSimpleName() + "): " + what);
    }

    /** Hangs {@code right}'s first table from the table of {@code left} that the ON clause equates a key with. */
    private Component connect(Component left, Component right, JoinKind kind, List<org.jooq.Condition> conjuncts,
                              List<? extends Field<?>> using, String text, boolean nested) {
        if (left.right()) {
            throw new TranslationException(text + ": a join after a RIGHT JOIN cannot be translated; a right include comes last");
        }
        SqlTable child = right.root();
        List<SqlTable> all = new ArrayList<>(left.tables());
        all.addAll(right.tables());
        Scope scope = new Scope(all);
        Bound[] link = using.isEmpty() ? link(left, right, conjuncts, scope, text) : using(left, child, using, text);
        SqlTable parent = link[0].table();
        if (kind == JoinKind.RIGHT && (nested || parent != left.root())) {
            throw new TranslationException(text + ": a RIGHT JOIN must join the first table of FROM ("
                    + left.root().shown + "), outside parentheses; a right include hangs from the root");
        }
        if (kind == JoinKind.RIGHT && !parent.model.primaryKey().isEmpty()) {
            notes.add(text + ": the rows of " + child.shown + " without a " + parent.shown + " come back only for a root model without a"
                    + " primary key; Canopy's hydrator leaves out a row whose root key is NULL");
        }
        child.parent = parent;
        child.parentKey = link[0].column();
        child.ownKey = link[1].column();
        child.kind = kind;
        child.joinText = text;
        for (org.jooq.Condition c : conjuncts) {
            if (isLink(c, link, scope)) {
                continue;
            }
            Set<SqlTable> named = tablesOf(c, scope);
            if (named.equals(Set.of(child))) {
                child.onWhere.add(c);
            } else if (kind == JoinKind.INNER && !nested) {
                where.add(c);
            } else {
                throw new TranslationException(text + ": in the ON clause of a " + (kind == JoinKind.INNER ? "join inside parentheses" : kind
                        + " JOIN") + ", " + SqlText.of(c) + " names " + named.stream().filter(t -> t != child).map(t -> t.shown)
                        .collect(Collectors.joining(", ")) + "; an include's where names the joined table's columns only (" + child.shown
                        + "); a condition on another table belongs in WHERE");
            }
        }
        if (kind == JoinKind.INNER) {
            for (SqlTable t = parent; t != left.root() && t.parent != null; t = t.parent) {
                if (t.kind == JoinKind.LEFT) {
                    t.kind = JoinKind.INNER;
                    notes.add(t.joinText + " is required in effect: the later " + text + " drops the rows where " + t.shown
                            + " is missing, so its include is required");
                }
            }
        }
        return new Component(left.root(), all, left.right() || kind == JoinKind.RIGHT);
    }

    /** The key equality of an ON clause: {parent side, child side}. */
    private static Bound[] link(Component left, Component right, List<org.jooq.Condition> conjuncts, Scope scope, String text) {
        List<Bound[]> links = new ArrayList<>();
        for (org.jooq.Condition c : conjuncts) {
            Bound[] pair = columnPair(c, scope);
            if (pair == null) {
                continue;
            }
            boolean across = left.tables().contains(pair[0].table()) != left.tables().contains(pair[1].table());
            if (!across) {
                continue;
            }
            if (!(c instanceof QOM.Eq)) {
                throw new TranslationException(text + ": " + SqlText.of(c) + " is not an equality; a join must equate a foreign key"
                        + " with the key it refers to (non-equi joins cannot be translated)");
            }
            links.add(left.tables().contains(pair[0].table()) ? pair : new Bound[] {pair[1], pair[0]});
        }
        if (links.isEmpty()) {
            throw new TranslationException(text + ": the ON clause equates no column of " + right.root().shown
                    + " with a column of an earlier table; a join must equate a foreign key with the key it refers to");
        }
        if (links.size() > 1) {
            throw new TranslationException(text + ": the ON clause equates " + links.size() + " pairs of columns; an association joins on"
                    + " one key (composite foreign keys cannot be translated)");
        }
        Bound[] l = links.get(0);
        if (l[1].table() != right.root()) {
            throw new TranslationException(text + ": the ON clause joins " + l[1].table().shown + ", not " + right.root().shown
                    + ", the first table in the parentheses; join the parenthesized tables through their first table");
        }
        return l;
    }

    private Bound[] using(Component left, SqlTable child, List<? extends Field<?>> using, String text) {
        if (using.size() != 1) {
            throw new TranslationException(text + ": USING names " + using.size() + " columns; an association joins on one key");
        }
        String name = using.get(0).getQualifiedName().last();
        Column<?> own = Scope.find(child.model, name);
        List<Bound> found = new ArrayList<>();
        for (SqlTable t : left.tables()) {
            Column<?> c = Scope.find(t.model, name);
            if (c != null) {
                found.add(new Bound(t, c));
            }
        }
        if (own == null || found.size() != 1) {
            throw new TranslationException(text + ": USING (" + name + ") needs the column in " + child.shown + " and in exactly one earlier table");
        }
        return new Bound[] {found.get(0), new Bound(child, own)};
    }

    private static boolean isLink(org.jooq.Condition c, Bound[] link, Scope scope) {
        Bound[] pair = columnPair(c, scope);
        return pair != null && c instanceof QOM.Eq && (pair[0].equals(link[0]) && pair[1].equals(link[1])
                || pair[0].equals(link[1]) && pair[1].equals(link[0]));
    }

    /** The two columns a comparison of two columns names, or null. */
    private static Bound @Nullable [] columnPair(org.jooq.Condition c, Scope scope) {
        Field<?> a;
        Field<?> b;
        if (c instanceof QOM.Eq) {
            a = ((QOM.Eq<?>) c).$arg1(); b = ((QOM.Eq<?>) c).$arg2();
        } else if (c instanceof QOM.Ne) {
            a = ((QOM.Ne<?>) c).$arg1(); b = ((QOM.Ne<?>) c).$arg2();
        } else if (c instanceof QOM.Lt) {
            a = ((QOM.Lt<?>) c).$arg1(); b = ((QOM.Lt<?>) c).$arg2();
        } else if (c instanceof QOM.Le) {
            a = ((QOM.Le<?>) c).$arg1(); b = ((QOM.Le<?>) c).$arg2();
        } else if (c instanceof QOM.Gt) {
            a = ((QOM.Gt<?>) c).$arg1(); b = ((QOM.Gt<?>) c).$arg2();
        } else if (c instanceof QOM.Ge) {
            a = ((QOM.Ge<?>) c).$arg1(); b = ((QOM.Ge<?>) c).$arg2();
        } else {
            return null;
        }
        if (!Scope.isColumn(a) || !Scope.isColumn(b)) {
            return null;
        }
        return new Bound[] {scope.bind(a), scope.bind(b)};
    }

    /** The tables a condition names. */
    static Set<SqlTable> tablesOf(org.jooq.Condition c, Scope scope) {
        Set<SqlTable> out = new LinkedHashSet<>();
        if (columnPair(c, scope) != null) {
            Bound[] pair = columnPair(c, scope);
            out.add(pair[0].table());
            out.add(pair[1].table());
            return out;
        }
        new Predicates(scope, b -> {
            out.add(b.table());
            @SuppressWarnings("unchecked")
            dev.canopy.query.ColumnRef<Object> r = (dev.canopy.query.ColumnRef<Object>) b.column().ref();
            return r;
        }).translate(c);
        return out;
    }
}
