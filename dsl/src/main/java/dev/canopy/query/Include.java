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
 * <p>An include names its association by value ({@code include(ARTIST_ALBUMS)}) or by alias ({@code include("albums")}).
 * An alias means nothing without a schema, so an include by alias is checked when the query is bound to one
 * ({@link Query#bind}, which every {@code Canopy} does before it plans): then the alias must exist, and the where,
 * attributes and order must name the included model's columns. An include by value is checked as it is built, and
 * again when bound. Includes compare as syntax, by alias: an include by value and one by alias that name the same
 * association are the same include, as they bind to the same association in any schema that has it.
 *
 * <p>Sequelize's rule holds: an include with a {@code where} is required unless it says otherwise. A required
 * include under an optional one does not drop the optional one's parent: Canopy nests the join
 * ({@code LEFT JOIN (b INNER JOIN c ON ..) ON ..}).
 */
@CheckReturnValue
public final class Include {
    /** The association: declared (or resolved, once bound); null for an include by alias not yet bound. */
    private final @Nullable Association association;
    private final String alias;
    private final @Nullable Boolean required;
    private final boolean right;
    private final @Nullable Condition where;
    private final Attributes attributes;
    private final List<Include> includes;
    private final @Nullable Boolean separate;
    private final List<Order> order;
    private final @Nullable Integer limit;
    private final @Nullable Through through;
    /** The hash, computed on first use: includes are hashed with the query that holds them. */
    private int hash;

    private Include(@Nullable Association association, String alias, @Nullable Boolean required, boolean right,
                    @Nullable Condition where, Attributes attributes, List<Include> includes, @Nullable Boolean separate,
                    List<Order> order, @Nullable Integer limit, @Nullable Through through) {
        this.through = through;
        this.association = association;
        this.alias = alias;
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
        Objects.requireNonNull(association, "association is null");
        return new Include(association, association.alias(), null, false, null, Attributes.ALL, List.empty(), null, List.empty(), null, null);
    }

    /**
     * An include of the parent's association with this alias, resolved when the query is bound to a schema (the
     * error then lists the aliases the parent has).
     */
    public static Include of(String alias) {
        Objects.requireNonNull(alias, "alias is null");
        if (alias.isEmpty()) {
            throw new QueryException("an include's alias is empty");
        }
        return new Include(null, alias, null, false, null, Attributes.ALL, List.empty(), null, List.empty(), null, null);
    }

    /** This include with its association resolved in a schema and its children replaced; for {@link Query#bind}. */
    Include bound(Association resolved, List<Include> children) {
        return new Include(resolved, alias, required, right, where, attributes, children, separate, order, limit, through);
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
        return new Include(association, alias, on, !on && right, where, attributes, includes, separate, order, limit, through);
    }

    /** May be missing: a LEFT OUTER JOIN (Sequelize's {@code required: false}). */
    public Include optional() {
        return required(false);
    }

    /** A RIGHT OUTER JOIN (Sequelize's {@code right: true}): rows of this include without a parent are kept too. */
    public Include right() {
        return new Include(association, alias, false, true, where, attributes, includes, separate, order, limit, through);
    }

    /**
     * Filters this include (in its join's ON clause). Columns are this include's model's own. A second call adds to
     * the first with AND.
     */
    public Include where(Condition condition) {
        Objects.requireNonNull(condition, "where is null");
        if (association != null) {
            checkWhere(alias, association.target(), condition);
        }
        return new Include(association, alias, required, right, where == null ? condition : where.and(condition), attributes, includes,
                separate, order, limit, through);
    }

    /** Reads only these attributes of the included model (and its primary key); name the key alone to read only it ({@code attributes()}
     * without columns is the getter). */
    public Include attributes(Column<?>... columns) {
        Attributes chosen = columns.length == 0 ? Attributes.KEY : Attributes.only(List.of(columns));
        if (association != null) {
            chosen.check("include '" + alias + "'", association.target());
        }
        return new Include(association, alias, required, right, where, chosen, includes, separate, order, limit, through);
    }

    /** Reads every attribute but these. */
    public Include exclude(Column<?>... columns) {
        Attributes chosen = Attributes.excluding(List.of(columns));
        if (association != null) {
            chosen.check("include '" + alias + "'", association.target());
        }
        return new Include(association, alias, required, right, where, chosen, includes, separate, order, limit, through);
    }

    /** Nests an include of this node's model, by alias. */
    public Include include(String alias) {
        return include(Include.of(alias));
    }

    /** Nests an include by alias and configures it. */
    public Include include(String alias, IncludeSpec spec) {
        return include(spec.configure(Include.of(alias)));
    }

    /** Nests an include of an association. */
    public Include include(Association child) {
        return include(Include.of(child));
    }

    public Include include(Association child, IncludeSpec spec) {
        return include(spec.configure(Include.of(child)));
    }

    /** Nests a ready include. */
    public Include include(Include child) {
        return new Include(association, alias, required, right, where, attributes,
                addChild(association == null ? null : association.target(), "include '" + alias + "'", includes, child),
                separate, order, limit, through);
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
        if (on && association != null && !association.isToMany()) {
            throw new QueryException("Include '" + alias() + "' is to-one (" + association + "); only to-many includes can be separate");
        }
        if (!on && limit != null) {
            throw new QueryException("Include '" + alias() + "' has a per-parent limit, which needs a separate query; it cannot be joined");
        }
        return new Include(association, alias, required, right, where, attributes, includes, on, order, limit, through);
    }

    /** Orders this include's rows within each parent. Columns are this include's model's own, or below it by path. */
    public Include order(Order... terms) {
        List<Order> more = order;
        for (Order t : terms) {
            more = more.append(Objects.requireNonNull(t, "order term is null"));
        }
        return new Include(association, alias, required, right, where, attributes, includes, separate, more, limit, through);
    }

    /**
     * At most {@code n} rows of this include per parent ("each artist with their 3 newest albums"). Implies a
     * separate query, paged per parent with {@code ROW_NUMBER() OVER (PARTITION BY ...)}.
     */
    public Include limit(int n) {
        if (n < 0) {
            throw new QueryException("limit of include '" + alias() + "' must be 0 or more, was " + n);
        }
        if (association != null && !association.isToMany()) {
            throw new QueryException("Include '" + alias() + "' is to-one; a per-parent limit applies to to-many includes");
        }
        if (Boolean.FALSE.equals(separate)) {
            throw new QueryException("Include '" + alias() + "' is joined (separate(false)); a per-parent limit needs a separate query");
        }
        return new Include(association, alias, required, right, where, attributes, includes, true, order, n, through);
    }

    /**
     * Appends {@code child} to {@code siblings}: refuses an alias twice, and (when both are known) an association that
     * does not start at the parent's model.
     */
    static List<Include> addChild(@Nullable Model parent, String where, List<Include> siblings, Include child) {
        Objects.requireNonNull(child, "include is null");
        if (parent != null && child.association != null && child.association.source() != parent) {
            throw new QueryException(child.association + " starts at " + child.association.source().name()
                    + ", not at " + parent.name() + " (" + where + ")");
        }
        for (Include s : siblings) {
            if (s.alias().equals(child.alias())) {
                throw new QueryException("'" + child.alias() + "' is included twice under " + (parent != null ? parent.name() : where)
                        + "; configure it in one include(...) call");
            }
        }
        return siblings.append(child);
    }

    /** Refuses a where of an include that names anything but the included model's own columns. */
    static void checkWhere(String alias, Model model, Condition condition) {
        condition.forEachColumn(ref -> {
            if (!ref.path().isEmpty() || ref.column().model() != model) {
                throw new QueryException("The where of include '" + alias + "' (" + model.name() + ") names " + ref
                        + (ref.path().isEmpty() ? " of " + ref.column().model().name() : "") + "; an include's where names columns of its own model ("
                        + model.name() + ": " + model.attributeNames() + "). Put it in the include that loads "
                        + ref.column().model().name() + ", or in the query's where as a $path.column$ reference");
            }
        });
    }

    /**
     * Reads these columns of the junction of a belongsToMany on each child, and keeps only the links whose junction
     * row passes {@code where} (null: every link): Sequelize's {@code through: { attributes, where }}.
     * {@code include(PLAYLIST_TRACKS, t -> t.through(Condition.TRUE, PLAYLIST_TRACK.position))}.
     */
    public Include through(@Nullable Condition where, Column<?>... attributes) {
        Through t = new Through(java.util.List.of(attributes), where);
        if (association != null && association.isResolved()) {
            checkThrough(association, t);
        }
        return new Include(association, alias, required, right, this.where, this.attributes, includes, separate, order, limit, t);
    }

    /** Reads these columns of the junction of a belongsToMany on each child ({@code through: { attributes }}). */
    public Include through(Column<?>... attributes) {
        return through(null, attributes);
    }

    /** What this include reads of and asks of its junction rows, or null. */
    public @Nullable Through throughOption() {
        return through;
    }

    private static void checkThrough(Association resolved, Through t) {
        if (resolved.kind() != Association.Kind.BELONGS_TO_MANY) {
            throw new QueryException("through(...) is for belongsToMany includes; " + resolved + " has no junction");
        }
        Model junction = resolved.through();
        for (Column<?> c : t.attributes()) {
            if (c.model() != junction) {
                throw new QueryException("through(...) of " + resolved + " reads " + junction.name() + "; " + c + " is not one of its attributes ("
                        + junction.attributeNames() + ")");
            }
        }
        if (t.where() != null) {
            checkWhere(resolved.alias() + " through " + junction.name(), junction, t.where());
        }
    }

    /** Every check that needs the included model, run when the association is known: by {@link Query#bind}. */
    void check(Association resolved) {
        if (through != null) {
            checkThrough(resolved, through);
        }
        Model model = resolved.target();
        if (where != null) {
            checkWhere(alias, model, where);
        }
        attributes.check("include '" + alias + "'", model);
        if (!resolved.isToMany()) {
            if (Boolean.TRUE.equals(separate)) {
                throw new QueryException("Include '" + alias + "' is to-one (" + resolved + "); only to-many includes can be separate");
            }
            if (limit != null) {
                throw new QueryException("Include '" + alias + "' is to-one; a per-parent limit applies to to-many includes");
            }
        }
    }

    /**
     * The association this include loads.
     *
     * @throws QueryException for an include by alias that no schema has resolved yet
     */
    public Association association() {
        if (association == null) {
            throw new QueryException("Include '" + alias + "' names its association by alias; bind the query to a schema first");
        }
        return association;
    }

    /** Whether the association is known: included by value, or bound to a schema. */
    public boolean hasAssociation() {
        return association != null;
    }

    public String alias() { return alias; }
    /** The included model; known once the association is (see {@link #association()}). */
    public Model model() { return association().target(); }
    /** Whether the user said required/optional; null when Sequelize's default applies. */
    public @Nullable Boolean requiredOption() { return required; }
    public boolean isRight() { return right; }
    public @Nullable Condition where() { return where; }
    public Attributes attributes() { return attributes; }
    public java.util.List<Include> includes() { return includes.asJava(); }
    List<Include> includeList() { return includes; }

    /** {@code true} or {@code false} when said, null when the planner decides. */
    public @Nullable Boolean separateOption() { return separate; }
    public java.util.List<Order> order() { return order.asJava(); }
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
        return hashCode() == i.hashCode() && alias.equals(i.alias) && Objects.equals(required, i.required) && right == i.right
                && Objects.equals(where, i.where) && attributes.equals(i.attributes) && includes.equals(i.includes)
                && Objects.equals(separate, i.separate) && order.equals(i.order) && Objects.equals(limit, i.limit)
                && Objects.equals(through, i.through);
    }

    /** Computed once per value (the fields never change; a race computes the same number twice, harmlessly). */
    @Override public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(alias, required, right, where, attributes, includes, separate, order, limit, through);
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
