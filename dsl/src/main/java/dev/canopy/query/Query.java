package dev.canopy.query;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.error.QueryException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
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
 * Paths through aliases ({@code $album.Title$}) are checked against the include tree when the query is planned,
 * before any SQL runs.
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
    /** The hash, computed on first use: a query is a plan-cache key, looked up on every run. */
    private int hash;

    private Query(Model root, @Nullable Condition where, Attributes attributes, List<Include> includes, List<Order> order,
                  @Nullable Integer limit, @Nullable Integer offset, boolean paranoid, @Nullable Duration timeout) {
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

    /** All rows of a model (Sequelize's {@code Model.findAll()}). The model must be in a schema. */
    public static Query from(Model root) {
        Objects.requireNonNull(root, "root model is null");
        root.schema();
        return new Query(root, null, Attributes.ALL, List.empty(), List.empty(), null, null, true, null);
    }

    /** Filters the roots. Columns are the root's, or reached through a path ({@code ALBUM.title.at("album")}); a second call adds with AND. */
    public Query where(Condition condition) {
        Objects.requireNonNull(condition, "where is null");
        return new Query(root, where == null ? condition : where.and(condition), attributes, includes, order, limit, offset, paranoid, timeout);
    }

    /** Reads only these attributes of the root (and its primary key); {@code attributes()} reads the key alone. */
    public Query attributes(Column<?>... columns) {
        Column<?>[] chosen = columns.length == 0 ? root.primaryKey().toArray(new Column<?>[0]) : columns;
        return new Query(root, where, Attributes.only(checkOwn(chosen)), includes, order, limit, offset, paranoid, timeout);
    }

    /** Reads every attribute of the root but these. */
    public Query exclude(Column<?>... columns) {
        return new Query(root, where, Attributes.excluding(checkOwn(columns)), includes, order, limit, offset, paranoid, timeout);
    }

    /** Includes the root's association with an alias. */
    public Query include(String alias) {
        return include(Include.of(root, alias));
    }

    /** Includes the root's association with an alias, configured: {@code include("albums", a -> a.required())}. */
    public Query include(String alias, IncludeSpec spec) {
        return include(spec.configure(Include.of(root, alias)));
    }

    public Query include(Association association) {
        return include(Include.of(association));
    }

    public Query include(Association association, IncludeSpec spec) {
        return include(spec.configure(Include.of(association)));
    }

    /** Includes a ready include node. */
    public Query include(Include include) {
        return new Query(root, where, attributes, Include.addChild(root, includes, include), order, limit, offset, paranoid, timeout);
    }

    /** Appends terms to the order array. */
    public Query order(Order... terms) {
        List<Order> more = order;
        for (Order t : terms) {
            more = more.append(Objects.requireNonNull(t, "order term is null"));
        }
        return new Query(root, where, attributes, includes, more, limit, offset, paranoid, timeout);
    }

    /** At most {@code n} results. */
    public Query limit(int n) {
        if (n < 0) {
            throw new QueryException("limit must be 0 or more, was " + n);
        }
        return new Query(root, where, attributes, includes, order, n, offset, paranoid, timeout);
    }

    /** Skips the first {@code n} results. */
    public Query offset(int n) {
        if (n < 0) {
            throw new QueryException("offset must be 0 or more, was " + n);
        }
        return new Query(root, where, attributes, includes, order, limit, n, paranoid, timeout);
    }

    /** The same query without limit and offset. */
    public Query unpaged() {
        return new Query(root, where, attributes, includes, order, null, null, paranoid, timeout);
    }

    /** {@code paranoid(false)} also returns soft-deleted rows of paranoid models (Sequelize's {@code paranoid: false}). */
    public Query paranoid(boolean on) {
        return new Query(root, where, attributes, includes, order, limit, offset, on, timeout);
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
        return new Query(root, where, attributes, includes, order, limit, offset, paranoid, timeout);
    }

    private List<Column<?>> checkOwn(Column<?>... columns) {
        for (Column<?> c : columns) {
            if (c.model() != root) {
                throw new QueryException(c + " is not an attribute of " + root.name() + " (" + root.attributeNames()
                        + "); name an included model's attributes in its include");
            }
        }
        return List.of(columns);
    }

    public Model root() { return root; }
    public @Nullable Condition where() { return where; }
    public Attributes attributes() { return attributes; }
    public java.util.List<Include> includes() { return includes.asJava(); }
    public List<Include> includeList() { return includes; }
    public java.util.List<Order> order() { return order.asJava(); }
    public List<Order> orderList() { return order; }
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
                && Objects.equals(timeout, q.timeout);
    }

    /** Computed once per value (the fields never change; a race computes the same number twice, harmlessly). */
    @Override public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(System.identityHashCode(root), where, attributes, includes, order, limit, offset, paranoid, timeout);
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
        return sb.append(')').toString();
    }
}
