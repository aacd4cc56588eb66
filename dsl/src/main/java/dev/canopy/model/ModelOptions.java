package dev.canopy.model;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a model names its table and columns, and which bookkeeping columns it has. Sequelize's defaults:
 * plural table name, camelCase columns, {@code timestamps} on ({@code createdAt}, {@code updatedAt}),
 * {@code paranoid} off. Immutable: every method returns a new value.
 */
@CheckReturnValue
public final class ModelOptions {
    private static final ModelOptions DEFAULTS = new ModelOptions(null, false, false, true, false, null);

    private final @Nullable String table;
    private final boolean freezeTableName;
    private final boolean underscored;
    private final boolean timestamps;
    private final boolean paranoid;
    private final @Nullable String version;

    private ModelOptions(@Nullable String table, boolean freezeTableName, boolean underscored, boolean timestamps, boolean paranoid,
                         @Nullable String version) {
        this.table = table;
        this.freezeTableName = freezeTableName;
        this.underscored = underscored;
        this.timestamps = timestamps;
        this.paranoid = paranoid;
        this.version = version;
    }

    /** Sequelize's defaults: plural table name, camelCase columns, timestamps on, not paranoid. */
    public static ModelOptions defaults() {
        return DEFAULTS;
    }

    /** The table's name, exactly as given (Sequelize's {@code tableName}). */
    public ModelOptions table(String table) {
        Objects.requireNonNull(table, "table is null");
        if (!Naming.isValidIdentifier(table)) {
            throw new IllegalArgumentException("table name '" + table + "' is not a valid identifier");
        }
        return new ModelOptions(table, freezeTableName, underscored, timestamps, paranoid, version);
    }

    /** Name the table exactly like the model, not its plural (Sequelize's {@code freezeTableName}). */
    public ModelOptions freezeTableName() {
        return new ModelOptions(table, true, underscored, timestamps, paranoid, version);
    }

    /** snake_case column names for camelCase attributes ({@code organizationId} is stored in {@code organization_id}). */
    public ModelOptions underscored() {
        return underscored(true);
    }

    public ModelOptions underscored(boolean on) {
        return new ModelOptions(table, freezeTableName, on, timestamps, paranoid, version);
    }

    /** Whether the model has {@code createdAt} and {@code updatedAt}. */
    public ModelOptions timestamps(boolean on) {
        return new ModelOptions(table, freezeTableName, underscored, on, paranoid && on, version);
    }

    /**
     * Soft deletes: a {@code deletedAt} column, and queries that leave out rows where it is set unless asked
     * ({@code Query.paranoid(false)}). Implies timestamps, as in Sequelize.
     */
    public ModelOptions paranoid() {
        return new ModelOptions(table, freezeTableName, underscored, true, true, version);
    }

    /**
     * Optimistic locking (Sequelize's {@code version: true}): an integer attribute, added when not declared, that every
     * update through Canopy increments; an update of an entity read at an older version fails with
     * {@link dev.canopy.error.StaleRowException} instead of overwriting the newer row.
     */
    public ModelOptions version(String attribute) {
        Objects.requireNonNull(attribute, "version attribute is null");
        if (!Naming.isValidIdentifier(attribute)) {
            throw new IllegalArgumentException("version attribute '" + attribute + "' is not a valid identifier");
        }
        return new ModelOptions(table, freezeTableName, underscored, timestamps, paranoid, attribute);
    }

    /** The optimistic-locking attribute, or null when the model has none. */
    public @Nullable String versionAttribute() { return version; }

    public @Nullable String table() { return table; }
    public boolean isFreezeTableName() { return freezeTableName; }
    public boolean isUnderscored() { return underscored; }
    public boolean hasTimestamps() { return timestamps; }
    public boolean isParanoid() { return paranoid; }

    /** The table name a model with this name gets. */
    public String tableNameFor(String modelName) {
        if (table != null) {
            return table;
        }
        if (freezeTableName) {
            return modelName;
        }
        String plural = Naming.plural(modelName);
        return underscored ? Naming.snake(plural) : plural;
    }

    /** The column name an attribute gets when none is given. */
    public String fieldFor(String attribute) {
        return underscored ? Naming.snake(attribute) : attribute;
    }

    @Override public boolean equals(@Nullable Object o) {
        if (!(o instanceof ModelOptions)) {
            return false;
        }
        ModelOptions m = (ModelOptions) o;
        return Objects.equals(table, m.table) && freezeTableName == m.freezeTableName && underscored == m.underscored
                && timestamps == m.timestamps && paranoid == m.paranoid
                && Objects.equals(version, m.version);
    }

    @Override public int hashCode() { return Objects.hash(table, freezeTableName, underscored, timestamps, paranoid, version); }

    @Override public String toString() {
        return "ModelOptions{table=" + table + ", freezeTableName=" + freezeTableName + ", underscored=" + underscored
                + ", timestamps=" + timestamps + ", paranoid=" + paranoid + (version == null ? "" : ", version=" + version) + "}";
    }
}
