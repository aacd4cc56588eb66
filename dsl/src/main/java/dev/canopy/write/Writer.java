package dev.canopy.write;

import dev.canopy.error.InvalidValuesException;
import dev.canopy.error.StaleRowException;
import dev.canopy.exec.Executor;
import dev.canopy.result.Entity;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import dev.canopy.query.Condition;
import dev.canopy.query.Include;
import dev.canopy.query.Query;
import dev.canopy.render.Renderer;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The write path behind {@link dev.canopy.Canopy}'s {@code create}, {@code bulkCreate}, {@code update},
 * {@code destroy}, {@code restore}, {@code upsert} and {@code increment}: checks values, plans the statements, runs
 * them, keeping the rendered SQL of multi-row inserts by shape. It does not open transactions (the facade does: every write is one transaction, or a savepoint of the
 * caller's) and does not read results back: it returns the {@link Query} that reads what it wrote, in the shape
 * {@code findAll} returns. Thread-safe.
 */
public final class Writer {
    private final Executor executor;
    private final Renderer renderer;
    private final Clock clock;
    private final Inserter.SqlCache insertSql = new Inserter.SqlCache();

    static {
        dev.canopy.internal.Factories.register((dev.canopy.internal.Factories.Writers) Writer::new);
    }

    Writer(Executor executor, Renderer renderer, Clock clock) {
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.renderer = Objects.requireNonNull(renderer, "renderer is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** One clock reading per write call, in UTC, to the microsecond that every database keeps. */
    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(java.time.ZoneOffset.UTC)).truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Inserts a row with everything nested under it; returns the query that reads it back with the same nesting.
     */
    public Query create(Schema schema, Model model, Values values) {
        RowChecker checker = new RowChecker(schema, true);
        Row root = checker.check(model, values, true, true);
        checker.throwIfInvalid();
        graph().insertAll(model, List.of(root), null);
        return readBack(model, List.of(root));
    }

    /** Inserts many rows (each may have nested rows) in batches under the bind limit; returns the root rows the database counted. */
    public int bulkCreate(Schema schema, Model model, List<Values> rows, BulkOptions options) {
        RowChecker checker = new RowChecker(schema, true);
        List<Row> checked = new ArrayList<>(rows.size());
        boolean nested = false;
        for (Values v : rows) {
            Row r = checker.check(model, v, true, true);
            nested |= !r.nested.isEmpty();
            checked.add(r);
        }
        checker.throwIfInvalid();
        Inserter.OnConflict conflict = conflict(model, options);
        if (conflict != null && nested) {
            throw new InvalidValuesException("bulkCreate of " + model.name() + " with nested rows cannot also ignore or update "
                    + "duplicates: the keys of skipped rows are unknown, so their children could not be linked");
        }
        return graph().insertAll(model, checked, conflict);
    }

    /**
     * Inserts many rows (each may have nested rows), as {@link #bulkCreate} without duplicate options does, and returns
     * the queries that read them back with their nesting, {@link #keysPerStatement} roots to a query so that none passes
     * a database's bind limit: for a bulkCreate whose {@code afterCreate} hooks run per row.
     */
    public List<Query> bulkCreateReturning(Schema schema, Model model, List<Values> rows) {
        RowChecker checker = new RowChecker(schema, true);
        List<Row> checked = new ArrayList<>(rows.size());
        for (Values v : rows) {
            checked.add(checker.check(model, v, true, true));
        }
        checker.throwIfInvalid();
        if (checked.isEmpty()) {
            return List.of();
        }
        graph().insertAll(model, checked, null);
        List<Query> reads = new ArrayList<>();
        int size = keysPerStatement(model);
        for (int from = 0; from < checked.size(); from += size) {
            reads.add(readBack(model, checked.subList(from, Math.min(checked.size(), from + size))));
        }
        return reads;
    }

    /** How many values of a one-column key one statement names, in one {@code IN} list. */
    public static final int KEYS_PER_STATEMENT = 1000;
    /**
     * How many composite keys (or, for a model without one, rows' values) one statement names, as an OR of tuples: an
     * OR chain is as deep as it is long, and SQLite refuses expressions deeper than 1,000.
     */
    public static final int TUPLES_PER_STATEMENT = 250;

    /** How many of a model's rows one statement names by key: {@link #KEYS_PER_STATEMENT} or {@link #TUPLES_PER_STATEMENT}. */
    public static int keysPerStatement(Model model) {
        return model.primaryKey().size() == 1 ? KEYS_PER_STATEMENT : TUPLES_PER_STATEMENT;
    }

    private static Inserter.@Nullable OnConflict conflict(Model model, BulkOptions options) {
        if (!options.isIgnoreDuplicates() && options.updateOnDuplicateAttributes().isEmpty()) {
            return null;
        }
        List<Column<?>> target = options.conflictAttributes().isEmpty() ? model.primaryKey()
                : RowChecker.columns(model, options.conflictAttributes(), "conflict of bulkCreate");
        List<Column<?>> update = new ArrayList<>(RowChecker.columns(model, options.updateOnDuplicateAttributes(), "updateOnDuplicate"));
        Column<?> updated = Stamps.updatedAt(model);
        if (!update.isEmpty() && updated != null && !update.contains(updated)) {
            update.add(updated);
        }
        return new Inserter.OnConflict(target, options.isIgnoreDuplicates(), update, update.isEmpty() ? null : Stamps.version(model));
    }

    /** Updates the rows {@code where} matches; returns how many changed. */
    public int update(Schema schema, Model model, Values values, @Nullable Where where) {
        Updater.require(model, where, "update");
        Row row = checked(schema, model, values, false);
        return updater().update(model, row, where, null, now());
    }

    /**
     * Updates one entity by its primary key; with a version attribute, only if the row still has the entity's version.
     *
     * @throws StaleRowException when the row changed (or went) since the entity was read
     */
    public Query update(Schema schema, Entity entity, Values values) {
        Model model = entity.model();
        Row row = checked(schema, model, values, false);
        Condition key = keyCondition(model, entity);
        Column<?> version = Stamps.version(model);
        org.jooq.Condition extra = null;
        if (version != null) {
            Object seen = entity.get(version.name());
            extra = seen == null ? Tables.field(version).isNull() : Tables.field(version).eq(Tables.val(version, seen));
        }
        int n = updater().update(model, row, Where.of(key), extra, now());
        if (n == 0) {
            throw new StaleRowException(model.name() + " " + keyText(model, entity) + (version == null ? " no longer exists"
                    : " was changed or deleted since it was read at " + version.name() + " " + entity.get(version.name())));
        }
        return Query.from(model).unscoped().where(key);
    }

    /** Destroys the rows {@code where} matches: soft for a paranoid model (unless forced), for real otherwise. */
    public int destroy(Model model, @Nullable Where where) {
        where = Updater.require(model, where, "destroy");
        Column<?> deletedAt = Stamps.deletedAt(model);
        if (deletedAt != null && !where.isForce()) {
            return updater().softDestroy(model, deletedAt, where, now());
        }
        return updater().delete(model, where.paranoid(false));
    }

    /** Clears {@code deletedAt} of the soft-deleted rows {@code where} matches. */
    public int restore(Model model, @Nullable Where where) {
        where = Updater.require(model, where, "restore");
        Column<?> deletedAt = Stamps.deletedAt(model);
        if (deletedAt == null) {
            throw new InvalidValuesException(model.name() + " is not paranoid; it has no soft-deleted rows to restore");
        }
        return updater().restore(model, deletedAt, where);
    }

    /** Adds {@code by} to each column (a negative amount decrements); returns the rows changed. */
    public int increment(Model model, Map<Column<?>, Number> by, @Nullable Where where) {
        Updater.require(model, where, "increment");
        for (Column<?> c : by.keySet()) {
            if (c.model() != model) {
                throw new InvalidValuesException(c + " is not a column of " + model.name() + "; " + model.name() + " has: " + model.attributeNames());
            }
        }
        return updater().increment(model, by, where, now());
    }

    /**
     * Inserts a row, or updates the existing row that has the same {@code conflict} attributes (every other attribute
     * given, and {@code updatedAt}); jOOQ renders it per dialect: {@code ON CONFLICT}, {@code ON DUPLICATE KEY UPDATE},
     * {@code MERGE}. Returns the query that reads the row by its conflict attributes.
     */
    public Query upsert(Schema schema, Model model, Values values, List<String> conflictAttributes) {
        Row row = checked(schema, model, values, true);
        List<Column<?>> target = conflictAttributes.isEmpty() ? model.primaryKey()
                : RowChecker.columns(model, conflictAttributes, "conflict of upsert");
        if (target.isEmpty()) {
            throw new InvalidValuesException("upsert of " + model.name() + " needs conflict attributes: it has no primary key");
        }
        List<Condition> match = new ArrayList<>();
        for (Column<?> c : target) {
            if (!row.has(c) || row.get(c) == null) {
                throw new InvalidValuesException("upsert of " + model.name() + " on (" + names(target) + ") needs a value for " + c.name());
            }
            match.add(eq(c, row.get(c)));
        }
        LocalDateTime now = now();
        Stamps.onCreate(row, now);
        List<Column<?>> update = new ArrayList<>();
        Column<?> created = Stamps.createdAt(model);
        Column<?> version = Stamps.version(model);
        for (Column<?> c : row.values.keySet()) {
            if (!target.contains(c) && !c.equals(created) && !c.equals(version)) {
                update.add(c);
            }
        }
        new Inserter(executor, renderer, insertSql).insert(model, List.of(row), new Inserter.OnConflict(target, update.isEmpty(), update, version));
        return Query.from(model).unscoped().paranoid(false).where(Condition.and(match));
    }

    /** The query that finds the rows {@code values} name by their attributes (for findOrCreate). */
    public static Query finder(Model model, Values values) {
        List<Condition> parts = new ArrayList<>();
        for (Map.Entry<String, @Nullable Object> e : values.attributes().entrySet()) {
            Column<?> c = model.findColumn(e.getKey());
            if (c == null) {
                throw new InvalidValuesException(model.name() + " has no attribute '" + e.getKey() + "'; " + model.name() + " has: "
                        + model.attributeNames());
            }
            parts.add(eq(c, Coercion.coerce(c, e.getValue())));
        }
        if (parts.isEmpty()) {
            throw new InvalidValuesException("findOrCreate of " + model.name() + " needs at least one attribute to find by");
        }
        return Query.from(model).where(Condition.and(parts));
    }

    /** One row without nested rows, checked and validated (all failures at once) before any SQL. */
    private static Row checked(Schema schema, Model model, Values values, boolean creating) {
        RowChecker checker = new RowChecker(schema, creating);
        Row row = checker.check(model, values, true, false);
        checker.throwIfInvalid();
        return row;
    }

    private GraphWriter graph() {
        return new GraphWriter(new Inserter(executor, renderer, insertSql), updater(), now());
    }

    private Updater updater() {
        return new Updater(executor, renderer);
    }

    // ---- hooks: the Canopy facade runs them through here, inside the write's transaction (see Hooks) -----------------

    /** {@link Hooks}' beforeCreate of the row and of the rows nested under it. */
    public Values beforeCreate(Hooks hooks, Schema schema, Model model, Values values) { return hooks.beforeCreate(schema, model, values); }
    public void afterCreate(Hooks hooks, Model model, Entity created) { hooks.afterCreate(model, created); }
    public List<Values> beforeBulkCreate(Hooks hooks, Model model, List<Values> rows) { return hooks.beforeBulkCreate(model, rows); }
    public void afterBulkCreate(Hooks hooks, Model model, int count) { hooks.afterBulkCreate(model, count); }
    public Values beforeUpdate(Hooks hooks, Entity entity, Values values) { return hooks.beforeUpdate(entity, values); }
    public void afterUpdate(Hooks hooks, Entity stored) { hooks.afterUpdate(stored); }
    public Values beforeBulkUpdate(Hooks hooks, Model model, Values values, Where where) { return hooks.beforeBulkUpdate(model, values, where); }
    public void afterBulkUpdate(Hooks hooks, Model model, int count) { hooks.afterBulkUpdate(model, count); }
    public void beforeDestroy(Hooks hooks, Entity entity) { hooks.beforeDestroy(entity); }
    public void afterDestroy(Hooks hooks, Entity entity) { hooks.afterDestroy(entity); }
    public void beforeBulkDestroy(Hooks hooks, Model model, Where where) { hooks.beforeBulkDestroy(model, where); }
    public void afterBulkDestroy(Hooks hooks, Model model, int count) { hooks.afterBulkDestroy(model, count); }
    public Values beforeUpsert(Hooks hooks, Model model, Values values) { return hooks.beforeUpsert(model, values); }
    public void afterUpsert(Hooks hooks, Entity stored) { hooks.afterUpsert(stored); }
    public Query beforeFind(Hooks hooks, Query query) { return hooks.beforeFind(query); }
    public void afterFind(Hooks hooks, Model model, List<? extends Entity> found) { hooks.afterFind(model, found); }

    /** The condition that finds an entity's row by its primary key (for destroy(entity)). */
    public static Condition keyOf(Entity entity) {
        return keyCondition(entity.model(), entity);
    }

    // ---- reading back what was written ------------------------------------------------------------------------------

    /** The query that reads the roots written (by primary key) with the aliases that were nested, at any depth. */
    private static Query readBack(Model model, List<Row> roots) {
        if (model.primaryKey().size() == 1) {
            return readBackTree(model, roots, keyIn(model.primaryKey().get(0), roots));
        }
        List<Condition> keys = new ArrayList<>();
        for (Row r : roots) {
            // a model without a key (a junction) is found by every value written
            List<Column<?>> identity = model.primaryKey().isEmpty() ? new ArrayList<>(r.values.keySet()) : model.primaryKey();
            List<Condition> parts = new ArrayList<>();
            for (Column<?> c : identity) {
                parts.add(eq(c, r.get(c)));
            }
            keys.add(Condition.and(parts));
        }
        return readBackTree(model, roots, Condition.or(keys));
    }

    @SuppressWarnings("unchecked")
    private static Condition keyIn(Column<?> key, List<Row> roots) {
        List<Object> values = new ArrayList<>(roots.size());
        for (Row r : roots) {
            values.add(r.get(key));
        }
        return ((Column<Object>) key).isIn(values);
    }

    /** The roots {@code keys} finds, with the aliases that were nested under them. */
    private static Query readBackTree(Model model, List<Row> roots, Condition keys) {
        // paranoid(false): a row written with deletedAt set is still the row written
        Query q = Query.from(model).unscoped().paranoid(false).where(keys);
        for (Map.Entry<Association, List<Row>> e : shape(roots).entrySet()) {
            List<Row> rows = e.getValue();
            q = q.include(e.getKey().alias(), inc -> nest(inc.unscoped(), rows));
        }
        return q;
    }

    /** An include with the aliases nested under {@code rows}, by alias (resolved where the query's includes are). */
    private static Include nest(Include include, List<Row> rows) {
        Include inc = include;
        for (Map.Entry<Association, List<Row>> e : shape(rows).entrySet()) {
            List<Row> children = e.getValue();
            inc = inc.include(e.getKey().alias(), child -> nest(child.unscoped(), children));
        }
        return inc;
    }

    /** The nested rows of {@code rows} by association, merged over the rows. */
    private static Map<Association, List<Row>> shape(List<Row> rows) {
        Map<Association, List<Row>> out = new LinkedHashMap<>();
        for (Row r : rows) {
            for (Map.Entry<Association, List<Row>> e : r.nested.entrySet()) {
                out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Condition eq(Column<?> c, @Nullable Object v) {
        return ((Column<Object>) c).eq(v);
    }

    private static Condition keyCondition(Model model, Entity entity) {
        if (model.primaryKey().isEmpty()) {
            throw new InvalidValuesException(model.name() + " has no primary key: an entity of it cannot be updated by key");
        }
        List<Condition> parts = new ArrayList<>();
        for (Column<?> c : model.primaryKey()) {
            Object v = entity.get(c.name());
            if (v == null) {
                throw new InvalidValuesException("The " + model.name() + " entity has no value for its key " + c.name()
                        + "; read it with its key to update it");
            }
            parts.add(eq(c, v));
        }
        return Condition.and(parts);
    }

    private static String keyText(Model model, Entity entity) {
        StringBuilder sb = new StringBuilder("(");
        for (Column<?> c : model.primaryKey()) {
            sb.append(sb.length() > 1 ? ", " : "").append(c.name()).append('=').append(entity.get(c.name()));
        }
        return sb.append(')').toString();
    }

    private static String names(List<Column<?>> columns) {
        return String.join(", ", columns.stream().map(Column::name).toArray(String[]::new));
    }
}
