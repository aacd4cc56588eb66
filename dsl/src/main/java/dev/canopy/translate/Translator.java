package dev.canopy.translate;

import dev.canopy.model.Column;
import dev.canopy.model.Schema;
import dev.canopy.query.ColumnRef;
import dev.canopy.query.Computed;
import dev.canopy.query.Condition;
import dev.canopy.query.Expr;
import dev.canopy.query.Include;
import dev.canopy.query.JoinKind;
import dev.canopy.query.Order;
import dev.canopy.query.Query;
import dev.canopy.query.Selection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.AggregateFunction;
import org.jooq.Asterisk;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.QualifiedAsterisk;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SortField;
import org.jooq.SortOrder;
import org.jooq.impl.DSL;
import org.jooq.impl.ParserException;
import org.jooq.impl.QOM;
import org.jspecify.annotations.Nullable;

/**
 * Translates a SQL SELECT over the tables of a {@link Schema} into the {@link Query} that returns the same rows as
 * an include tree: what a user of an existing database has in SQL, in the DSL (and, through {@link Translation},
 * as a JSON spec, Java or Kotlin).
 * <pre>{@code
 * Translation t = Translator.of(schema).translate(
 *         "SELECT * FROM events LEFT JOIN zones ON event_tz = zid WHERE event_creator_fk = 116");
 * t.query();   // Query.from(EVENT).where(EVENT.eventCreatorFk.eq(116)).include("zone")
 * }</pre>
 *
 * <p><b>How the parts map.</b> The first table of FROM is the root. Each JOIN is an include through the association
 * of the table it joins whose keys its ON clause equates (either direction; a self-join by which side holds the
 * foreign key; a junction table joined between two tables as the belongsToMany it serves): INNER JOIN is required,
 * LEFT JOIN optional, RIGHT JOIN right (from the root, last). Further ON conditions on the joined table are the
 * include's where. A WHERE condition on the root is the query's where; on a joined table it is that include's where
 * when the include and every include above it are required (there the two mean the same), and otherwise the query's
 * where through the path, {@code ALBUM.title.at("album")} (Sequelize's {@code $album.Title$}), which filters the
 * joined rows as SQL's WHERE does. ORDER BY is the order array, LIMIT and OFFSET limit and offset (when every join
 * is to-one: SQL counts rows, Canopy counts roots). The select list gives each node its attributes: none when it
 * selects every column of the table ({@code *}, {@code t.*}), its key only when it selects none.
 *
 * <p><b>Aggregates and functions</b> ({@link Exprs}) in the select list are computed attributes named by their
 * alias; in WHERE they compare with values ({@code Condition.ExprCompare}). A SELECT that groups (or has a HAVING, or
 * an aggregate in its select list) is translated by {@link Grouping}: GROUP BY the root's key into per-root
 * aggregates, GROUP BY other columns into a grouped report, HAVING into the query's having.
 *
 * <p><b>What cannot be translated</b> is a {@link TranslationException} naming the part of the SQL and why:
 * subqueries, UNION, window functions and functions the DSL does not have, an aggregate without GROUP BY, non-equi
 * and composite-key joins, FULL and CROSS joins, and a join that no association covers (the message says which
 * association would).
 *
 * <p>Any dialect jOOQ's parser reads is accepted; table and column names match the models' tables and columns
 * exactly, else ignoring case. A translator is immutable and thread-safe.
 */
public final class Translator {
    private final Schema schema;

    private Translator(Schema schema) {
        this.schema = schema;
    }

    /** A translator onto the models and associations of {@code schema}. */
    public static Translator of(Schema schema) {
        return new Translator(Objects.requireNonNull(schema, "schema is null"));
    }

    public Schema schema() {
        return schema;
    }

