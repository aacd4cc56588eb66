package dev.canopy.write;

import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import dev.canopy.result.Entity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/**
 * Sequelize's hooks (lifecycle events), per model: functions a {@code Canopy} calls before and after its writes and
 * reads. Given to a Canopy with {@code Canopy.builder(url).hooks(HOOKS)} or {@code db.withHooks(HOOKS)}.
 * <pre>{@code
 * Hooks HOOKS = Hooks.builder()
 *         .beforeCreate(AUTHOR, v -> v.and(AUTHOR.slug, slug((String) v.attributes().get("name"))))   // change what is written
 *         .afterCreate(AUTHOR, author -> db.create(AUDIT, Values.of(AUDIT.what, "author created")))  // joins the same transaction
 *         .beforeBulkDestroy(AUTHOR, where -> { throw new IllegalStateException("authors are never deleted"); })
 *         .build();
 * }</pre>
 * Which call runs which hooks follows Sequelize: the methods on one row run the instance hooks, the methods on a
 * model the bulk hooks, and a bulk call asked for {@code individualHooks} both (see below):
 * <ul>
 * <li>{@code create}: {@code beforeCreate} for the row and for every row nested under it (each with its own model's
 *     hooks; a nested row given by key only links an existing row and is not created), then {@code afterCreate} with
 *     the root as stored;</li>
 * <li>{@code bulkCreate}: {@code beforeBulkCreate} with the rows, {@code afterBulkCreate} with the count;</li>
 * <li>{@code update(entity, values)}: {@code beforeUpdate} with the entity and the values, {@code afterUpdate} with
 *     the row as stored; {@code update(model, values, where)}: {@code beforeBulkUpdate}, {@code afterBulkUpdate};</li>
 * <li>{@code destroy(entity)}: {@code beforeDestroy}, {@code afterDestroy}; {@code destroy(model, where)}:
 *     {@code beforeBulkDestroy}, {@code afterBulkDestroy};</li>
 * <li>{@code upsert}: {@code beforeUpsert} with the values, {@code afterUpsert} with the row as stored (Sequelize's
 *     upsert runs no create or update hooks either: whether the row was inserted or updated is the database's
 *     decision, made in the one statement);</li>
 * <li>{@code findAll}, {@code findOne}, {@code findByPk} (entities or records): {@code beforeFind} with the query
 *     (before the schema's scopes are merged in), {@code afterFind} with the roots found.</li>
 * </ul>
 * <b>Individual hooks</b> (Sequelize's {@code individualHooks: true}): {@code update(model, values,
 * Where.of(c).individualHooks())} runs {@code beforeBulkUpdate}, reads the rows the where matches (default scope and
 * paranoid filter included), runs {@code beforeUpdate} for each (each may change its row's values), writes them, then
 * runs {@code afterUpdate} for each row as stored and {@code afterBulkUpdate}; {@code destroy(model,
 * Where.of(c).individualHooks())} the same with {@code beforeDestroy}/{@code afterDestroy} (the entities as read);
 * {@code bulkCreate(model, rows, BulkOptions.defaults().individualHooks())} runs {@code beforeBulkCreate}, then
 * {@code beforeCreate} for each row (and the rows nested under it, as {@code create} does), inserts them, and runs
 * {@code afterCreate} for each root as stored, then {@code afterBulkCreate}. Every before hook of every row runs
 * before the first write statement, all in the write's one transaction, so an exception in any of them writes
 * nothing. It costs a read of the rows (and, for update, one UPDATE per row when the hooks gave rows different
 * values; otherwise one UPDATE per 1,000 rows, naming them by key, as are the DELETEs and the read-backs, so that no
 * statement passes a database's bind limit); the matched rows are read into memory, so keep it for writes of modest
 * size, as Sequelize advises.
 * <p>
 * Every hook of a write runs inside the write's transaction (or the caller's): what a hook writes through the same
 * Canopy joins it, and is rolled back with it. An exception thrown by a before hook cancels the write, nothing is
 * written, and the exception reaches the caller unchanged; one thrown by an after hook rolls the write back. A
 * before hook that changes values runs before validation, so what it sets is validated too (Sequelize validates,
 * runs the hook, and validates again what the hook changed). Hooks of one event run in the order they were added.
 * Immutable once built; a hook itself must be thread-safe when the Canopy is used from several threads.
 */
