package dev.canopy.model;

import dev.canopy.error.AssociationNotFoundException;
import dev.canopy.error.QueryException;
import dev.canopy.error.SchemaException;
import dev.canopy.query.Condition;
import dev.canopy.query.Query;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The models and associations of one database, checked once (as HikariCP checks its configuration when the pool
 * starts). A schema answers "is X associated to Y?" with an error that lists what exists.
 *
 * <p>A schema is an explicit value, passed to whatever works in it: a {@code Canopy} is opened with the schema it
 * serves, and a query is resolved against it ({@code query.bind(schema)}). No model knows "its" schema, so the same
 * model objects can serve two schemas with different associations. {@link Builder#build()} checks everything
 * before it changes anything: a build that fails leaves every model as it was.
 * <pre>{@code
 * Schema schema = Schema.builder().models(ARTIST, ALBUM).associations(ARTIST_ALBUMS, ALBUM_ARTIST).build();
 * schema.association(ARTIST, "albums");   // the hasMany
 * schema.association(ARTIST, "tracks");   // AssociationNotFoundException: 'tracks' is not an association of Artist; Artist has: albums
 * }</pre>
 */
public final class Schema {
    private final Map<String, Model> models;
    private final Map<Model, Map<String, Association>> bySource;
    private final List<Association> associations;
    private final Map<Model, Query> defaultScopes;
    private final Map<Model, Map<String, Function<List<@Nullable Object>, Query>>> scopes;

    private Schema(Map<String, Model> models, List<Association> associations, Map<Model, Query> defaultScopes,
                   Map<Model, Map<String, Function<List<@Nullable Object>, Query>>> scopes) {
        this.defaultScopes = defaultScopes;
        this.scopes = scopes;
        this.models = Collections.unmodifiableMap(models);
        this.associations = List.copyOf(associations);
        Map<Model, Map<String, Association>> index = new LinkedHashMap<>();
        for (Association a : associations) {
            index.computeIfAbsent(a.source(), m -> new LinkedHashMap<>()).put(a.alias(), a);
        }
        this.bySource = index;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A schema of the given associations and every model they touch. */
    public static Schema of(Association... associations) {
        return builder().associations(associations).build();
    }

    /** Every model, in the order they were added. */
    public List<Model> models() {
        return List.copyOf(models.values());
    }

    /** Every association, in the order they were declared. */
    public List<Association> associations() {
        return associations;
    }

    /** The model with a name, or null. */
    public @Nullable Model findModel(String name) {
        return models.get(name);
    }

    /** The model with a name; the error lists the models that exist. */
    public Model model(String name) {
        Model m = models.get(name);
        if (m == null) {
            throw new SchemaException("Unknown model '" + name + "'; the schema has: " + String.join(", ", models.keySet()));
        }
        return m;
    }

    /** The associations whose source is {@code source}, in declaration order. */
    public List<Association> associationsOf(Model source) {
        Map<String, Association> m = bySource.get(source);
        return m == null ? List.of() : List.copyOf(m.values());
    }

    /** The association of {@code source} with an alias, or null. */
    public @Nullable Association findAssociation(Model source, String alias) {
        Map<String, Association> m = bySource.get(source);
        return m == null ? null : m.get(alias);
    }

    /**
     * The association of {@code source} with an alias.
     *
     * @throws AssociationNotFoundException {@code 'tracks' is not an association of Artist; Artist has: albums}
     */
    public Association association(Model source, String alias) {
        Association a = findAssociation(source, alias);
        if (a == null) {
            throw new AssociationNotFoundException("'" + alias + "' is not an association of " + source.name() + "; "
                    + hasText(source));
        }
        return a;
    }

    /**
     * The one association from {@code source} to {@code target} (Sequelize's {@code include: [{ model: Zone }]}).
     *
     * @throws AssociationNotFoundException {@code Reference is not associated to User; User has: documents, organization},
     *         or, when several associations lead there, a message listing their aliases
     */
    public Association associationTo(Model source, Model target) {
        List<Association> found = associationsOf(source).stream().filter(a -> a.target() == target).collect(Collectors.toList());
        if (found.isEmpty()) {
            throw new AssociationNotFoundException(target.name() + " is not associated to " + source.name() + "; " + hasText(source));
        }
        if (found.size() > 1) {
            throw new dev.canopy.error.AmbiguousAssociationException(source.name(), target.name(),
                    found.stream().map(Association::alias).collect(Collectors.toList()));
        }
        return found.get(0);
    }

    /** Whether {@code model} is one of this schema's models (the same object). */
    public boolean contains(Model model) {
        return models.get(model.name()) == model;
    }

    /**
     * The declared association as this schema resolved it (with its {@link Association#keys()}); an error when it was
     * never added.
     */
    public Association resolve(Association declared) {
        Association a = findAssociation(declared.source(), declared.alias());
        if (a == null || !a.sameAs(declared)) {
            throw new AssociationNotFoundException(declared + " is not in this schema; " + hasText(declared.source()));
        }
        return a;
    }

    /** Whether any model of this schema has a default or a named scope (queries then change when they are bound). */
    public boolean hasScopes() {
        return !defaultScopes.isEmpty() || !scopes.isEmpty();
    }

    /** The default scope of a model (a query of it whose parts every query of it gets), or null when it has none. */
    public @Nullable Query defaultScope(Model model) {
        return defaultScopes.get(model);
    }

    /**
     * The where of a model's default scope, for a bulk update or destroy (Sequelize applies it there too); null when
     * the model has no default scope or its scope has no where.
     *
     * @throws QueryException when the where names included paths, which a bulk write cannot join
     */
    public @Nullable Condition defaultScopeWhere(Model model) {
        Query scope = defaultScopes.get(model);
        Condition where = scope == null ? null : scope.where();
        if (where != null) {
            where.forEachColumn(ref -> {
                if (!ref.path().isEmpty()) {
                    throw new QueryException("The default scope of " + model.name() + " filters on " + ref + ", through an include; a bulk "
                            + "update or destroy cannot apply it: give the write Where.unscoped() and the condition you mean");
                }
            });
        }
        return where;
    }

    /**
     * The names of a model's scopes, in the order they were declared, {@code "defaultScope"} first when it has one:
     * what {@code query.scope(name)} and {@code include.scope(name)} accept for it.
     */
    public List<String> scopeNames(Model model) {
        List<String> out = new ArrayList<>();
        if (defaultScopes.containsKey(model)) {
            out.add("defaultScope");
        }
        out.addAll(scopes.getOrDefault(model, Map.of()).keySet());
        return Collections.unmodifiableList(out);
    }

    /**
     * The named scope of a model, made with {@code args}.
     *
     * @throws QueryException naming the scopes the model has, when it has none of that name
     */
    public Query scope(Model model, String name, List<@Nullable Object> args) {
        Map<String, Function<List<@Nullable Object>, Query>> named = scopes.getOrDefault(model, Map.of());
        Function<List<@Nullable Object>, Query> f = named.get(name);
        if (f == null) {
            throw new QueryException("'" + name + "' is not a scope of " + model.name() + "; " + model.name() + " has: "
                    + (named.isEmpty() ? "(no scopes)" : String.join(", ", named.keySet()))
                    + (defaultScopes.containsKey(model) ? " and defaultScope" : ""));
        }
        Query q = Objects.requireNonNull(f.apply(Collections.unmodifiableList(args)), "scope " + name + " of " + model.name() + " returned null");
        if (q.root() != model) {
            throw new QueryException("Scope " + name + " of " + model.name() + " returned a query of " + q.root().name());
        }
        return q;
    }

    private String hasText(Model source) {
        List<Association> list = associationsOf(source);
        return source.name() + " has: " + (list.isEmpty() ? "(no associations)"
                : list.stream().map(Association::alias).collect(Collectors.joining(", ")));
    }

    @Override public String toString() {
        return "Schema" + models.keySet() + " with " + associations.size() + " associations";
    }

    /** Collects models and associations; {@link #build()} checks and seals them. */
    public static final class Builder {
        private final Map<String, Model> models = new LinkedHashMap<>();
        private final List<Association> associations = new ArrayList<>();
        private final Map<Model, Query> defaultScopes = new LinkedHashMap<>();
        private final Map<Model, Map<String, Function<List<@Nullable Object>, Query>>> scopes = new LinkedHashMap<>();
        private final List<String> staticScopes = new ArrayList<>();
        private final List<Query> staticScopeQueries = new ArrayList<>();

        private Builder() {}

        /**
         * The default scope of the query's root model (Sequelize's {@code defaultScope}): its where, includes, order,
         * attributes and limit are merged into every query of that model, and into every include of it, unless the
         * query or include is {@code unscoped()} or names another scope. Bulk updates and destroys of the model get
         * its where too. Its includes name aliases of this schema.
         * <pre>{@code
         * Schema.builder().models(USER).defaultScope(Query.from(USER).where(USER.active.eq(true)))
         * }</pre>
         */
        public Builder defaultScope(Query scope) {
            Objects.requireNonNull(scope, "scope is null");
            model(scope.root());
            checkScope(scope, "defaultScope");
            defaultScopes.put(scope.root(), scope);
            staticScopes.add("defaultScope of " + scope.root().name());
            staticScopeQueries.add(scope);
            return this;
        }

        /** A named scope of the query's root model (Sequelize's {@code scopes: { name: {...} }}), applied by {@code query.scope(name)}. */
        public Builder scope(String name, Query scope) {
            Objects.requireNonNull(scope, "scope is null");
            checkScope(scope, name);
            staticScopes.add("scope " + name + " of " + scope.root().name());
            staticScopeQueries.add(scope);
            return scope(scope.root(), name, args -> {
                if (!args.isEmpty()) {
                    throw new QueryException("Scope " + name + " of " + scope.root().name() + " takes no arguments; " + args.size() + " given");
                }
                return scope;
            });
        }

        /**
         * A named scope made from arguments (Sequelize's scope function, {@code scope({ method: ['accessLevel', 19] })}):
         * {@code query.scope("accessLevel", 19)} calls {@code scope} with {@code [19]}, when the query is bound.
         */
        public Builder scope(Model model, String name, Function<List<@Nullable Object>, Query> scope) {
            Objects.requireNonNull(name, "scope name is null");
            Objects.requireNonNull(scope, "scope is null");
            if ("defaultScope".equals(name)) {
                throw new SchemaException("'defaultScope' is the default scope's name; declare it with defaultScope(...)");
            }
            model(model);
            if (scopes.computeIfAbsent(model, m -> new LinkedHashMap<>()).putIfAbsent(name, scope) != null) {
                throw new SchemaException(model.name() + " already has a scope named '" + name + "'");
            }
            return this;
        }

        private static void checkScope(Query scope, String name) {
            if (!scope.scopeNames().isEmpty()) {
                throw new SchemaException("Scope " + name + " of " + scope.root().name() + " names other scopes (" + scope.scopeNames()
                        + "); merge their parts into it instead");
            }
        }

        public Builder models(Model... models) {
            for (Model m : models) {
                model(m);
            }
            return this;
        }

        public Builder model(Model model) {
            Model existing = models.get(model.name());
            if (existing != null && existing != model) {
                throw new SchemaException("Two different models are named " + model.name());
            }
            models.put(model.name(), model);
            return this;
        }

        public Builder associations(Association... associations) {
            return associations(Arrays.asList(associations));
        }

        public Builder associations(List<Association> list) {
            for (Association a : list) {
                association(a);
            }
            return this;
        }

        public Builder association(Association a) {
            model(a.source());
            model(a.target());
            if (a.through() != null) {
                model(a.through());
            }
            for (Association b : associations) {
                if (b.source() == a.source() && b.alias().equals(a.alias())) {
                    throw new SchemaException(a.source().name() + " already has an association named '" + a.alias() + "' ("
                            + b + "); give " + a + " another alias with alias(...)");
                }
            }
            associations.add(a);
            return this;
        }

        /**
         * Checks every association, then adds the foreign keys nobody declared, seals every model and resolves each
         * association's keys. Nothing is changed until every check has passed.
         */
        public Schema build() {
            Map<Model, Map<String, DataType<?>>> implicit = new LinkedHashMap<>();
            for (Association a : associations) {
                missingKey(a, a.foreignKeyModel(), a.foreignKey(), keyModel(a), a.referencedKey(), implicit);
                if (a.kind() == Association.Kind.BELONGS_TO_MANY) {
                    missingKey(a, a.foreignKeyModel(), a.otherKey(), a.target(), a.otherReferencedKey(), implicit);
                }
            }
            for (Association a : associations) {
                check(a, implicit);
            }
            for (Model m : models.values()) {
                m.seal(implicit.getOrDefault(m, Map.of()));
            }
            List<Association> resolved = new ArrayList<>(associations.size());
            for (Association a : associations) {
                resolved.add(a.resolved());
            }
            Schema schema = new Schema(new LinkedHashMap<>(models), resolved, new LinkedHashMap<>(defaultScopes), copy(scopes));
            for (int i = 0; i < staticScopeQueries.size(); i++) {
                try {
                    Query unused = staticScopeQueries.get(i).unscoped().bind(schema);
                } catch (RuntimeException e) {
                    throw new SchemaException("The " + staticScopes.get(i) + " does not fit this schema: " + e.getMessage());
                }
            }
            return schema;
        }

        private static Map<Model, Map<String, Function<List<@Nullable Object>, Query>>> copy(
                Map<Model, Map<String, Function<List<@Nullable Object>, Query>>> scopes) {
            Map<Model, Map<String, Function<List<@Nullable Object>, Query>>> out = new LinkedHashMap<>();
            scopes.forEach((m, named) -> out.put(m, Collections.unmodifiableMap(new LinkedHashMap<>(named))));
            return Collections.unmodifiableMap(out);
        }

        private static Model keyModel(Association a) {
            return a.kind() == Association.Kind.BELONGS_TO ? a.target() : a.source();
        }

        /** Records a foreign key the holder lacks, typed as the key it refers to; refuses where it cannot be added. */
        private static void missingKey(Association a, Model holder, String fk, Model keyModel, String key,
                                       Map<Model, Map<String, DataType<?>>> implicit) {
            Column<?> referenced = keyModel.findColumn(key);
            if (referenced == null) {
                throw new SchemaException(a + ": " + keyModel.name() + " has no attribute '" + key + "' to refer to; "
                        + keyModel.name() + " has: " + keyModel.attributeNames());
            }
            if (holder.findColumn(fk) == null) {
                if (holder.isSealed()) {
                    throw new SchemaException(a + ": " + holder.name() + " has no attribute '" + fk
                            + "' and is already sealed by another schema; declare the foreign key on the model");
                }
                implicit.computeIfAbsent(holder, m -> new LinkedHashMap<>()).putIfAbsent(fk, referenced.type());
            }
        }

        private static DataType<?> typeOf(Model m, String attribute, Map<Model, Map<String, DataType<?>>> implicit) {
            Column<?> c = m.findColumn(attribute);
            return c != null ? c.type() : implicit.get(m).get(attribute);
        }

        private void check(Association a, Map<Model, Map<String, DataType<?>>> implicit) {
            if (a.source().findColumn(a.alias()) != null || a.source().findVirtual(a.alias()) != null) {
                throw new SchemaException("Naming collision between attribute '" + a.alias() + "' and association '" + a.alias()
                        + "' on " + a.source().name() + "; give the association another alias");
            }
            Model holder = a.foreignKeyModel();
            checkTypes(a, holder.name() + "." + a.foreignKey(), typeOf(holder, a.foreignKey(), implicit), keyModel(a).column(a.referencedKey()));
            if (a.kind() == Association.Kind.BELONGS_TO_MANY) {
                checkTypes(a, holder.name() + "." + a.otherKey(), typeOf(holder, a.otherKey(), implicit), a.target().column(a.otherReferencedKey()));
            }
        }

        private static void checkTypes(Association a, String fk, DataType<?> fkType, Column<?> key) {
            DataType.Kind f = fkType.kind();
            DataType.Kind k = key.type().kind();
            boolean numeric = isNumeric(f) && isNumeric(k);
            boolean text = isText(f) && isText(k);
            if (f != k && !numeric && !text) {
                throw new SchemaException(a + ": foreign key " + fk + " is " + fkType + " but refers to " + key + " of type " + key.type());
            }
        }

        private static boolean isNumeric(DataType.Kind k) {
            return k == DataType.Kind.INTEGER || k == DataType.Kind.BIGINT || k == DataType.Kind.DECIMAL;
        }

        private static boolean isText(DataType.Kind k) {
            return k == DataType.Kind.STRING || k == DataType.Kind.TEXT;
        }
    }
}