    /**
     * Translates one SELECT statement.
     *
     * @throws TranslationException when the SQL does not parse, or says what an include tree cannot
     */
    public Translation translate(String sql) {
        Objects.requireNonNull(sql, "sql is null");
        Select<?> select = parse(sql);
        checkShape(select);
        List<String> notes = new ArrayList<>();
        FromClause from = new FromClause(schema, notes);
        from.read(select.$from(), select.$where());
        new Associations(schema, notes).resolve(from.tables);
        Scope scope = new Scope(from.tables);
        if (Grouping.isAggregating(select, scope)) {
            return new Translation(sql, new Grouping(select, from, scope, notes).translate(), notes, sources(from.tables));
        }
        List<Computed<?>> computed = new ArrayList<>();
        Map<SqlTable, List<Column<?>>> attributes = attributes(select, scope, from.tables, notes, computed);
        Map<SqlTable, List<Condition>> includeWhere = new LinkedHashMap<>();
        List<Condition> where = where(from, scope, includeWhere);
        List<Order> order = order(select, scope, computed);
        SqlTable root = from.tables.get(0);
        Query q = Query.from(root.model);
        if (attributes.containsKey(root)) {
            List<Selection> selection = new ArrayList<>(attributes.get(root));
            selection.addAll(computed);
            q = q.attributes(selection.toArray(Selection[]::new));
        } else if (!computed.isEmpty()) {
            q = q.addAttributes(computed.toArray(Computed<?>[]::new));
        }
        if (!where.isEmpty()) {
            q = q.where(Condition.and(where));
        }
        for (SqlTable child : children(root, from.tables)) {
            q = q.include(include(child, from.tables, attributes, includeWhere));
        }
        if (!order.isEmpty()) {
            q = q.order(order.toArray(Order[]::new));
        }
        q = page(select, q, from.tables, notes);
        return new Translation(sql, q, notes, sources(from.tables));
    }

