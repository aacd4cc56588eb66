package dev.canopy.query;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.error.QueryException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import io.vavr.collection.List;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A query on a root model: Sequelize's {@code findAll({ where, attributes, include, order, limit, offset })} as an
 * immutable value. Every method returns a new query; the old one is unchanged, so a query can be a constant, a
 * cache key, or shared between threads.
 * <pre>{@code
 * Query q = Query.from(ARTIST)
 *         .where(ARTIST.name.startsWith("A"))
 *         .include("albums", albums -> albums.include("tracks"))
 *         .order(ARTIST.name.asc())
 *         .limit(5);
 * }</pre>
 * A query is syntax: it names models, associations (by value or by alias) and columns, and means something once
 * it is bound to a {@link Schema} ({@link #bind}). A {@code Canopy} binds every query to the schema it was opened with
 * before it plans it; bind it yourself to have an alias checked at once. Paths through aliases ({@code $album.Title$})
 * are checked against the include tree when the query is planned, before any SQL runs.
 */
@CheckReturnValue
public final class Query {
    private final Model root;
    private final @Nullable Condition where;
    private final Attributes attributes;
    private final List<Include> includes;
    private final List<Order> order;
    private final @Nullable Integer limit;
    private final @Nullable Integer offset;
    private final boolean paranoid;
    private final @Nullable Duration timeout;
    private final List<Expr<?>> group;
    private final @Nullable Condition having;
    /** The associations along each path that computed attributes name, resolved by {@link #bind}; derived, not compared. */
    private final java.util.Map<String, java.util.List<Association>> paths;
    /** The hash, computed on first use: a query is a plan-cache key, looked up on every run. */
    private int hash;

    private Query(Model root, @Nullable Condition where, Attributes attributes, List<Include> includes, List<Order> order,
                  @Nullable Integer limit, @Nullable Integer offset, boolean paranoid, @Nullable Duration timeout,
                  List<Expr<?>> group, @Nullable Condition having, java.util.Map<String, java.util.List<Association>> paths) {
        this.group = group;
        this.having = having;
        this.paths = paths;
        this.root = root;
        this.where = where;
        this.attributes = attributes;
        this.includes = includes;
        this.order = order;
        this.limit = limit;
        this.offset = offset;
        this.paranoid = paranoid;
        this.timeout = timeout;
    }

    /** All rows of a model (Sequelize's {@code Model.findAll()}). */
    public static Query from(Model root) {
        Objects.requireNonNull(root, "root model is null");
        return new Query(root, null, Attributes.ALL, List.empty(), List.empty(), null, null, true, null, List.empty(), null, java.util.Map.of());
    }

    /** Filters the roots. Columns are the root's, or reached through a path ({@code ALBUM.title.at("album")}); a second call adds with AND. */
    public Query where(Condition condition) {
        Objects.requireNonNull(condition, "where is null");
        return new Query(root, where == null ? condition : where.and(condition), attributes, includes, order, limit, offset, paranoid, timeout, group, having, paths);
    }

    /**
     * Reads only these attributes of the root (and its primary key), columns and computed attributes:
     * {@code attributes(ARTIST.name, count(TRACK.trackId.at("albums", "tracks")).alias("trackCount"))}, Sequelize's
     * {@code attributes: ['Name', [fn('COUNT', col('albums.tracks.TrackId')), 'trackCount']]}. Name the key alone to
     * read only it ({@code attributes()} without arguments is the getter).
     */
    public Query attributes(Selection... items) {
        Attributes chosen = Attributes.of(List.of(items));
        chosen.check("the query", root);
        return new Query(root, where, chosen, includes, order, limit, offset, paranoid, timeout, group, having, paths);
    }

    /**
     * Reads every attribute the query reads and these computed ones too: Sequelize's
     * {@code attributes: { include: [[fn('COUNT', col('tracks.TrackId')), 'trackCount']] }}.
     */
    public Query addAttributes(Computed<?>... computed) {
        return new Query(root, where, attributes.plus(List.of(computed).asJava()), includes, order, limit, offset, paranoid, timeout, group, having, paths);
    }

    /** Reads every attribute of the root but these. */
    public Query exclude(Column<?>... columns) {
        Attributes chosen = Attributes.excluding(List.of(columns));
        chosen.check("the query", root);
        return new Query(root, where, chosen, includes, order, limit, offset, paranoid, timeout, group, having, paths);
    }

    /** Includes the root's association with an alias (resolved when the query is bound to a schema). */
    public Query include(String alias) {
        return include(Include.of(alias));
    }

    /** Includes the root's association with an alias, configured: {@code include("albums", a -> a.required())}. */
    public Query include(String alias, IncludeSpec spec) {
        return include(spec.configure(Include.of(alias)));
    }

    public Query include(Association association) {
        return include(Include.of(association));
    }

    public Query include(Association association, IncludeSpec spec) {
        return include(spec.configure(Include.of(association)));
    }

    /** Includes a ready include node. */
    public Query include(Include include) {
        return new Query(root, where, attributes, Include.addChild(root, "the query", includes, include), order, limit, offset, paranoid, timeout, group, having, paths);
    }

    /** Appends terms to the order array. */
    public Query order(Order... terms) {
        List<Order> more = order;
        for (Order t : terms) {
            more = more.append(Objects.requireNonNull(t, "order term is null"));
        }
        return new Query(root, where, attributes, includes, more, limit, offset, paranoid, timeout, group, having, paths);
    }

    /** At most {@code n} results. */
    public Query limit(int n) {
        if (n < 0) {
            throw new QueryException("limit must be 0 or more, was " + n);
        }
        return new Query(root, where, attributes, includes, order, n, offset, paranoid, timeout, group, having, paths);
    }

    /** Skips the first {@code n} results. */
    public Query offset(int n) {
        if (n < 0) {
            throw new QueryException("offset must be 0 or more, was " + n);
        }
        return new Query(root, where, attributes, includes, order, limit, n, paranoid, timeout, group, having, paths);
    }

    /**
     * Groups the rows: Sequelize's {@code group: ['GenreId']}. Grouping by the root's primary key (what Sequelize
     * needs for per-root counts) changes nothing, since computed aggregates are already per root. Grouping by anything
     * else makes the query a report: one entity per group, holding the grouped root columns and the computed
     * attributes, no primary key and no included children (includes then only join). Terms are columns, paths or
     * expressions.
     */
    public Query group(Object... terms) {
        List<Expr<?>> more = group;
        for (Object t : terms) {
            more = more.append(Expr.of(Objects.requireNonNull(t, "group term is null")));
        }
        return new Query(root, where, attributes, includes, order, limit, offset, paranoid, timeout, more, having, paths);
    }

    /**
     * Keeps the roots (or groups) whose aggregates pass: Sequelize's {@code having}. A second call adds with AND.
     * {@code having(count(TRACK.trackId.at("albums", "tracks")).gt(50L))}.
     */
    public Query having(Condition condition) {
        Objects.requireNonNull(condition, "having is null");
        return new Query(root, where, attributes, includes, order, limit, offset, paranoid, timeout, group,
                having == null ? condition : having.and(condition), paths);
    }

    /** The same query without limit and offset. */
    public Query unpaged() {
        return new Query(root, where, attributes, includes, order, null, null, paranoid, timeout, group, having, paths);
    }

    /** {@code paranoid(false)} also returns soft-deleted rows of paranoid models (Sequelize's {@code paranoid: false}). */
    public Query paranoid(boolean on) {
        return new Query(root, where, attributes, includes, order, limit, offset, on, timeout, group, having, paths);
    }

    /**
     * Gives the database at most {@code timeout} to run each statement of this query, after which it is cancelled and
     * a {@link dev.canopy.error.QueryTimeoutException} is thrown; overrides the Canopy's default
     * ({@code Canopy.builder(url).queryTimeout(...)}). JDBC counts in whole seconds, so a part of a second counts as one.
     */
    public Query timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new QueryException("timeout must be positive, was " + timeout);
        }
        return new Query(root, where, attributes, includes, order, limit, offset, paranoid, timeout, group, having, paths);
    }

    /**
     * This query with every include resolved in {@code schema}: each alias names an association of its parent's model,
     * each association is the schema's (with its resolved keys), and each include's where, attributes, separate and
     * limit fit the model it loads. Binding a bound query to the same schema returns an equal query.
     *
     * @throws dev.canopy.error.SchemaException when the root is not one of the schema's models
     * @throws dev.canopy.error.AssociationNotFoundException naming the alias and the aliases that exist
     * @throws QueryException when an include's options do not fit its model
     */
    public Query bind(Schema schema) {
        Objects.requireNonNull(schema, "schema is null");
        if (!includes.isEmpty() && !schema.contains(root)) {
            throw new dev.canopy.error.SchemaException("Model " + root.name() + " is not in " + schema
                    + ", so its includes cannot be resolved there; open the Canopy with a schema that holds it");
        }
        checkSealed(root);
        ExprBinder exprs = new ExprBinder(schema, root, attributes);
        Attributes boundAttributes = attributes;
        if (!attributes.computed().isEmpty()) {
            java.util.List<Computed<?>> computed = new java.util.ArrayList<>();
            for (Computed<?> c : attributes.computed()) {
                computed.add(new Computed<>(c.name(), exprs.expr(c.expr())));
            }
            boundAttributes = new Attributes(attributes.only(), attributes.excluded(), attributes.keyOnly(), computed);
        }
        return new Query(root, where == null ? null : exprs.condition(where), boundAttributes, bind(schema, root, includes),
                order.map(exprs::order), limit, offset, paranoid, timeout, group.map(exprs::expr),
                having == null ? null : exprs.condition(having), exprs.paths());
    }

    /**
     * Whether every include names a resolved association (this query came from {@link #bind}, a JSON spec or the
     * translator), so it can be planned without a schema.
     */
    public boolean isBound() {
        return isSealed(root) && allResolved(includes) && ExprBinder.isBound(this);
    }

    private static boolean allResolved(List<Include> includes) {
        for (Include i : includes) {
            if (!i.hasAssociation() || !i.association().isResolved() || !allResolved(i.includeList())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSealed(Model m) {
        return m.isSealed();
    }

    private static void checkSealed(Model m) {
        if (!m.isSealed()) {
            throw new dev.canopy.error.SchemaException("Model " + m.name() + " is in no schema yet, so its columns are not final; "
                    + "build a Schema with it first");
        }
    }

    private static List<Include> bind(Schema schema, Model parent, List<Include> includes) {
        List<Include> out = List.empty();
        for (Include inc : includes) {
            Association a = inc.hasAssociation() ? schema.resolve(inc.association()) : schema.association(parent, inc.alias());
            if (a.source() != parent) {
                throw new QueryException(a + " starts at " + a.source().name() + ", not at " + parent.name());
            }
            inc.check(a);
            out = out.append(inc.bound(a, bind(schema, a.target(), inc.includeList())));
        }
        return out;
    }

    public Model root() { return root; }
    public @Nullable Condition where() { return where; }
    public Attributes attributes() { return attributes; }
    public java.util.List<Include> includes() { return includes.asJava(); }
    public java.util.List<Order> order() { return order.asJava(); }
    public @Nullable Integer limit() { return limit; }
    public @Nullable Integer offset() { return offset; }
    public boolean isParanoid() { return paranoid; }
    /** The time each statement of this query may take, or null for the Canopy's default. */
    public @Nullable Duration timeout() { return timeout; }
    /** The group terms; empty when the query does not group. */
    public java.util.List<Expr<?>> group() { return group.asJava(); }
    /** The condition on aggregates, or null. */
    public @Nullable Condition having() { return having; }
    /** The associations along a path that an expression names (known once the query is bound), or null. */
    public java.util.@Nullable List<Association> associationsOf(java.util.List<String> path) { return paths.get(String.join(".", path)); }

    /**
     * Whether the query is a grouped report: it groups by something other than the root's primary key. Its rows are
     * groups, not roots.
     */
    public boolean isGrouped() {
        if (group.isEmpty()) {
            return false;
        }
        java.util.Set<Column<?>> keys = new java.util.HashSet<>(root.primaryKey());
        for (Expr<?> g : group) {
            if (!(g instanceof Expr.Col && ((Expr.Col<?>) g).ref().path().isEmpty() && keys.remove(((Expr.Col<?>) g).ref().column()))) {
                return true;
            }
        }
        return !keys.isEmpty();
    }

    @Override public boolean equals(@Nullable Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Query)) {
            return false;
        }
        Query q = (Query) o;
        return hashCode() == q.hashCode() && root == q.root && Objects.equals(where, q.where) && attributes.equals(q.attributes) && includes.equals(q.includes)
                && order.equals(q.order) && Objects.equals(limit, q.limit) && Objects.equals(offset, q.offset) && paranoid == q.paranoid
                && Objects.equals(timeout, q.timeout) && group.equals(q.group) && Objects.equals(having, q.having);
    }

    /** Computed once per value (the fields never change; a race computes the same number twice, harmlessly). */
    @Override public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(System.identityHashCode(root), where, attributes, includes, order, limit, offset, paranoid, timeout, group, having);
            hash = h;
        }
        return h;
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("findAll(").append(root.name());
        if (!attributes.isAll()) {
            sb.append(" attributes ").append(attributes);
        }
        if (where != null) {
            sb.append(" where ").append(where);
        }
        if (!includes.isEmpty()) {
            sb.append(" include ").append(includes.mkString("[", ", ", "]"));
        }
        if (!order.isEmpty()) {
            sb.append(" order ").append(order.mkString("[", ", ", "]"));
        }
        if (!group.isEmpty()) {
            sb.append(" group ").append(group.mkString("[", ", ", "]"));
        }
        if (having != null) {
            sb.append(" having ").append(having);
        }
        if (limit != null) {
            sb.append(" limit ").append(limit);
        }
        if (offset != null) {
            sb.append(" offset ").append(offset);
        }
        if (!paranoid) {
            sb.append(" paranoid false");
        }
        if (timeout != null) {
            sb.append(" timeout ").append(timeout);
        }
        return sb.append(')').toString();
    }
}
