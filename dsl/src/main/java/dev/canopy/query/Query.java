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
    /** The named scopes asked for, in order ({@link #scope}); merged in when the query is bound. */
    private final List<ScopeCall> scopes;
    /** No default scope for the root: asked for ({@link #unscoped()}), or the scopes are already merged in (bound). */
    private final boolean unscoped;
    /** The hash, computed on first use: a query is a plan-cache key, looked up on every run. */
    private int hash;

    private Query(Model root, @Nullable Condition where, Attributes attributes, List<Include> includes, List<Order> order,
                  @Nullable Integer limit, @Nullable Integer offset, boolean paranoid, @Nullable Duration timeout) {
        this(root, where, attributes, includes, order, limit, offset, paranoid, timeout, List.empty(), false);
    }

    private Query(Model root, @Nullable Condition where, Attributes attributes, List<Include> includes, List<Order> order,
                  @Nullable Integer limit, @Nullable Integer offset, boolean paranoid, @Nullable Duration timeout,
                  List<ScopeCall> scopes, boolean unscoped) {
        this.scopes = scopes;
        this.unscoped = unscoped;
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
        return new Query(root, null, Attributes.ALL, List.empty(), List.empty(), null, null, true, null, List.empty(), false);
    }

    /** Filters the roots. Columns are the root's, or reached through a path ({@code ALBUM.title.at("album")}); a second call adds with AND. */
    public Query where(Condition condition) {
        Objects.requireNonNull(condition, "where is null");
        return new Query(root, where == null ? condition : where.and(condition), attributes, includes, order, limit, offset, paranoid, timeout, scopes, unscoped);
    }

    /** Reads only these attributes of the root (and its primary key); name the key alone to read only it ({@code attributes()}
     * without columns is the getter). */
    public Query attributes(Column<?>... columns) {
        Attributes chosen = Attributes.only(List.of(columns));
        chosen.check("the query", root);
        return new Query(root, where, chosen, includes, order, limit, offset, paranoid, timeout, scopes, unscoped);
    }

    /** Reads every attribute of the root but these. */
    public Query exclude(Column<?>... columns) {
        Attributes chosen = Attributes.excluding(List.of(columns));
        chosen.check("the query", root);
        return new Query(root, where, chosen, includes, order, limit, offset, paranoid, timeout, scopes, unscoped);
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
        return new Query(root, where, attributes, Include.addChild(root, "the query", includes, include), order, limit, offset, paranoid, timeout, scopes, unscoped);
    }

    /**
     * Applies a named scope of the root model, declared in the schema ({@code Schema.builder().scope(...)}), when the
     * query is bound (Sequelize's {@code Model.scope('name')}, or {@code scope({ method: ['name', args] })} with
     * arguments). Several calls apply several scopes, merged in order, and this query's own options over them. As in
     * Sequelize, naming a scope leaves the default scope out unless it is named too: {@code scope("defaultScope")}.
     * <pre>{@code
     * Query.from(PROJECT).scope("deleted").scope("accessLevel", 19)
     * }</pre>
     * How scopes merge: wheres with AND, includes by alias (recursively: their wheres with AND, their own includes
     * merged), attributes united (an exclusion always stays), and order, limit and offset of the later one win.
     */
    public Query scope(String name, Object... args) {
        Objects.requireNonNull(name, "scope name is null");
        return new Query(root, where, attributes, includes, order, limit, offset, paranoid, timeout,
                scopes.append(new ScopeCall(name, java.util.Arrays.asList(args.clone()))), true);
    }

    /**
     * This query without the root model's default scope, and without the scopes named before this call (Sequelize's
     * {@code Model.unscoped()}). Included models keep their default scopes; leave one out with {@link Include#unscoped()}.
     */
    public Query unscoped() {
        return new Query(root, where, attributes, includes, order, limit, offset, paranoid, timeout, List.empty(), true);
    }

    /** The named scopes asked for, by name, in order. */
    public java.util.List<String> scopeNames() {
        return scopes.map(ScopeCall::name).asJava();
    }

    /** Whether the root's default scope is left out (asked for, a scope was named, or the scopes are merged in). */
    public boolean isUnscoped() {
        return unscoped;
    }

    /** One {@link #scope} call: the name and the arguments (compared by value, as the query is a cache key). */
    private record ScopeCall(String name, java.util.List<@Nullable Object> args) {}

    /** Appends terms to the order array. */
    public Query order(Order... terms) {
        List<Order> more = order;
        for (Order t : terms) {
            more = more.append(Objects.requireNonNull(t, "order term is null"));
        }
        return new Query(root, where, attributes, includes, more, limit, offset, paranoid, timeout, scopes, unscoped);
    }

    /** At most {@code n} results. */
    public Query limit(int n) {
        if (n < 0) {
            throw new QueryException("limit must be 0 or more, was " + n);
        }
        return new Query(root, where, attributes, includes, order, n, offset, paranoid, timeout, scopes, unscoped);
    }

    /** Skips the first {@code n} results. */
    public Query offset(int n) {
        if (n < 0) {
            throw new QueryException("offset must be 0 or more, was " + n);
        }
        return new Query(root, where, attributes, includes, order, limit, n, paranoid, timeout, scopes, unscoped);
    }

    /** The same query without limit and offset. */
    public Query unpaged() {
        return new Query(root, where, attributes, includes, order, null, null, paranoid, timeout, scopes, unscoped);
    }

    /** {@code paranoid(false)} also returns soft-deleted rows of paranoid models (Sequelize's {@code paranoid: false}). */
    public Query paranoid(boolean on) {
        return new Query(root, where, attributes, includes, order, limit, offset, on, timeout, scopes, unscoped);
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
        return new Query(root, where, attributes, includes, order, limit, offset, paranoid, timeout, scopes, unscoped);
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
        Query q = withScopes(schema);
        return new Query(root, q.where, q.attributes, bind(schema, root, q.includes, io.vavr.collection.HashSet.empty(), List.of(root)), q.order, q.limit,
                q.offset, q.paranoid, q.timeout, List.empty(), q.unscoped);
    }

    /**
     * This query with the scopes it asks for merged under it: the named ones, or else the root's default scope. Marked
     * unscoped afterwards, so that binding it again merges nothing twice. Unchanged when there is no scope to merge.
     */
    private Query withScopes(Schema schema) {
        List<Query> applied = List.empty();
        if (!scopes.isEmpty()) {
            for (ScopeCall c : scopes) {
                Query s = "defaultScope".equals(c.name()) ? schema.defaultScope(root) : schema.scope(root, c.name(), c.args());
                if (s != null) {
                    applied = applied.append(s);
                }
            }
        } else if (!unscoped) {
            Query s = schema.defaultScope(root);
            if (s != null) {
                applied = applied.append(s);
            }
        }
        if (applied.isEmpty()) {
            return this;
        }
        Query base = applied.head();
        for (Query s : applied.tail()) {
            base = merge(base, s);
        }
        Query merged = merge(base, this);
        return new Query(root, merged.where, merged.attributes, merged.includes, merged.order, merged.limit, merged.offset,
                merged.paranoid, merged.timeout, List.empty(), true);
    }

    /** {@code over} merged over {@code base}, as Sequelize merges scopes and finder options (see {@link #scope}). */
    private static Query merge(Query base, Query over) {
        Condition w = base.where == null ? over.where : over.where == null ? base.where : base.where.and(over.where);
        return new Query(base.root, w, Attributes.merge(base.attributes, over.attributes), Include.merge(base.includes, over.includes),
                over.order.isEmpty() ? base.order : over.order, over.limit != null ? over.limit : base.limit,
                over.offset != null ? over.offset : base.offset, base.paranoid && over.paranoid,
                over.timeout != null ? over.timeout : base.timeout, List.empty(), false);
    }

    /**
     * Whether every include names a resolved association (this query came from {@link #bind}, a JSON spec or the
     * translator), so it can be planned without a schema.
     */
    public boolean isBound() {
        return isSealed(root) && allResolved(includes);
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

    /**
     * Binds the includes of {@code parent}: each by alias or by value resolves to its association, each by model
     * ({@link Include#of(Model)}) to the one association leading there; then each {@link Include#all()} adds the
     * parent's associations not included yet, in the schema's order, and {@code nested()} recurses into them, except
     * into a model already on {@code path} (the models from the root down to {@code parent}), where a cycle would begin.
     * Each include gets its model's default scope merged in (unless it is unscoped, or that model's default scope is
     * already being applied above it: {@code scoped} holds those models).
     */
    private static List<Include> bind(Schema schema, Model parent, List<Include> includes, io.vavr.collection.Set<Model> scoped,
                                      List<Model> path) {
        List<Include> out = List.empty();
        List<Include> all = List.empty();
        for (Include declared : includes) {
            if (declared.isAll()) {
                all = all.append(declared);
                continue;
            }
            Model byModel = declared.byModel();
            Association a = declared.hasAssociation() ? schema.resolve(declared.association())
                    : byModel != null ? schema.associationTo(parent, byModel) : schema.association(parent, declared.alias());
            if (a.source() != parent) {
                throw new QueryException(a + " starts at " + a.source().name() + ", not at " + parent.name());
            }
            out = Include.addChild(parent, "the include of " + parent.name(), out, bindOne(schema, declared, a, List.empty(), scoped, path));
        }
        for (Include every : all) {
            for (Association a : schema.associationsOf(parent)) {
                if (out.exists(i -> i.alias().equals(a.alias())) || every.isAllNested() && path.contains(a.target())) {
                    continue;
                }
                List<Include> below = every.isAllNested() ? List.of(every) : List.empty();
                out = out.append(bindOne(schema, every.expandedFor(a), a, below, scoped, path));
            }
        }
        return out;
    }

    /** One include bound to {@code a}, with its default scope merged in and its children ({@code extra} after its own) bound. */
    private static Include bindOne(Schema schema, Include declared, Association a, List<Include> extra,
                                   io.vavr.collection.Set<Model> scoped, List<Model> path) {
        Query scope = !declared.scopes().isEmpty() ? namedScopes(schema, a.target(), declared.scopes())
                : declared.isUnscoped() || scoped.contains(a.target()) ? null : schema.defaultScope(a.target());
        Include inc = scope == null ? declared : declared.withDefaultScope(scope);
        inc.check(a);
        return inc.bound(a, bind(schema, a.target(), inc.includeList().appendAll(extra),
                scope == null ? scoped : scoped.add(a.target()), path.append(a.target())));
    }

    /**
     * The named scopes an include asks for ({@link Include#scope}), merged left to right as a query's are; null when
     * none of them is there (only {@code "defaultScope"}, and the model has none).
     */
    private static @Nullable Query namedScopes(Schema schema, Model model, List<NamedScope> named) {
        Query merged = null;
        for (NamedScope n : named) {
            Query s = "defaultScope".equals(n.name()) ? schema.defaultScope(model) : schema.scope(model, n.name(), n.args());
            if (s != null) {
                merged = merged == null ? s : merge(merged, s);
            }
        }
        return merged;
    }

    /** The arguments of each named scope asked for ({@link #scope}), in the order of {@link #scopeNames()}. */
    public java.util.List<java.util.List<@Nullable Object>> scopeArguments() {
        return scopes.map(ScopeCall::args).asJava();
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
                && Objects.equals(timeout, q.timeout) && scopes.equals(q.scopes) && unscoped == q.unscoped;
    }

    /** Computed once per value (the fields never change; a race computes the same number twice, harmlessly). */
    @Override public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(System.identityHashCode(root), where, attributes, includes, order, limit, offset, paranoid, timeout, scopes, unscoped);
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
        if (!scopes.isEmpty()) {
            sb.append(" scopes ").append(scopes.map(ScopeCall::name).mkString("[", ", ", "]"));
        } else if (unscoped) {
            sb.append(" unscoped");
        }
        return sb.append(')').toString();
    }
}
