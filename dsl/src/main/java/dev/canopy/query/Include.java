package dev.canopy.query;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.error.QueryException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import io.vavr.collection.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One node of an include tree: an association to load with its parent, how it joins (required / optional / right),
 * its own {@code where} (rendered in the join's ON clause), which attributes to read, and nested includes.
 *
 * <p>Sequelize's rule holds: an include with a {@code where} is required unless it says otherwise. A required
 * include under an optional one does not drop the optional one's parent: Canopy nests the join
 * ({@code LEFT JOIN (b INNER JOIN c ON ..) ON ..}).
 */
@CheckReturnValue
public final class Include {
    private final Association association;
    private final @Nullable Boolean required;
    private final boolean right;
    private final @Nullable Condition where;
    private final Attributes attributes;
    private final List<Include> includes;
    private final @Nullable Boolean separate;
    private final List<Order> order;
    private final @Nullable Integer limit;
    /** The hash, computed on first use: includes are hashed with the query that holds them. */
    private int hash;

    private Include(Association association, @Nullable Boolean required, boolean right, @Nullable Condition where,
                    Attributes attributes, List<Include> includes) {
        this(association, required, right, where, attributes, includes, null, List.empty(), null);
    }

    private Include(Association association, @Nullable Boolean required, boolean right, @Nullable Condition where,
                    Attributes attributes, List<Include> includes, @Nullable Boolean separate, List<Order> order,
                    @Nullable Integer limit) {
        this.association = association;
        this.required = required;
        this.right = right;
        this.where = where;
        this.attributes = attributes;
        this.includes = includes;
        this.separate = separate;
        this.order = order;
        this.limit = limit;
    }

    /** An include of an association, with Sequelize's defaults: optional, all attributes, no where. */
    public static Include of(Association association) {
        Association resolved = association.source().schema().resolve(association);
        return new Include(resolved, null, false, null, Attributes.ALL, List.empty());
    }

    /** An include of {@code parent}'s association with an alias; the error lists the aliases {@code parent} has. */
    public static Include of(Model parent, String alias) {
        return new Include(parent.schema().association(parent, alias), null, false, null, Attributes.ALL, List.empty());
    }

    /** Must match: an INNER JOIN (Sequelize's {@code required: true}). */
    public Include required() {
        return required(true);
    }

    /**
     * {@code required(false)} is an optional LEFT OUTER JOIN even when the include has a where (a right include stays
     * right); {@code required(true)} is an INNER JOIN, and ends a {@link #right()}.
     */
    public Include required(boolean on) {
        return new Include(association, on, !on && right, where, attributes, includes, separate, order, limit);
    }

    /** May be missing: a LEFT OUTER JOIN (Sequelize's {@code required: false}). */
    public Include optional() {
        return required(false);
    }

    /** A RIGHT OUTER JOIN (Sequelize's {@code right: true}): rows of this include without a parent are kept too. */
    public Include right() {
        return new Include(association, false, true, where, attributes, includes, separate, order, limit);
    }

    /**
     * Filters this include (in its join's ON clause). Columns are this include's model's own. A second call adds to
     * the first with AND.
     */
    public Include where(Condition condition) {
        Objects.requireNonNull(condition, "where is null");
        Model model = association.target();
        condition.forEachColumn(ref -> {
            if (!ref.pathList().isEmpty() || ref.column().model() != model) {
                throw new QueryException("The where of include '" + association.alias() + "' (" + model.name() + ") names " + ref
                        + (ref.pathList().isEmpty() ? " of " + ref.column().model().name() : "") + "; an include's where names columns of its own model ("
                        + model.name() + ": " + model.attributeNames() + "). Put it in the include that loads "
                        + ref.column().model().name() + ", or in the query's where as a $path.column$ reference");
            }
        });
        return new Include(association, required, right, where == null ? condition : where.and(condition), attributes, includes,
                separate, order, limit);
    }

    /** Reads only these attributes of the included model (and its primary key); {@code attributes()} reads the key alone. */
    public Include attributes(Column<?>... columns) {
        Column<?>[] chosen = columns.length == 0 ? association.target().primaryKey().toArray(new Column<?>[0]) : columns;
        return new Include(association, required, right, where, Attributes.only(checkOwn(chosen)), includes, separate, order, limit);
    }

    /** Reads every attribute but these. */
    public Include exclude(Column<?>... columns) {
        return new Include(association, required, right, where, Attributes.excluding(checkOwn(columns)), includes, separate, order, limit);
    }

    /** Nests an include of this node's model, by alias. */
    public Include include(String alias) {
        return include(Include.of(association.target(), alias));
    }

    /** Nests an include by alias and configures it. */
    public Include include(String alias, IncludeSpec spec) {
        return include(spec.configure(Include.of(association.target(), alias)));
    }

    /** Nests an include of an association. */
    public Include include(Association child) {
        return include(Include.of(checkSource(child)));
    }

    public Include include(Association child, IncludeSpec spec) {
        return include(spec.configure(Include.of(checkSource(child))));
    }

    /** Nests a ready include. */
    public Include include(Include child) {
        return new Include(association, required, right, where, attributes, addChild(association.target(), includes, child),
                separate, order, limit);
    }

    /**
     * Loads this to-many include with its own query, keyed by the parents' keys in {@code IN (...)} batches
     * (Sequelize's {@code separate: true}), instead of joining it. A required separate include still filters its
     * parents, with {@code EXISTS}.
     */
    public Include separate() {
        return separate(true);
    }

    /**
     * {@code separate(false)} joins this include even where the planner would load it separately to avoid a
     * cartesian product of sibling to-many includes; by default (neither said) the planner decides.
     */
    public Include separate(boolean on) {
        if (on && !association.isToMany()) {
            throw new QueryException("Include '" + alias() + "' is to-one (" + association + "); only to-many includes can be separate");
        }
        if (!on && limit != null) {
            throw new QueryException("Include '" + alias() + "' has a per-parent limit, which needs a separate query; it cannot be joined");
        }
        return new Include(association, required, right, where, attributes, includes, on, order, limit);
    }

    /** Orders this include's rows within each parent. Columns are this include's model's own, or below it by path. */
    public Include order(Order... terms) {
        List<Order> more = order;
        for (Order t : terms) {
            more = more.append(Objects.requireNonNull(t, "order term is null"));
        }
        return new Include(association, required, right, where, attributes, includes, separate, more, limit);
    }

    /**
     * At most {@code n} rows of this include per parent ("each artist with their 3 newest albums"). Implies a
     * separate query, paged per parent with {@code ROW_NUMBER() OVER (PARTITION BY ...)}.
     */
    public Include limit(int n) {
        if (n < 0) {
            throw new QueryException("limit of include '" + alias() + "' must be 0 or more, was " + n);
        }
        if (!association.isToMany()) {
            throw new QueryException("Include '" + alias() + "' is to-one; a per-parent limit applies to to-many includes");
        }
        if (Boolean.FALSE.equals(separate)) {
            throw new QueryException("Include '" + alias() + "' is joined (separate(false)); a per-parent limit needs a separate query");
        }
        return new Include(association, required, right, where, attributes, includes, true, order, n);
    }

    static List<Include> addChild(Model parent, List<Include> siblings, Include child) {
        Objects.requireNonNull(child, "include is null");
        if (child.association().source() != parent) {
            throw new QueryException(child.association() + " starts at " + child.association().source().name()
                    + ", not at " + parent.name() + "; " + parent.schema().associationsOf(parent).stream()
                    .map(Association::alias).reduce((a, b) -> a + ", " + b).map(s -> parent.name() + " has: " + s)
                    .orElse(parent.name() + " has no associations"));
        }
        for (Include s : siblings) {
            if (s.alias().equals(child.alias())) {
                throw new QueryException("'" + child.alias() + "' is included twice under " + parent.name()
                        + "; configure it in one include(...) call");
            }
        }
        return siblings.append(child);
    }

    private Association checkSource(Association child) {
        if (child.source() != association.target()) {
            throw new QueryException(child + " starts at " + child.source().name() + ", not at " + association.target().name()
                    + " (include '" + association.alias() + "')");
        }
        return child;
    }

    private List<Column<?>> checkOwn(Column<?>... columns) {
        Model model = association.target();
        for (Column<?> c : columns) {
            if (c.model() != model) {
                throw new QueryException("Include '" + association.alias() + "' loads " + model.name() + "; " + c
                        + " is not one of its attributes (" + model.attributeNames() + ")");
            }
        }
        return List.of(columns);
    }

    public Association association() { return association; }
    public String alias() { return association.alias(); }
    public Model model() { return association.target(); }
    /** Whether the user said required/optional; null when Sequelize's default applies. */
    public @Nullable Boolean requiredOption() { return required; }
    public boolean isRight() { return right; }
    public @Nullable Condition where() { return where; }
    public Attributes attributes() { return attributes; }
    public java.util.List<Include> includes() { return includes.asJava(); }
    public List<Include> includeList() { return includes; }

    /** {@code true} or {@code false} when said, null when the planner decides. */
    public @Nullable Boolean separateOption() { return separate; }
    public java.util.List<Order> order() { return order.asJava(); }
    public List<Order> orderList() { return order; }
    /** The per-parent limit, or null. */
    public @Nullable Integer limit() { return limit; }

    /** Whether the include must match: said so, or (unsaid) it has a where. */
    public boolean isRequired() {
        return !right && (required != null ? required : where != null);
    }

    /** The join this include renders as. */
    public JoinKind joinKind() {
        return right ? JoinKind.RIGHT : isRequired() ? JoinKind.INNER : JoinKind.LEFT;
    }

    @Override public boolean equals(@Nullable Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Include)) {
            return false;
        }
        Include i = (Include) o;
        return hashCode() == i.hashCode() && association.equals(i.association) && Objects.equals(required, i.required) && right == i.right
                && Objects.equals(where, i.where) && attributes.equals(i.attributes) && includes.equals(i.includes)
                && Objects.equals(separate, i.separate) && order.equals(i.order) && Objects.equals(limit, i.limit);
    }

    /** Computed once per value (the fields never change; a race computes the same number twice, harmlessly). */
    @Override public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(association, required, right, where, attributes, includes, separate, order, limit);
            hash = h;
        }
        return h;
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("{").append(alias()).append(' ').append(joinKind());
        if (where != null) {
            sb.append(" where ").append(where);
        }
        if (!attributes.isAll()) {
            sb.append(" attributes ").append(attributes);
        }
        if (separate != null) {
            sb.append(separate ? " separate" : " joined");
        }
        if (!order.isEmpty()) {
            sb.append(" order ").append(order.mkString("[", ", ", "]"));
        }
        if (limit != null) {
            sb.append(" limit ").append(limit);
        }
        if (!includes.isEmpty()) {
            sb.append(" include ").append(includes.mkString("[", ", ", "]"));
        }
        return sb.append('}').toString();
    }
}