    private static Map<String, String> sources(List<SqlTable> tables) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (SqlTable t : tables) {
            if (!t.junction) {
                sources.put(String.join(".", t.path()), t.shown);
            }
        }
        return sources;
    }

    // ---- parsing and what a statement may hold -------------------------------------------------------------------

    private static Select<?> parse(String sql) {
        org.jooq.Query parsed;
        try {
            parsed = DSL.using(SQLDialect.DEFAULT, SqlText.PARSE).parser().parseQuery(sql);
        } catch (ParserException e) {
            throw new TranslationException("cannot parse the SQL: " + String.valueOf(e.getMessage()).strip(), e);
        }
        if (parsed == null) {
            throw new TranslationException("the SQL holds no statement; give a SELECT");
        }
        if (!(parsed instanceof Select)) {
            String first = sql.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
            throw new TranslationException(first + ": only a SELECT can be translated into a query");
        }
        return (Select<?>) parsed;
    }

    private static void checkShape(Select<?> s) {
        if (s.$with() != null) {
            throw new TranslationException("WITH: common table expressions cannot be translated; select from the tables themselves");
        }
        String setOperation = setOperation(s);
        if (setOperation != null) {
            throw new TranslationException(setOperation + ": a set operation combines the rows of several SELECTs; an include tree is one"
                    + " query on one root model (run one query per SELECT)");
        }
        if (!s.$window().isEmpty() || present(s.$qualify())) {
            throw new TranslationException("WINDOW / QUALIFY: window functions cannot be translated");
        }
        if (!s.$distinctOn().isEmpty()) {
            throw new TranslationException("DISTINCT ON: cannot be translated; an include tree returns each entity once by its key");
        }
        if (s.$intoTable() != null) {
            throw new TranslationException("SELECT ... INTO: only a plain SELECT can be translated");
        }
        if (s.$limitPercent() || s.$limitWithTies()) {
            throw new TranslationException("LIMIT " + (s.$limitPercent() ? "PERCENT" : "WITH TIES") + ": cannot be translated; a limit is a number of roots");
        }
    }

    static boolean present(org.jooq.@Nullable Condition c) {
        return c != null && !c.equals(DSL.noCondition());
    }

    /**
     * The set operation a statement holds, or null. jOOQ 3.19's query object model does not expose a SELECT's set
     * operations, so the statement is rendered with every name quoted and its keywords outside quotes are read.
     */
    private static @Nullable String setOperation(Select<?> s) {
        String sql = SqlText.quotedEverywhere(s);
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i <= sql.length(); i++) {
            char c = i < sql.length() ? sql.charAt(i) : ' ';
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            }
            if (Character.isLetter(c)) {
                word.append(c);
                continue;
            }
            String w = word.toString();
            word.setLength(0);
            if (w.equals("UNION") || w.equals("INTERSECT") || w.equals("EXCEPT") || w.equals("MINUS")) {
                return w;
            }
        }
        return null;
    }

    // ---- select list ----------------------------------------------------------------------------------------------

    /** The attributes of each node whose select list is not every column: its selected columns, or its key. */
    private static Map<SqlTable, List<Column<?>>> attributes(Select<?> s, Scope scope, List<SqlTable> tables, List<String> notes,
                                                            List<Computed<?>> computed) {
        Set<SqlTable> all = new LinkedHashSet<>();
        Map<SqlTable, Set<Column<?>>> picked = new LinkedHashMap<>();
        for (SelectFieldOrAsterisk item : s.$select()) {
            if (item instanceof Asterisk) {
                if (!((Asterisk) item).$except().isEmpty()) {
                    throw new TranslationException(SqlText.of(item) + ": * EXCEPT cannot be translated; list the columns");
                }
                all.addAll(tables);
            } else if (item instanceof QualifiedAsterisk) {
                all.add(scope.table(((QualifiedAsterisk) item).$table().getQualifiedName().last(), item));
            } else if (Exprs.isCall(Grouping.unalias((Field<?>) item))) {
                computed.add(computed((Field<?>) item, scope, tables.get(0), computed));
            } else {
                Bound b = selected((Field<?>) item, scope);
                picked.computeIfAbsent(b.table(), t -> new LinkedHashSet<>()).add(b.column());
            }
        }
        Map<SqlTable, List<Column<?>>> out = new LinkedHashMap<>();
        boolean keysSelected = true;
        for (SqlTable t : tables) {
            Set<Column<?>> cols = picked.getOrDefault(t, Set.of());
            if (t.junction) {
                if (!cols.isEmpty()) {
                    throw Associations.junctionColumn(t, t.name(cols.iterator().next()));
                }
                continue;
            }
            if (all.contains(t) || cols.containsAll(t.model.columns())) {
                continue;
            }
            keysSelected &= cols.containsAll(t.model.primaryKey());
            List<Column<?>> list = t.model.columns().stream().filter(cols::contains).collect(Collectors.toList());
            if (list.isEmpty() && t.model.primaryKey().isEmpty()) {
                notes.add("no column of " + t.shown + " is selected and " + t.model.name() + " has no key to read instead; all its attributes are read");
                continue;
            }
            out.put(t, list.isEmpty() ? t.model.primaryKey() : list);
        }
        if (s.$distinct()) {
            if (!keysSelected) {
                throw new TranslationException("SELECT DISTINCT: without the key of every table, DISTINCT merges rows that an include tree"
                        + " keeps apart (it returns each entity once by its key); select the keys, or drop DISTINCT");
            }
            notes.add("DISTINCT changes nothing here: every table's key is selected, and an include tree returns each entity once");
        }
        return out;
    }

    /**
     * A function in the select list of a query that does not aggregate: a computed attribute of the root, computed
     * from the root's and to-one includes' columns.
     */
    private static Computed<?> computed(Field<?> item, Scope scope, SqlTable root, List<Computed<?>> taken) {
        if (!(item instanceof QOM.FieldAlias)) {
            throw new TranslationException(SqlText.item(item) + " in the select list: a function needs an alias (AS name) to be a computed attribute");
        }
        String name = ((QOM.FieldAlias<?>) item).$alias().last();
        Expr<?> e = new Exprs(scope, Translator::path).translate(Grouping.unalias(item), SqlText.item(item));
        for (Bound b : leaves(Grouping.unalias(item), scope)) {
            for (SqlTable t = b.table(); t.treeParent() != null; t = t.treeParent()) {
                if (t.association().isToMany()) {
                    throw new TranslationException(SqlText.item(item) + " in the select list: " + b + " has many values per " + root.shown
                            + " (" + String.join(".", t.path()) + " is " + Associations.kindName(t.association()) + "); a function per row reads "
                            + root.shown + " and its to-one joins; aggregate it with GROUP BY");
                }
            }
        }
        if (Scope.find(root.model, name) != null || root.model.findColumn(name) != null || taken.stream().anyMatch(c -> c.name().equalsIgnoreCase(name))) {
            throw new TranslationException(SqlText.item(item) + ": the alias '" + name + "' is taken (by an attribute of " + root.model.name()
                    + " or another item); give it another alias");
        }
        try {
            return new Computed<>(name, e);
        } catch (dev.canopy.error.QueryException ex) {
            throw new TranslationException(SqlText.item(item) + ": " + ex.getMessage(), ex);
        }
    }

    /** The columns an expression reads, bound to their tables. */
    private static List<Bound> leaves(Field<?> f, Scope scope) {
        List<Bound> out = new ArrayList<>();
        new Exprs(scope, b -> {
            out.add(b);
            return path(b);
        }).translate(f, SqlText.of(f));
        return out;
    }

    private static Bound selected(Field<?> item, Scope scope) {
        Field<?> f = item instanceof QOM.FieldAlias ? ((QOM.FieldAlias<?>) item).$field() : item;
        if (Scope.isColumn(f)) {
            return scope.bind(f);
        }
        if (f instanceof AggregateFunction) {
            throw new TranslationException(SqlText.of(f) + " in the select list: aggregate functions cannot be translated; an include tree"
                    + " returns entities, not aggregates (db.count(query) counts roots)");
        }
        if (f instanceof QOM.ScalarSubquery) {
            throw new TranslationException(SqlText.of(f) + " in the select list: subqueries cannot be translated; include the association instead");
        }
        throw new TranslationException(SqlText.of(f) + " in the select list: functions and expressions cannot be translated; select columns"
                + " (table.column, table.* or *)");
    }

    // ---- where ----------------------------------------------------------------------------------------------------

    /**
     * The query's where; fills {@code includeWhere} with each include's where: its ON conditions, and the WHERE
     * conjuncts that name only it when it is required all the way from the root.
     */
    static List<Condition> where(FromClause from, Scope scope, Map<SqlTable, List<Condition>> includeWhere) {
        Predicates own = new Predicates(scope, Translator::own);
        Predicates paths = new Predicates(scope, Translator::path);
        for (SqlTable t : from.tables) {
            for (org.jooq.Condition c : t.onWhere) {
                includeWhere.computeIfAbsent(t, k -> new ArrayList<>()).add(own.translate(c));
            }
        }
        SqlTable root = from.tables.get(0);
        List<Condition> out = new ArrayList<>();
        for (org.jooq.Condition c : from.where) {
            Set<SqlTable> named = FromClause.tablesOf(c, scope);
            for (SqlTable t : named) {
                if (t.junction) {
                    throw Associations.junctionColumn(t, SqlText.of(c));
                }
            }
            if (named.isEmpty()) {
                throw new TranslationException(SqlText.of(c) + ": names no column; a where compares columns with values");
            }
            SqlTable only = named.size() == 1 ? named.iterator().next() : null;
            if (only != null && only != root && only.innerToRoot()) {
                includeWhere.computeIfAbsent(only, k -> new ArrayList<>()).add(own.translate(c));
            } else {
                out.add(paths.translate(c));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static ColumnRef<Object> own(Bound b) {
        return (ColumnRef<Object>) b.column().ref();
    }

    @SuppressWarnings("unchecked")
    static ColumnRef<Object> path(Bound b) {
        return (ColumnRef<Object>) ColumnRef.of(b.table().path(), b.column());
    }

    // ---- order and paging -----------------------------------------------------------------------------------------

    private static List<Order> order(Select<?> s, Scope scope, List<Computed<?>> computed) {
        List<Order> out = new ArrayList<>();
        for (SortField<?> sf : s.$orderBy()) {
            Order byExpr = orderExpr(sf, s, scope, computed);
            if (byExpr != null) {
                out.add(byExpr);
                continue;
            }
            Bound b = orderColumn(sf, s, scope);
            if (b.table().junction) {
                throw Associations.junctionColumn(b.table(), "ORDER BY " + SqlText.of(sf));
            }
            ColumnRef<Object> ref = path(b);
            Order o = sf.$sortOrder() == SortOrder.DESC ? ref.desc() : ref.asc();
            out.add(Translator.nulls(o, sf));
        }
        return out;
    }

    /**
     * An ORDER BY term on a function: of the select list (by position, alias or the same expression), ordered by
     * the computed attribute's name, or another function of columns; null for a column.
     */
    private static @Nullable Order orderExpr(SortField<?> sf, Select<?> s, Scope scope, List<Computed<?>> computed) {
        Field<?> f = sf.$field();
        Field<?> item = null;
        if (f instanceof Param && ((Param<?>) f).getValue() instanceof Number) {
            int position = ((Number) ((Param<?>) f).getValue()).intValue();
            if (position >= 1 && position <= s.$select().size() && s.$select().get(position - 1) instanceof Field) {
                item = (Field<?>) s.$select().get(position - 1);
            }
        } else if (Scope.isColumn(f) && f.getQualifiedName().getName().length == 1) {
            for (SelectFieldOrAsterisk i : s.$select()) {
                if (i instanceof QOM.FieldAlias && ((QOM.FieldAlias<?>) i).$alias().last().equalsIgnoreCase(f.getQualifiedName().last())) {
                    item = (Field<?>) i;
                }
            }
        }
        Field<?> target = item != null ? Grouping.unalias(item) : f;
        if (!Exprs.isCall(target)) {
            return null;
        }
        Expr<?> e = new Exprs(scope, Translator::path).translate(target, "ORDER BY " + SqlText.of(sf));
        if (e.isAggregate()) {
            throw new TranslationException("ORDER BY " + SqlText.of(sf) + ": an aggregate needs a GROUP BY (the key of the root for per-root aggregates)");
        }
        Order o = null;
        for (Computed<?> c : computed) {
            if (c.expr().equals(e)) {
                o = sf.$sortOrder() == SortOrder.DESC ? Expr.col(c.name()).desc() : Expr.col(c.name()).asc();
            }
        }
        if (o == null) {
            o = sf.$sortOrder() == SortOrder.DESC ? e.desc() : e.asc();
        }
        if (sf.$nullOrdering() == QOM.NullOrdering.NULLS_FIRST) {
            o = o.nullsFirst();
        } else if (sf.$nullOrdering() == QOM.NullOrdering.NULLS_LAST) {
            o = o.nullsLast();
        }
        return o;
    }

    /** The column of an ORDER BY term: a column, a position in the select list, or a select-list alias. */
    private static Bound orderColumn(SortField<?> sf, Select<?> s, Scope scope) {
        Field<?> f = sf.$field();
        if (f instanceof Param && ((Param<?>) f).getValue() instanceof Number) {
            int position = ((Number) ((Param<?>) f).getValue()).intValue();
            if (position >= 1 && position <= s.$select().size() && s.$select().get(position - 1) instanceof Field) {
                return selected((Field<?>) s.$select().get(position - 1), scope);
            }
            throw new TranslationException("ORDER BY " + SqlText.of(sf) + ": the position names no column of the select list");
        }
        if (Scope.isColumn(f)) {
            String[] parts = f.getQualifiedName().getName();
            if (parts.length == 1) {
                for (SelectFieldOrAsterisk item : s.$select()) {
                    if (item instanceof QOM.FieldAlias && ((QOM.FieldAlias<?>) item).$alias().last().equalsIgnoreCase(parts[0])) {
                        return selected((Field<?>) item, scope);
                    }
                }
            }
            return scope.bind(f);
        }
        throw new TranslationException("ORDER BY " + SqlText.of(sf) + ": functions and expressions cannot be translated; order by columns");
    }

    private static Query page(Select<?> s, Query q, List<SqlTable> tables, List<String> notes) {
        Integer limit = number(s.$limit(), "LIMIT");
        Integer offset = number(s.$offset(), "OFFSET");
        if (limit == null && offset == null) {
            return q;
        }
        String keyword = limit != null ? "LIMIT " + limit : "OFFSET " + offset;
        for (SqlTable t : tables) {
            if (t.association != null && t.association.isToMany()) {
                throw new TranslationException(keyword + ": SQL counts joined rows, but Canopy's limit and offset count "
                        + tables.get(0).model.name() + " roots, and " + String.join(".", t.path()) + " (" + Associations.kindName(t.association)
                        + ") gives a root several rows; drop LIMIT and OFFSET from the SQL, and page the roots with Query.limit/offset"
                        + " knowing that a page then holds whole roots");
            }
        }
        if (s.$orderBy().isEmpty()) {
            notes.add(keyword + " without ORDER BY: which rows SQL returns is unspecified; Canopy pages in primary-key order");
        }
        Query out = q;
        if (limit != null) {
            out = out.limit(limit);
        }
        if (offset != null) {
            out = out.offset(offset);
        }
        return out;
    }

    static @Nullable Integer number(@Nullable Field<? extends Number> f, String keyword) {
        if (f == null) {
            return null;
        }
        if (!Literals.isValue(f)) {
            throw new TranslationException(keyword + " " + SqlText.of(f) + ": give a number");
        }
        Object v = Literals.raw(f, keyword + " " + SqlText.of(f));
        if (!(v instanceof Number) || ((Number) v).longValue() < 0 || ((Number) v).longValue() > Integer.MAX_VALUE) {
            throw new TranslationException(keyword + " " + SqlText.of(f) + ": give a whole number from 0 to " + Integer.MAX_VALUE);
        }
        return ((Number) v).intValue();
    }

    // ---- the include tree -----------------------------------------------------------------------------------------

    static List<SqlTable> children(SqlTable node, List<SqlTable> tables) {
        return tables.stream().filter(t -> !t.junction && t.treeParent() == node).collect(Collectors.toList());
    }

    static Include include(SqlTable t, List<SqlTable> tables, Map<SqlTable, List<Column<?>>> attributes,
                                   Map<SqlTable, List<Condition>> includeWhere) {
        Include inc = Include.of(t.association());
        List<Condition> where = includeWhere.getOrDefault(t, List.of());
        if (t.kind == JoinKind.INNER) {
            inc = inc.required();
        } else if (t.kind == JoinKind.RIGHT) {
            inc = inc.right();
        } else if (!where.isEmpty()) {
            inc = inc.optional();
        }
        if (!where.isEmpty()) {
            inc = inc.where(Condition.and(where));
        }
        if (attributes.containsKey(t)) {
            inc = inc.attributes(attributes.get(t).toArray(Column<?>[]::new));
        }
        for (SqlTable child : children(t, tables)) {
            inc = inc.include(include(child, tables, attributes, includeWhere));
        }
        return inc;
    }

    /** The order with the SQL's explicit NULLS FIRST / LAST, if it says one (else the database's default stays). */
    static Order nulls(Order o, SortField<?> sf) {
        if (sf.$nullOrdering() == QOM.NullOrdering.NULLS_FIRST) {
            return o.nullsFirst();
        }
        if (sf.$nullOrdering() == QOM.NullOrdering.NULLS_LAST) {
            return o.nullsLast();
        }
        return o;
    }

}
