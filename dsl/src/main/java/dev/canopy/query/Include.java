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
    /** Without the included model's default scope: asked for ({@link #unscoped()}), or already merged in (bound). */
    private final boolean unscoped;
    /** What an include by model or of every association picks, until {@link Query#bind} replaces it; else null. */
    private final @Nullable Selector selector;
    /** The hash, computed on first use: includes are hashed with the query that holds them. */
    private int hash;

    /**
     * What {@link Query#bind} has still to resolve for this include: the one association of the parent that leads to
     * {@code model} ({@link #of(Model)}), or every association of the parent ({@link #all()}, recursively when
     * {@code nested}), and the named scopes of the included model to merge in ({@link #scope}). Null when there is
     * nothing of the kind; bound includes have none.
     */
    record Selector(@Nullable Model model, boolean nested, boolean all, List<NamedScope> scopes) {
        /** A placeholder by model, or of every association when {@code model} is null. */
        Selector(@Nullable Model model, boolean nested) {
            this(model, nested, model == null, List.empty());
        }

        boolean isAll() {
            return all;
        }
    }

    private Include(@Nullable Association association, String alias, @Nullable Boolean required, boolean right,
                    @Nullable Condition where, Attributes attributes, List<Include> includes, @Nullable Boolean separate,
                    List<Order> order, @Nullable Integer limit, boolean unscoped, @Nullable Selector selector) {
        this.unscoped = unscoped;
        this.association = association;
        this.selector = selector;
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
        return new Include(association, association.alias(), null, false, null, Attributes.ALL, List.empty(), null, List.empty(), null, false, null);
    }

    /**
     * An include of the one association of the parent's model that leads to {@code model} (Sequelize's
     * {@code include: [{ model: Album }]}), resolved when the query is bound to a schema. Configure it as any include.
     * Before it is bound its alias is the model's name.
     *
     * @see Query#bind the error when no association, or more than one, leads there:
     *      {@link dev.canopy.error.AmbiguousAssociationException} names the candidates' aliases
     */
    public static Include of(Model model) {
        Objects.requireNonNull(model, "model is null");
        return new Include(null, model.name(), null, false, null, Attributes.ALL, List.empty(), null, List.empty(), null, false,
                new Selector(model, false));
    }

    /**
     * Every association of the parent's model, one level deep (Sequelize's {@code include: { all: true }}), in the
     * order the schema declares them; resolved when the query is bound. Associations the parent already includes
     * explicitly keep their own include. {@link #required()} and {@link #optional()} apply to every include it makes;
     * {@link #nested()} goes on recursively.
     */
    public static Include all() {
        return new Include(null, ALL, null, false, null, Attributes.ALL, List.empty(), null, List.empty(), null, false, new Selector(null, false));
    }

    /** The alias an {@link #all()} include shows until it is bound. */
    private static final String ALL = "*";

    /**
     * {@code Include.all().nested()}: every association, and every association of those, recursively (Sequelize's
     * {@code include: { all: true, nested: true }}). Like Sequelize, the recursion does not follow an association to a
     * model already on the path from the query's root, so cycles (Album → artist → albums, Employee → manager) end.
     *
     * @throws QueryException on an include that is not {@link #all()}
     */
    public Include nested() {
        if (selector == null || !selector.isAll()) {
            throw new QueryException("nested() applies to Include.all(); include '" + alias + "' names one association");
        }
        return new Include(association, alias, required, right, where, attributes, includes, separate, order, limit, unscoped, new Selector(null, true));
    }

    /** Whether this is {@link #all()} not yet bound. */
    public boolean isAll() {
        return selector != null && selector.isAll();
    }

    /** Whether this is {@link #all()}{@code .nested()} not yet bound. */
    public boolean isAllNested() {
        return isAll() && selector.nested();
    }

    /** The model an include by model ({@link #of(Model)}) names, until it is bound; else null. */
    public @Nullable Model byModel() {
        return selector == null ? null : selector.model();
    }

    @Nullable Selector selector() {
        return selector;
    }

    /** An include of every association refuses what only fits one model. */
    private void refuseOnAll(String what) {
        if (isAll()) {
            throw new QueryException("Include.all() takes no " + what + ": it includes associations of different models; "
                    + "include the association by alias to give it " + what);
        }
    }

    /** The include {@link #all()} makes for one association: its required option, nothing else. */
    Include expandedFor(Association resolved) {
        return new Include(resolved, resolved.alias(), required, false, null, Attributes.ALL, List.empty(), null, List.empty(), null, false, null);
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
        return new Include(null, alias, null, false, null, Attributes.ALL, List.empty(), null, List.empty(), null, false, null);
    }

    /** This include with its association resolved in a schema and its children replaced; for {@link Query#bind}. */
    Include bound(Association resolved, List<Include> children) {
        return new Include(resolved, resolved.alias(), required, right, where, attributes, children, separate, order, limit, unscoped, null);
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
        return new Include(association, alias, on, !on && right, where, attributes, includes, separate, order, limit, unscoped, selector);
    }

    /** May be missing: a LEFT OUTER JOIN (Sequelize's {@code required: false}). */
    public Include optional() {
        return required(false);
    }

    /** A RIGHT OUTER JOIN (Sequelize's {@code right: true}): rows of this include without a parent are kept too. */
    public Include right() {
        refuseOnAll("right()");
        return new Include(association, alias, false, true, where, attributes, includes, separate, order, limit, unscoped, selector);
    }

    /**
     * Filters this include (in its join's ON clause). Columns are this include's model's own. A second call adds to
     * the first with AND.
     */
    public Include where(Condition condition) {
        Objects.requireNonNull(condition, "where is null");
        refuseOnAll("where");
        if (association != null) {
            checkWhere(alias, association.target(), condition);
        }
        return new Include(association, alias, required, right, where == null ? condition : where.and(condition), attributes, includes,
                separate, order, limit, unscoped, selector);
    }

    /** Reads only these attributes of the included model (and its primary key); name the key alone to read only it ({@code attributes()}
     * without columns is the getter). */
    public Include attributes(Column<?>... columns) {
        refuseOnAll("attributes");
        Attributes chosen = columns.length == 0 ? Attributes.KEY : Attributes.only(List.of(columns));
        if (association != null) {
            chosen.check("include '" + alias + "'", association.target());
        }
        return new Include(association, alias, required, right, where, chosen, includes, separate, order, limit, unscoped, selector);
    }

    /** Reads every attribute but these. */
    public Include exclude(Column<?>... columns) {
        refuseOnAll("attributes");
        Attributes chosen = Attributes.excluding(List.of(columns));
        if (association != null) {
            chosen.check("include '" + alias + "'", association.target());
        }
        return new Include(association, alias, required, right, where, chosen, includes, separate, order, limit, unscoped, selector);
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
        refuseOnAll("nested includes (use nested())");
        return new Include(association, alias, required, right, where, attributes,
                addChild(association == null ? null : association.target(), "include '" + alias + "'", includes, child),
                separate, order, limit, unscoped, selector);
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
        refuseOnAll("separate");
        if (on && association != null && !association.isToMany()) {
            throw new QueryException("Include '" + alias() + "' is to-one (" + association + "); only to-many includes can be separate");
        }
        if (!on && limit != null) {
            throw new QueryException("Include '" + alias() + "' has a per-parent limit, which needs a separate query; it cannot be joined");
        }
        return new Include(association, alias, required, right, where, attributes, includes, on, order, limit, unscoped, selector);
    }

    /** Orders this include's rows within each parent. Columns are this include's model's own, or below it by path. */
    public Include order(Order... terms) {
        refuseOnAll("order");
        List<Order> more = order;
        for (Order t : terms) {
            more = more.append(Objects.requireNonNull(t, "order term is null"));
        }
        return new Include(association, alias, required, right, where, attributes, includes, separate, more, limit, unscoped, selector);
    }

    /**
     * At most {@code n} rows of this include per parent ("each artist with their 3 newest albums"). Implies a
     * separate query, paged per parent with {@code ROW_NUMBER() OVER (PARTITION BY ...)}.
     */
    public Include limit(int n) {
        refuseOnAll("limit");
        if (n < 0) {
            throw new QueryException("limit of include '" + alias() + "' must be 0 or more, was " + n);
        }
        if (association != null && !association.isToMany()) {
            throw new QueryException("Include '" + alias() + "' is to-one; a per-parent limit applies to to-many includes");
        }
        if (Boolean.FALSE.equals(separate)) {
            throw new QueryException("Include '" + alias() + "' is joined (separate(false)); a per-parent limit needs a separate query");
        }
        return new Include(association, alias, required, right, where, attributes, includes, true, order, n, unscoped, selector);
    }

    /**
     * This include without its model's default scope (Sequelize's {@code include: [{ model: Child.unscoped() }]}), and
     * without the scopes named before this call.
     */
    public Include unscoped() {
        return new Include(association, alias, required, right, where, attributes, includes, separate, order, limit, true, withScopes(List.empty()));
    }

    /**
     * Merges a named scope of the included model into this include when the query is bound (Sequelize's
     * {@code include: [{ model: Post.scope('recent') }]}, or {@code Post.scope({ method: ['minLevel', 5] })} with
     * arguments). As on a query ({@link Query#scope}), naming a scope leaves the model's default scope out unless it
     * is named too ({@code "defaultScope"}), several calls merge in order, and this include's own options go over
     * them. A scope's limit and offset do not apply to an include, as for default scopes.
     * <pre>{@code
     * Query.from(MEMBER).include(Include.of("posts").scope("recent").required())
     * }</pre>
     *
     * @throws QueryException on {@link #all()}: its associations lead to different models
     * @throws QueryException when bound, naming the scopes the included model has, when it has none of that name
     */
    public Include scope(String name, Object... args) {
        Objects.requireNonNull(name, "scope name is null");
        refuseOnAll("scope");
        List<NamedScope> more = scopes().append(new NamedScope(name, java.util.Arrays.asList(args.clone())));
        return new Include(association, alias, required, right, where, attributes, includes, separate, order, limit, true, withScopes(more));
    }

    /** The named scopes asked for ({@link #scope}), by name, in order; empty once bound (they are merged in then). */
    public java.util.List<String> scopeNames() {
        return scopes().map(NamedScope::name).asJava();
    }

    /** The arguments of each named scope, in the order of {@link #scopeNames()}. */
    public java.util.List<java.util.List<@Nullable Object>> scopeArguments() {
        return scopes().map(NamedScope::args).asJava();
    }

    List<NamedScope> scopes() {
        return selector == null ? List.empty() : selector.scopes();
    }

    /** The selector with these named scopes (null when it would say nothing). */
    private @Nullable Selector withScopes(List<NamedScope> scopes) {
        if (selector == null) {
            return scopes.isEmpty() ? null : new Selector(null, false, false, scopes);
        }
        if (selector.model() == null && !selector.isAll() && scopes.isEmpty()) {
            return null;
        }
        return new Selector(selector.model(), selector.nested(), selector.isAll(), scopes);
    }

    /** The selector of two includes merged by alias (scopes and finder options): the later one's named scopes win. */
    private @Nullable Selector mergedSelector(Include later) {
        if (later.scopes().isEmpty() || selector == later.selector) {
            return selector;
        }
        return withScopes(later.scopes());
    }

    /** Whether the included model's default scope is left out (asked for, or already merged in). */
    public boolean isUnscoped() {
        return unscoped;
    }

    /**
     * This include with its model's default scope under it: the scope's where added with AND (a where from a default
     * scope alone does not make the include required: the scope filters the children, it does not drop their parent),
     * attributes and nested includes merged as scopes merge, the scope's order when the include has none. A scope's
     * limit and offset do not apply to includes.
     */
    Include withDefaultScope(Query scope) {
        Condition w = where;
        Boolean req = required;
        if (scope.where() != null) {
            if (req == null && where == null && !right) {
                req = false;
            }
            w = where == null ? scope.where() : scope.where().and(where);
        }
        return new Include(association, alias, req, right, w, Attributes.merge(scope.attributes(), attributes),
                merge(List.ofAll(scope.includes()), includes), separate, order.isEmpty() ? List.ofAll(scope.order()) : order, limit, true, selector);
    }

    /** {@code over} merged over {@code base} by alias, recursively (see {@link Query#scope}). */
    static List<Include> merge(List<Include> base, List<Include> over) {
        List<Include> out = base;
        for (Include o : over) {
            int i = out.indexWhere(b -> b.alias.equals(o.alias));
            out = i < 0 ? out.append(o) : out.update(i, out.get(i).merge(o));
        }
        return out;
    }

    private Include merge(Include o) {
        Condition w = where == null ? o.where : o.where == null ? where : where.and(o.where);
        return new Include(association != null ? association : o.association, alias, o.required != null ? o.required : required,
                right || o.right, w, Attributes.merge(attributes, o.attributes), merge(includes, o.includes),
                o.separate != null ? o.separate : separate, o.order.isEmpty() ? order : o.order, o.limit != null ? o.limit : limit,
                unscoped || o.unscoped, mergedSelector(o));
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

    /** Every check that needs the included model, run when the association is known: by {@link Query#bind}. */
    void check(Association resolved) {
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
                && unscoped == i.unscoped && Objects.equals(selector, i.selector);
    }

    /** Computed once per value (the fields never change; a race computes the same number twice, harmlessly). */
    @Override public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(alias, required, right, where, attributes, includes, separate, order, limit, unscoped,
                    selector == null ? null : selector.nested(), selector == null || selector.model() == null ? 0 : System.identityHashCode(selector.model()));
            hash = h;
        }
        return h;
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("{").append(selector == null || selector.model() == null && !selector.isAll() ? alias()
                : selector.isAll() ? (selector.nested() ? "all nested" : "all") : "model " + alias()).append(' ').append(joinKind());
        if (!scopes().isEmpty()) {
            sb.append(" scopes ").append(scopes().map(NamedScope::name).mkString("[", ", ", "]"));
        }
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
