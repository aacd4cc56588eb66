package dev.canopy.model;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.error.SchemaException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An association between two models, with Sequelize's four kinds and defaults. A value: every option returns a
 * new association. Declare them as constants and hand them to a {@link Schema}, which fills in the defaults,
 * adds foreign-key columns that nobody declared, and checks that the keys exist:
 * <pre>{@code
 * static final Association ARTIST_ALBUMS = Association.hasMany(ARTIST, ALBUM).alias("albums").foreignKey("ArtistId");
 * static final Association ALBUM_ARTIST = Association.belongsTo(ALBUM, ARTIST).alias("artist").foreignKey("ArtistId");
 * static final Association PLAYLIST_TRACKS =
 *         Association.belongsToMany(PLAYLIST, TRACK, PLAYLIST_TRACK).alias("tracks").foreignKey("PlaylistId").otherKey("TrackId");
 * }</pre>
 *
 * <p>Defaults, as in Sequelize: the alias of a to-one association is the target's name ({@code Artist}), of a to-many
 * one the target's plural ({@code Albums}); a belongsTo's foreign key is {@code alias + targetKey}
 * ({@code artistArtistId} for alias {@code artist} and key {@code ArtistId}, {@code userId} for alias {@code user}
 * and key {@code id}); a hasOne/hasMany's is {@code sourceName + sourceKey} ({@code UserId} for model {@code User});
 * a belongsToMany's two keys are built the same way from each side. Keys reference the primary key unless
 * {@code sourceKey}/{@code targetKey} say otherwise. Where Canopy differs: association keys are single columns.
 *
 * <p><b>Declared and resolved.</b> An association built with the factories is a declaration. {@link Schema.Builder#build()}
 * resolves each one once into an association that also carries its {@link Keys}: the columns it joins on, on both
 * sides and in the junction. Everything downstream (the planner, writes, DDL, JSON, introspection, translation)
 * reads those keys, so the direction of a join is worked out in one place. The associations a {@link Schema}
 * returns are resolved; a declared one is resolved by {@link Schema#resolve(Association)}. Declared and resolved
 * forms of one association are equal: equality is by declaration.
 */
@CheckReturnValue
public final class Association {
    /** Sequelize's four association kinds. */
    public enum Kind {
        BELONGS_TO, HAS_ONE, HAS_MANY, BELONGS_TO_MANY;

        /** Whether the target side may hold many rows per source row. */
        public boolean isToMany() {
            return this == HAS_MANY || this == BELONGS_TO_MANY;
        }
    }

    private final Kind kind;
    private final Model source;
    private final Model target;
    private final @Nullable Model through;
    private final @Nullable String alias;
    private final @Nullable String foreignKey;
    private final @Nullable String otherKey;
    private final @Nullable String sourceKey;
    private final @Nullable String targetKey;
    private final @Nullable ReferentialAction onDelete;
    private final @Nullable ReferentialAction onUpdate;
    private final boolean constraints;
    private final @Nullable Keys keys;

    /**
     * How a resolved association joins. Without a junction the join is {@code source.source = target.target}; a
     * belongsToMany joins {@code source.source = junction.throughSource} and {@code junction.throughTarget =
     * target.target}.
     *
     * @param source        the source's column: the foreign key of a belongsTo, the referenced key otherwise
     * @param target        the target's column: the referenced key of a belongsTo or belongsToMany, the foreign key
     *                      of a hasOne or hasMany
     * @param throughSource belongsToMany: the junction's column that refers to {@code source}; null otherwise
     * @param throughTarget belongsToMany: the junction's column that refers to {@code target}; null otherwise
     */
    public record Keys(Column<?> source, Column<?> target, @Nullable Column<?> throughSource, @Nullable Column<?> throughTarget) {}

    private Association(Kind kind, Model source, Model target, @Nullable Model through, @Nullable String alias,
                        @Nullable String foreignKey, @Nullable String otherKey, @Nullable String sourceKey,
                        @Nullable String targetKey, @Nullable ReferentialAction onDelete,
                        @Nullable ReferentialAction onUpdate, boolean constraints) {
        this(kind, source, target, through, alias, foreignKey, otherKey, sourceKey, targetKey, onDelete, onUpdate, constraints, null);
    }

    private Association(Kind kind, Model source, Model target, @Nullable Model through, @Nullable String alias,
                        @Nullable String foreignKey, @Nullable String otherKey, @Nullable String sourceKey,
                        @Nullable String targetKey, @Nullable ReferentialAction onDelete,
                        @Nullable ReferentialAction onUpdate, boolean constraints, @Nullable Keys keys) {
        this.keys = keys;
        this.kind = kind;
        this.source = Objects.requireNonNull(source, "source is null");
        this.target = Objects.requireNonNull(target, "target is null");
        this.through = through;
        this.alias = alias;
        this.foreignKey = foreignKey;
        this.otherKey = otherKey;
        this.sourceKey = sourceKey;
        this.targetKey = targetKey;
        this.onDelete = onDelete;
        this.onUpdate = onUpdate;
        this.constraints = constraints;
    }

    /** {@code source} holds a foreign key to {@code target}: an album belongs to an artist. */
    public static Association belongsTo(Model source, Model target) {
        return new Association(Kind.BELONGS_TO, source, target, null, null, null, null, null, null, null, null, true);
    }

    /** {@code target} holds a foreign key to {@code source}, at most one row: a user has one profile. */
    public static Association hasOne(Model source, Model target) {
        return new Association(Kind.HAS_ONE, source, target, null, null, null, null, null, null, null, null, true);
    }

    /** {@code target} holds a foreign key to {@code source}: an artist has many albums. */
    public static Association hasMany(Model source, Model target) {
        return new Association(Kind.HAS_MANY, source, target, null, null, null, null, null, null, null, null, true);
    }

    /** Many to many through a junction model holding a key to each side: a playlist has many tracks and vice versa. */
    public static Association belongsToMany(Model source, Model target, Model through) {
        Objects.requireNonNull(through, "through is null");
        return new Association(Kind.BELONGS_TO_MANY, source, target, through, null, null, null, null, null, null, null, true);
    }

    private Association with(@Nullable String alias, @Nullable String foreignKey, @Nullable String otherKey,
                             @Nullable String sourceKey, @Nullable String targetKey, @Nullable ReferentialAction onDelete,
                             @Nullable ReferentialAction onUpdate, boolean constraints) {
        return new Association(kind, source, target, through, alias, foreignKey, otherKey, sourceKey, targetKey, onDelete, onUpdate, constraints);
    }

    /**
     * The alias an include names this association by (Sequelize's {@code as}; named {@code alias} because
     * {@code as} is a Kotlin keyword).
     */
    public Association alias(String alias) {
        Model.checkIdentifier(Objects.requireNonNull(alias, "alias is null"), "alias");
        return with(alias, foreignKey, otherKey, sourceKey, targetKey, onDelete, onUpdate, constraints);
    }

    /**
     * The foreign key's attribute: on the source for belongsTo, on the target for hasOne/hasMany, on the junction
     * (pointing at the source) for belongsToMany.
     */
    public Association foreignKey(String attribute) {
        return with(alias, Objects.requireNonNull(attribute, "foreignKey is null"), otherKey, sourceKey, targetKey, onDelete, onUpdate, constraints);
    }

    public Association foreignKey(Column<?> column) {
        return foreignKey(column.name());
    }

    /** belongsToMany only: the junction's attribute that points at the target. */
    public Association otherKey(String attribute) {
        return with(alias, foreignKey, Objects.requireNonNull(attribute, "otherKey is null"), sourceKey, targetKey, onDelete, onUpdate, constraints);
    }

    public Association otherKey(Column<?> column) {
        return otherKey(column.name());
    }

    /** hasOne/hasMany/belongsToMany: the source attribute the foreign key refers to (default: the source's primary key). */
    public Association sourceKey(String attribute) {
        return with(alias, foreignKey, otherKey, Objects.requireNonNull(attribute, "sourceKey is null"), targetKey, onDelete, onUpdate, constraints);
    }

    public Association sourceKey(Column<?> column) {
        return sourceKey(column.name());
    }

    /** belongsTo/belongsToMany: the target attribute the foreign key refers to (default: the target's primary key). */
    public Association targetKey(String attribute) {
        return with(alias, foreignKey, otherKey, sourceKey, Objects.requireNonNull(attribute, "targetKey is null"), onDelete, onUpdate, constraints);
    }

    public Association targetKey(Column<?> column) {
        return targetKey(column.name());
    }

    public Association onDelete(ReferentialAction action) {
        return with(alias, foreignKey, otherKey, sourceKey, targetKey, Objects.requireNonNull(action, "onDelete is null"), onUpdate, constraints);
    }

    public Association onUpdate(ReferentialAction action) {
        return with(alias, foreignKey, otherKey, sourceKey, targetKey, onDelete, Objects.requireNonNull(action, "onUpdate is null"), constraints);
    }

    /** Whether {@code sync} creates a foreign-key constraint for this association (Sequelize's {@code constraints}). */
    public Association constraints(boolean on) {
        return with(alias, foreignKey, otherKey, sourceKey, targetKey, onDelete, onUpdate, on);
    }

    // ---- reading: declared values with Sequelize's defaults ------------------------------------------------------

    public Kind kind() { return kind; }
    public Model source() { return source; }
    public Model target() { return target; }
    public @Nullable Model through() { return through; }
    public boolean isToMany() { return kind.isToMany(); }
    public boolean constraints() { return constraints; }

    /** The alias, or Sequelize's default: the target's name, plural for to-many kinds. */
    public String alias() {
        if (alias != null) {
            return alias;
        }
        return kind.isToMany() ? Naming.plural(target.name()) : target.name();
    }

    /** The model that holds {@link #foreignKey()}: the source, the target or the junction. */
    public Model foreignKeyModel() {
        switch (kind) {
            case BELONGS_TO: return source;
            case BELONGS_TO_MANY: return Objects.requireNonNull(through);
            default: return target;
        }
    }

    /** The attribute of the referenced key on the "one" side: the target's for belongsTo, the source's otherwise. */
    public String referencedKey() {
        if (kind == Kind.BELONGS_TO) {
            return targetKey != null ? targetKey : singleKey(target, "targetKey");
        }
        return sourceKey != null ? sourceKey : singleKey(source, "sourceKey");
    }

    /** The foreign key attribute, declared or by Sequelize's default. */
    public String foreignKey() {
        if (foreignKey != null) {
            return foreignKey;
        }
        if (kind == Kind.BELONGS_TO) {
            return Naming.camelJoin(alias(), referencedKey());
        }
        return Naming.camelJoin(source.name(), referencedKey());
    }

    /** belongsToMany: the junction's attribute pointing at the target. */
    public String otherKey() {
        if (kind != Kind.BELONGS_TO_MANY) {
            throw new SchemaException("otherKey is defined for belongsToMany only; " + this + " is " + kind);
        }
        return otherKey != null ? otherKey : Naming.camelJoin(target.name(), otherReferencedKey());
    }

    /** belongsToMany: the target's attribute that {@link #otherKey()} refers to. */
    public String otherReferencedKey() {
        return targetKey != null ? targetKey : singleKey(target, "targetKey");
    }

    /** onDelete, or Sequelize's default: CASCADE for belongsToMany, SET NULL otherwise. */
    public ReferentialAction onDelete() {
        if (onDelete != null) {
            return onDelete;
        }
        return kind == Kind.BELONGS_TO_MANY ? ReferentialAction.CASCADE : ReferentialAction.SET_NULL;
    }

    /** onUpdate, or Sequelize's default: CASCADE. */
    public ReferentialAction onUpdate() {
        return onUpdate != null ? onUpdate : ReferentialAction.CASCADE;
    }

    /** Whether a schema resolved this association (so {@link #keys()} answers). */
    public boolean isResolved() {
        return keys != null;
    }

    /**
     * The columns this association joins on, as its schema resolved them.
     *
     * @throws SchemaException for a declaration no schema has resolved
     */
    public Keys keys() {
        if (keys == null) {
            throw new SchemaException(this + " is a declaration; read it from the Schema that holds it (schema.resolve(association))");
        }
        return keys;
    }

    /** The foreign-key column, on whichever model holds it (the source, the target or the junction). Resolved only. */
    public Column<?> foreignKeyColumn() {
        Keys k = keys();
        switch (kind) {
            case BELONGS_TO: return k.source();
            case BELONGS_TO_MANY: return Objects.requireNonNull(k.throughSource());
            default: return k.target();
        }
    }

    /** The column {@link #foreignKeyColumn()} refers to. Resolved only. */
    public Column<?> referencedKeyColumn() {
        Keys k = keys();
        return kind == Kind.BELONGS_TO ? k.target() : k.source();
    }

    /** This declaration with its keys resolved; only a schema does this, once its models are sealed. */
    Association resolved() {
        Column<?> referenced = (kind == Kind.BELONGS_TO ? target : source).column(referencedKey());
        Column<?> fk = foreignKeyModel().column(foreignKey());
        Keys k;
        switch (kind) {
            case BELONGS_TO: k = new Keys(fk, referenced, null, null); break;
            case BELONGS_TO_MANY: k = new Keys(referenced, target.column(otherReferencedKey()), fk,
                    Objects.requireNonNull(through).column(otherKey())); break;
            default: k = new Keys(referenced, fk, null, null); break;
        }
        return new Association(kind, source, target, through, alias, foreignKey, otherKey, sourceKey, targetKey, onDelete, onUpdate,
                constraints, k);
    }

    /** Whether this declaration names the same association as {@code other}: same kind, models and alias. */
    boolean sameAs(Association other) {
        return kind == other.kind && source == other.source && target == other.target && alias().equals(other.alias());
    }

    private static String singleKey(Model model, String option) {
        var pk = model.primaryKey();
        if (pk.size() != 1) {
            throw new SchemaException("Model " + model.name() + " has " + (pk.isEmpty() ? "no primary key" : "a composite primary key")
                    + "; name the key this association refers to with " + option + "(...)");
        }
        return pk.get(0).name();
    }

    @Override public boolean equals(@Nullable Object o) {
        if (!(o instanceof Association)) {
            return false;
        }
        Association a = (Association) o;
        return kind == a.kind && source == a.source && target == a.target && through == a.through
                && Objects.equals(alias, a.alias) && Objects.equals(foreignKey, a.foreignKey) && Objects.equals(otherKey, a.otherKey)
                && Objects.equals(sourceKey, a.sourceKey) && Objects.equals(targetKey, a.targetKey)
                && onDelete == a.onDelete && onUpdate == a.onUpdate && constraints == a.constraints;
    }

    @Override public int hashCode() {
        return Objects.hash(kind, System.identityHashCode(source), System.identityHashCode(target), alias, foreignKey);
    }

    /** {@code Artist.hasMany(Album as albums)}. */
    @Override public String toString() {
        String k = kind == Kind.BELONGS_TO ? "belongsTo" : kind == Kind.HAS_ONE ? "hasOne" : kind == Kind.HAS_MANY ? "hasMany" : "belongsToMany";
        return source.name() + "." + k + "(" + target.name() + (through != null ? " through " + through.name() : "") + " as " + alias() + ")";
    }
}
