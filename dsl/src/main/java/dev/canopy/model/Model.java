package dev.canopy.model;

import dev.canopy.error.SchemaException;
import dev.canopy.error.UnknownColumnException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A table seen as a model: a name, a table name, typed columns, a primary key (single or composite) and the
 * naming options of {@link ModelOptions}.
 *
 * <p>Declare a model by extending this class and declaring its columns as fields, as Ktorm and Exposed do; the
 * column factories ({@link #integer}, {@link #string}, ...) register each column in declaration order. From Kotlin:
 * <pre>{@code
 * object Artists : Model("Artist", ModelOptions.defaults().freezeTableName().timestamps(false)) {
 *     val id = integer("ArtistId").primaryKey()
 *     val name = string("Name", 120)
 * }
 * }</pre>
 * Models built at run time (from a models file, or by introspecting a database) use {@link #builder}.
 *
 * <p>A model is sealed when the first {@link Schema} takes it in: the columns Sequelize would add (timestamps,
 * {@code deletedAt}, a foreign key nobody declared) are added, then no column can change. After that a model is
 * immutable and can be shared between threads. A model does not belong to a schema: the same model object can
 * live in several schemas (two tenants, a test schema beside a production one) with different associations; a
 * query is resolved against the schema of the {@code Canopy} that runs it. Models compare by identity: two models
 * are the same model only if they are one object.
 */
public class Model {
    private final String name;
    private final ModelOptions options;
    private final String tableName;
    private final Map<String, Column<?>> columns = new LinkedHashMap<>();
    private final Map<String, VirtualAttribute<?>> virtuals = new LinkedHashMap<>();
    private final Map<String, ModelValidator> validators = new LinkedHashMap<>();
    /** Read on every row a write checks: a view, not a copy (nothing is added once the model is sealed). */
    private final Map<String, ModelValidator> validatorsView = Collections.unmodifiableMap(validators);
    private volatile List<VirtualAttribute<?>> virtualList = List.of();
    private volatile boolean sealed;
    private List<Column<?>> columnList = List.of();
    private List<Column<?>> primaryKey = List.of();

    /** A model named {@code name} with Sequelize's default options (plural table name, timestamps). */
    protected Model(String name) {
        this(name, ModelOptions.defaults());
    }

    /** A model named {@code name}, named and stamped as {@code options} say. */
    protected Model(String name, ModelOptions options) {
        checkIdentifier(Objects.requireNonNull(name, "model name is null"), "model name");
        this.name = name;
        this.options = Objects.requireNonNull(options, "options is null");
        this.tableName = options.tableNameFor(name);
    }

    /** A builder for a model defined at run time, e.g. from a JSON models file. */
    public static Builder builder(String name, ModelOptions options) {
        return new Builder(new Model(name, options));
    }

    // ---- column factories, for the declaring subclass ----------------------------------------------------------

    protected final Column<Integer> integer(String attribute) { return column(attribute, DataType.INTEGER); }
    protected final Column<Long> bigint(String attribute) { return column(attribute, DataType.BIGINT); }
    protected final Column<BigDecimal> decimal(String attribute, int precision, int scale) {
        return column(attribute, DataType.decimal(precision, scale));
    }
    protected final Column<String> string(String attribute) { return column(attribute, DataType.STRING); }
    protected final Column<String> string(String attribute, int length) { return column(attribute, DataType.string(length)); }
    protected final Column<String> text(String attribute) { return column(attribute, DataType.TEXT); }
    /** A boolean column ({@code boolean} is a Java keyword, hence the name). */
    protected final Column<Boolean> bool(String attribute) { return column(attribute, DataType.BOOLEAN); }
    protected final Column<LocalDate> date(String attribute) { return column(attribute, DataType.DATE); }
    protected final Column<LocalDateTime> timestamp(String attribute) { return column(attribute, DataType.TIMESTAMP); }
    protected final Column<UUID> uuid(String attribute) { return column(attribute, DataType.UUID_TYPE); }
    protected final Column<String> json(String attribute) { return column(attribute, DataType.JSON); }

    /** A column of any type; its field is the attribute name, snake_cased when the model is underscored. */
    protected final <T> Column<T> column(String attribute, DataType<T> type) {
        checkIdentifier(Objects.requireNonNull(attribute, "attribute is null"), "attribute of " + name);
        checkOpen("add column " + attribute);
        if (columns.containsKey(attribute) || virtuals.containsKey(attribute)) {
            throw new SchemaException("Model " + name + " already has an attribute named " + attribute);
        }
        Column<T> c = new Column<>(this, attribute, options.fieldFor(attribute), type, true, null, false, false, false, columns.size());
        columns.put(attribute, c);
        return c;
    }

    /**
     * A virtual attribute (Sequelize's {@code DataTypes.VIRTUAL} with a getter): computed by {@code compute} from the
     * attributes {@code dependsOn} when read, never stored and never in SQL. See {@link VirtualAttribute}.
     */
    protected final <T> VirtualAttribute<T> virtual(String attribute, Class<T> type, java.util.function.Function<? super RowView, ? extends @Nullable T> compute,
                                                    Column<?>... dependsOn) {
        checkIdentifier(Objects.requireNonNull(attribute, "attribute is null"), "virtual attribute of " + name);
        checkOpen("add virtual attribute " + attribute);
        if (columns.containsKey(attribute) || virtuals.containsKey(attribute)) {
            throw new SchemaException("Model " + name + " already has an attribute named " + attribute);
        }
        for (Column<?> c : dependsOn) {
            if (c.model() != this) {
                throw new SchemaException("Virtual attribute " + name + "." + attribute + " depends on " + c + ", which is not an attribute of "
                        + name + "; " + name + " has: " + attributeNames());
            }
        }
        VirtualAttribute<T> v = new VirtualAttribute<>(this, attribute, type, compute, List.of(dependsOn));
        virtuals.put(attribute, v);
        virtualList = List.copyOf(virtuals.values());
        return v;
    }

    /**
     * A check of the row as a whole, run before any SQL of a write after the attribute validators (Sequelize's model
     * {@code validate}); see {@link ModelValidator}.
     */
    protected final void validate(String validatorName, ModelValidator validator) {
        Objects.requireNonNull(validatorName, "validator name is null");
        Objects.requireNonNull(validator, "validator is null");
        checkOpen("add model validator " + validatorName);
        if (validators.putIfAbsent(validatorName, validator) != null) {
            throw new SchemaException("Model " + name + " already has a validator named " + validatorName);
        }
    }

    /** The virtual attributes, in declaration order. */
    public final List<VirtualAttribute<?>> virtualAttributes() {
        return virtualList;
    }

    /** The virtual attribute with a name, or null. */
    public final @Nullable VirtualAttribute<?> findVirtual(String attribute) {
        return virtuals.get(attribute);
    }

    /** The model-level validators by name, in declaration order. */
    public final Map<String, ModelValidator> validators() {
        return validatorsView;
    }

    <T> Column<T> replace(Column<T> old, Column<T> replacement) {
        checkOpen("change column " + old.name());
        if (columns.get(old.name()) != old) {
            throw new SchemaException("Column " + old + " is not the current declaration of that attribute; chain its modifiers on the declaration");
        }
        columns.put(old.name(), replacement);
        return replacement;
    }

    private void checkOpen(String what) {
        if (sealed) {
            throw new SchemaException("Model " + name + " is sealed (it belongs to a schema); cannot " + what
                    + ". Declare columns where the model is declared.");
        }
    }

    /** Adds a column Sequelize would add on its own (timestamps, a foreign key nobody declared). Before sealing only. */
    <T> Column<T> addImplicit(String attribute, DataType<T> type, boolean allowNull) {
        Column<T> c = column(attribute, type);
        return allowNull ? c : c.notNull();
    }

    /**
     * Completes the model: adds the foreign keys a schema found missing ({@code implicit}: attribute and type, in the
     * order given), the timestamp and {@code deletedAt} columns its options ask for, then freezes the column list.
     * Called by {@link Schema.Builder#build()} after every check has passed, so a failed build seals nothing.
     */
    synchronized void seal(Map<String, DataType<?>> implicit) {
        if (sealed) {
            return;
        }
        for (Map.Entry<String, DataType<?>> fk : implicit.entrySet()) {
            if (!columns.containsKey(fk.getKey())) {
                addImplicit(fk.getKey(), fk.getValue(), true);
            }
        }
        if (options.hasTimestamps()) {
            for (String stamp : List.of("createdAt", "updatedAt")) {
                if (!columns.containsKey(stamp)) {
                    addImplicit(stamp, DataType.TIMESTAMP, false);
                }
            }
        }
        if (options.isParanoid() && !columns.containsKey("deletedAt")) {
            addImplicit("deletedAt", DataType.TIMESTAMP, true);
        }
        String version = options.versionAttribute();
        if (version != null && !columns.containsKey(version)) {
            Column<Integer> unused = addImplicit(version, DataType.INTEGER, false).defaultValue(0);   // replaces itself in the model
        }
        List<Column<?>> list = new ArrayList<>(columns.values());
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).index() != i) {
                Column<?> c = list.get(i).withIndex(i);
                list.set(i, c);
                columns.put(c.name(), c);
            }
        }
        columnList = Collections.unmodifiableList(list);
        primaryKey = list.stream().filter(Column::isPrimaryKey).collect(Collectors.toUnmodifiableList());
        sealed = true;
    }

    /** Whether a schema has taken this model in, so its columns are final. */
    public final boolean isSealed() {
        return sealed;
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    public final String name() { return name; }
    public final ModelOptions options() { return options; }
    public final String tableName() { return tableName; }

    /** Every column, in declaration order (timestamps and implicit foreign keys last). */
    public final List<Column<?>> columns() {
        return sealed ? columnList : List.copyOf(columns.values());
    }

    /** The primary-key columns, in declaration order; empty for a model without a key. */
    public final List<Column<?>> primaryKey() {
        return sealed ? primaryKey : columns.values().stream().filter(Column::isPrimaryKey).collect(Collectors.toUnmodifiableList());
    }

    /** The column with an attribute name, or null. */
    public final @Nullable Column<?> findColumn(String attribute) {
        return columns.get(attribute);
    }

    /**
     * The column with an attribute name.
     *
     * @throws UnknownColumnException naming the model and the attributes it has
     */
    public final Column<?> column(String attribute) {
        Column<?> c = columns.get(attribute);
        if (c == null) {
            throw new UnknownColumnException("Model " + name + " has no attribute '" + attribute + "'; " + name + " has: "
                    + String.join(", ", columns.keySet()));
        }
        return c;
    }

    /** The column stored in a table column, or null. */
    public final @Nullable Column<?> findColumnByField(String field) {
        for (Column<?> c : columns.values()) {
            if (c.field().equals(field)) {
                return c;
            }
        }
        return null;
    }

    /** The names of the attributes, for messages. */
    public final String attributeNames() {
        return String.join(", ", columns.keySet());
    }

    static void checkIdentifier(String name, String what) {
        if (!Naming.isValidIdentifier(name)) {
            throw new SchemaException("The " + what + " '" + name + "' is not a valid identifier");
        }
    }

    @Override public final boolean equals(@Nullable Object o) { return this == o; }
    @Override public final int hashCode() { return System.identityHashCode(this); }
    @Override public String toString() { return name; }

    /** Builds a model at run time: columns are added by name and type. */
    public static final class Builder {
        private final Model model;

        private Builder(Model model) {
            this.model = model;
        }

        /** Adds a column; {@code spec} may change it: {@code c -> c.primaryKey().field("track_id")}. */
        public <T> Builder column(String attribute, DataType<T> type, UnaryOperator<Column<T>> spec) {
            Column<T> c = model.column(attribute, type);
            Column<T> done = spec.apply(c);
            if (model.columns.get(attribute) != done) {
                throw new SchemaException("The spec of column " + model.name + "." + attribute + " must return the column it was given, modified");
            }
            return this;
        }

        public <T> Builder column(String attribute, DataType<T> type) {
            model.column(attribute, type);
            return this;
        }

        /** Adds a virtual attribute computed from attributes added before (see {@link Model#virtual}). */
        public <T> Builder virtual(String attribute, Class<T> type, java.util.function.Function<? super RowView, ? extends @Nullable T> compute,
                                   String... dependsOn) {
            Column<?>[] deps = new Column<?>[dependsOn.length];
            for (int i = 0; i < deps.length; i++) {
                deps[i] = model.column(dependsOn[i]);
            }
            VirtualAttribute<T> unused = model.virtual(attribute, type, compute, deps);
            return this;
        }

        /** Adds a model-level validator (see {@link Model#validate}). */
        public Builder validate(String name, ModelValidator validator) {
            model.validate(name, validator);
            return this;
        }

        public Model build() {
            return model;
        }
    }
}
