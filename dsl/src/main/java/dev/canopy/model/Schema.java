package dev.canopy.model;

import dev.canopy.error.AssociationNotFoundException;
import dev.canopy.error.SchemaException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private Schema(Map<String, Model> models, List<Association> associations) {
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

        private Builder() {}

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
            return new Schema(new LinkedHashMap<>(models), resolved);
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
            if (a.source().findColumn(a.alias()) != null) {
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