public final class Hooks {
    private static final Hooks NONE = new Hooks(new EnumMap<>(On.class));

    private enum On {
        BEFORE_CREATE, AFTER_CREATE, BEFORE_BULK_CREATE, AFTER_BULK_CREATE, BEFORE_UPDATE, AFTER_UPDATE, BEFORE_BULK_UPDATE,
        AFTER_BULK_UPDATE, BEFORE_DESTROY, AFTER_DESTROY, BEFORE_BULK_DESTROY, AFTER_BULK_DESTROY, BEFORE_FIND, AFTER_FIND,
        BEFORE_UPSERT, AFTER_UPSERT
    }

    private record Hook(Model model, Object function) {}

    private final Map<On, List<Hook>> hooks;

    private Hooks(Map<On, List<Hook>> hooks) {
        this.hooks = hooks;
    }

    /** No hooks. */
    public static Hooks none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder(new EnumMap<>(On.class));
    }

    /** These hooks, then {@code more}'s, for each event. */
    public Hooks and(Hooks more) {
        Builder b = new Builder(new EnumMap<>(On.class));
        for (Hooks h : List.of(this, more)) {
            h.hooks.forEach((on, list) -> b.hooks.computeIfAbsent(on, k -> new ArrayList<>()).addAll(list));
        }
        return b.build();
    }

    /** Whether no hook is registered. */
    public boolean isEmpty() {
        return hooks.isEmpty();
    }

    @SuppressWarnings("unchecked")
    private <F> List<F> of(On on, Model model) {
        List<Hook> list = hooks.get(on);
        if (list == null) {
            return List.of();
        }
        List<F> out = new ArrayList<>(list.size());
        for (Hook h : list) {
            if (h.model() == model) {
                out.add((F) h.function());
            }
        }
        return out;
    }

    // ---- running them (through the Writer, for the Canopy facade) ---------------------------------------------------

    /** The values after each beforeCreate hook of their model, nested rows (but links) through their own models' hooks. */
    Values beforeCreate(Schema schema, Model model, Values values) {
        if (isEmpty()) {
            return values;
        }
        Values v = values;
        for (UnaryOperator<Values> h : this.<UnaryOperator<Values>>of(On.BEFORE_CREATE, model)) {
            v = Objects.requireNonNull(h.apply(v), "a beforeCreate hook of " + model.name() + " returned null");
        }
        for (Map.Entry<String, Values.Nested> e : v.nestedRows().entrySet()) {
            Association a = schema.findAssociation(model, e.getKey());
            if (a == null) {
                continue;   // the checker names it
            }
            List<Values> rows = new ArrayList<>(e.getValue().rows().size());
            for (Values child : e.getValue().rows()) {
                rows.add(isLink(a.target(), child) ? child : beforeCreate(schema, a.target(), child));
            }
            v = e.getValue().single() ? v.with(e.getKey(), rows.get(0)) : v.with(e.getKey(), rows);
        }
        return v;
    }

    private static boolean isLink(Model model, Values row) {
        List<Column<?>> pk = model.primaryKey();
        if (pk.isEmpty() || !row.nestedRows().isEmpty() || row.attributes().size() != pk.size()) {
            return false;
        }
        for (Column<?> c : pk) {
            if (row.attributes().get(c.name()) == null) {
                return false;
            }
        }
        return true;
    }

    void afterCreate(Model model, Entity created) {
        this.<Consumer<Entity>>of(On.AFTER_CREATE, model).forEach(h -> h.accept(created));
    }

    List<Values> beforeBulkCreate(Model model, List<Values> rows) {
        List<Values> r = rows;
        for (UnaryOperator<List<Values>> h : this.<UnaryOperator<List<Values>>>of(On.BEFORE_BULK_CREATE, model)) {
            r = List.copyOf(Objects.requireNonNull(h.apply(r), "a beforeBulkCreate hook of " + model.name() + " returned null"));
        }
        return r;
    }

    void afterBulkCreate(Model model, int count) {
        this.<IntConsumer>of(On.AFTER_BULK_CREATE, model).forEach(h -> h.accept(count));
    }

    Values beforeUpdate(Entity entity, Values values) {
        Values v = values;
        for (BiFunction<Entity, Values, Values> h : this.<BiFunction<Entity, Values, Values>>of(On.BEFORE_UPDATE, entity.model())) {
            v = Objects.requireNonNull(h.apply(entity, v), "a beforeUpdate hook of " + entity.model().name() + " returned null");
        }
        return v;
    }

    void afterUpdate(Entity stored) {
        this.<Consumer<Entity>>of(On.AFTER_UPDATE, stored.model()).forEach(h -> h.accept(stored));
    }

    Values beforeBulkUpdate(Model model, Values values, Where where) {
        Values v = values;
        for (BiFunction<Values, Where, Values> h : this.<BiFunction<Values, Where, Values>>of(On.BEFORE_BULK_UPDATE, model)) {
            v = Objects.requireNonNull(h.apply(v, where), "a beforeBulkUpdate hook of " + model.name() + " returned null");
        }
        return v;
    }

    void afterBulkUpdate(Model model, int count) {
        this.<IntConsumer>of(On.AFTER_BULK_UPDATE, model).forEach(h -> h.accept(count));
    }

    void beforeDestroy(Entity entity) {
        this.<Consumer<Entity>>of(On.BEFORE_DESTROY, entity.model()).forEach(h -> h.accept(entity));
    }

    void afterDestroy(Entity entity) {
        this.<Consumer<Entity>>of(On.AFTER_DESTROY, entity.model()).forEach(h -> h.accept(entity));
    }

    void beforeBulkDestroy(Model model, Where where) {
        this.<Consumer<Where>>of(On.BEFORE_BULK_DESTROY, model).forEach(h -> h.accept(where));
    }

    void afterBulkDestroy(Model model, int count) {
        this.<IntConsumer>of(On.AFTER_BULK_DESTROY, model).forEach(h -> h.accept(count));
    }

    Values beforeUpsert(Model model, Values values) {
        Values v = values;
        for (UnaryOperator<Values> h : this.<UnaryOperator<Values>>of(On.BEFORE_UPSERT, model)) {
            v = Objects.requireNonNull(h.apply(v), "a beforeUpsert hook of " + model.name() + " returned null");
        }
        return v;
    }

    void afterUpsert(Entity stored) {
        this.<Consumer<Entity>>of(On.AFTER_UPSERT, stored.model()).forEach(h -> h.accept(stored));
    }

    Query beforeFind(Query query) {
        Query q = query;
        for (UnaryOperator<Query> h : this.<UnaryOperator<Query>>of(On.BEFORE_FIND, query.root())) {
            q = Objects.requireNonNull(h.apply(q), "a beforeFind hook of " + query.root().name() + " returned null");
            if (q.root() != query.root()) {
                throw new dev.canopy.error.QueryException("a beforeFind hook of " + query.root().name() + " returned a query of " + q.root().name());
            }
        }
        return q;
    }

    void afterFind(Model model, List<? extends Entity> found) {
        List<Entity> view = Collections.unmodifiableList(found);
        this.<Consumer<List<Entity>>>of(On.AFTER_FIND, model).forEach(h -> h.accept(view));
    }

    /** Collects hooks; {@link #build()} makes the immutable value. */
    public static final class Builder {
        private final Map<On, List<Hook>> hooks;

        private Builder(Map<On, List<Hook>> hooks) {
            this.hooks = hooks;
        }

        private Builder add(On on, Model model, Object function) {
            Objects.requireNonNull(model, "model is null");
            Objects.requireNonNull(function, "hook is null");
            hooks.computeIfAbsent(on, k -> new ArrayList<>()).add(new Hook(model, function));
            return this;
        }

        /**
         * Before a row of {@code model} is created (also nested, and each row of a bulkCreate with
         * {@link BulkOptions#individualHooks()}): returns the values to write, changed or not.
         */
        public Builder beforeCreate(Model model, UnaryOperator<Values> hook) { return add(On.BEFORE_CREATE, model, hook); }
        /** After {@code create} of {@code model} (or each root of an individual-hooks bulkCreate), with the row as stored, nested rows included. */
        public Builder afterCreate(Model model, Consumer<Entity> hook) { return add(On.AFTER_CREATE, model, hook); }
        /** Before {@code bulkCreate} of {@code model}: returns the rows to write. */
        public Builder beforeBulkCreate(Model model, UnaryOperator<List<Values>> hook) { return add(On.BEFORE_BULK_CREATE, model, hook); }
        /** After {@code bulkCreate} of {@code model}, with the count the database gave. */
        public Builder afterBulkCreate(Model model, IntConsumer hook) { return add(On.AFTER_BULK_CREATE, model, hook); }
        /**
         * Before {@code update(entity, values)}, and for each row of a bulk update with {@link Where#individualHooks()}:
         * given the entity as read and the values, returns the values to write for that row.
         */
        public Builder beforeUpdate(Model model, BiFunction<Entity, Values, Values> hook) { return add(On.BEFORE_UPDATE, model, hook); }
        /** After {@code update(entity, values)} (or each row of an individual-hooks bulk update), with the row as stored. */
        public Builder afterUpdate(Model model, Consumer<Entity> hook) { return add(On.AFTER_UPDATE, model, hook); }
        /** Before {@code update(model, values, where)}: given the values and the where, returns the values to write. */
        public Builder beforeBulkUpdate(Model model, BiFunction<Values, Where, Values> hook) { return add(On.BEFORE_BULK_UPDATE, model, hook); }
        /** After {@code update(model, values, where)}, with the rows changed. */
        public Builder afterBulkUpdate(Model model, IntConsumer hook) { return add(On.AFTER_BULK_UPDATE, model, hook); }
        /** Before {@code destroy(entity)}, and for each row of a bulk destroy with {@link Where#individualHooks()}. */
        public Builder beforeDestroy(Model model, Consumer<Entity> hook) { return add(On.BEFORE_DESTROY, model, hook); }
        /** After {@code destroy(entity)} (or each row of an individual-hooks bulk destroy), with the entity as read. */
        public Builder afterDestroy(Model model, Consumer<Entity> hook) { return add(On.AFTER_DESTROY, model, hook); }
        /** Before {@code destroy(model, where)}. */
        public Builder beforeBulkDestroy(Model model, Consumer<Where> hook) { return add(On.BEFORE_BULK_DESTROY, model, hook); }
        /** After {@code destroy(model, where)}, with the rows destroyed. */
        public Builder afterBulkDestroy(Model model, IntConsumer hook) { return add(On.AFTER_BULK_DESTROY, model, hook); }
        /**
         * Before {@code upsert} of {@code model}: returns the values to write (Sequelize's {@code beforeUpsert}; no
         * {@code beforeCreate} or {@code beforeUpdate} runs for an upsert).
         */
        public Builder beforeUpsert(Model model, UnaryOperator<Values> hook) { return add(On.BEFORE_UPSERT, model, hook); }
        /** After {@code upsert} of {@code model}, with the row as stored, inserted or updated. */
        public Builder afterUpsert(Model model, Consumer<Entity> hook) { return add(On.AFTER_UPSERT, model, hook); }
        /** Before a query of {@code model} runs: returns the query to run. */
        public Builder beforeFind(Model model, UnaryOperator<Query> hook) { return add(On.BEFORE_FIND, model, hook); }
        /** After a query of {@code model} ran, with the roots found (unmodifiable). */
        public Builder afterFind(Model model, Consumer<List<Entity>> hook) { return add(On.AFTER_FIND, model, hook); }

        public Hooks build() {
            Map<On, List<Hook>> copy = new EnumMap<>(On.class);
            hooks.forEach((on, list) -> copy.put(on, List.copyOf(list)));
            return new Hooks(copy);
        }
    }
}
