package dev.canopy.write;

import dev.canopy.dialect.Capability;
import dev.canopy.error.InvalidValuesException;
import dev.canopy.error.UnscopedWriteException;
import dev.canopy.exec.Executor;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.render.Renderer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * UPDATE and DELETE statements of one model: plain updates (with {@code updatedAt} and the version attribute kept
 * by Canopy), increments, soft deletes and restores of paranoid models, and real deletes. A where is required:
 * {@link Where#all()} is the only way to touch every row.
 */
final class Updater {
    private final Executor executor;
    private final Renderer renderer;

    Updater(Executor executor, Renderer renderer) {
        this.executor = executor;
        this.renderer = renderer;
    }

    /** {@code UPDATE model SET values, updatedAt, version = version + 1 WHERE where}; the rows changed. */
    int update(Model model, Row values, Where where, @Nullable Condition extra, LocalDateTime now) {
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        for (Map.Entry<Column<?>, @Nullable Object> e : values.values.entrySet()) {
            set.put(Tables.field(e.getKey()), Tables.val(e.getKey(), e.getValue()));
        }
        return run(model, set, where, extra, now, "update");
    }

    /** {@code UPDATE model SET c = c + by, ...} for each column; the rows changed. */
    int increment(Model model, Map<Column<?>, Number> by, Where where, LocalDateTime now) {
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        for (Map.Entry<Column<?>, Number> e : by.entrySet()) {
            Column<?> c = e.getKey();
            switch (c.type().kind()) {
                case INTEGER: case BIGINT: case DECIMAL: break;
                default: throw new InvalidValuesException(c + " is " + c.type() + "; only numeric attributes can be incremented");
            }
            Field<Object> f = Tables.field(c);
            set.put(f, f.plus(Tables.val(c, Coercion.coerce(c, e.getValue()))));
        }
        return run(model, set, where, null, now, "increment");
    }

    /** Soft delete of a paranoid model: {@code deletedAt = now} on rows not deleted yet. */
    int softDestroy(Model model, Column<?> deletedAt, Where where, LocalDateTime now) {
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        set.put(Tables.field(deletedAt), Tables.val(deletedAt, now));
        return run(model, set, where.paranoid(false), Tables.field(deletedAt).isNull(), null, "destroy");
    }

    /** Undoes soft deletes: {@code deletedAt = NULL} on deleted rows. */
    int restore(Model model, Column<?> deletedAt, Where where) {
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        set.put(Tables.field(deletedAt), Tables.val(deletedAt, null));
        return run(model, set, where.paranoid(false), Tables.field(deletedAt).isNotNull(), null, "restore");
    }

    /** {@code DELETE FROM model WHERE where}. */
    int delete(Model model, Where where) {
        Condition c = condition(model, where, "destroy");
        return Violations.naming(model, () -> executor.update(renderer.render(renderer.context().deleteFrom(Tables.table(model)).where(c))));
    }

    /** Points existing rows (given by primary key) at a parent: {@code UPDATE target SET fk = ? WHERE pk IN (...)}. */
    void link(Model target, Column<?> fk, Object parentKey, List<Row> rows, LocalDateTime now) {
        List<Column<?>> pk = target.primaryKey();
        List<Condition> keys = new ArrayList<>();
        for (Row r : rows) {
            List<Condition> parts = new ArrayList<>();
            for (Column<?> c : pk) {
                parts.add(Tables.field(c).eq(Tables.val(c, r.get(c))));
            }
            keys.add(DSL.and(parts));
        }
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        set.put(Tables.field(fk), Tables.val(fk, parentKey));
        Column<?> updated = Stamps.updatedAt(target);
        if (updated != null) {
            set.put(Tables.field(updated), Tables.val(updated, now));
        }
        Violations.naming(target, () -> executor.update(renderer.render(renderer.context().update(Tables.table(target)).set(set).where(DSL.or(keys)))));
    }

    private int run(Model model, Map<Field<?>, Field<?>> set, Where where, @Nullable Condition extra,
                    @Nullable LocalDateTime now, String what) {
        if (now != null) {
            Column<?> updated = Stamps.updatedAt(model);
            if (updated != null && !set.containsKey(Tables.field(updated))) {
                set.put(Tables.field(updated), Tables.val(updated, now));
            }
            Column<?> version = Stamps.version(model);
            if (version != null) {
                Field<Object> v = Tables.field(version);
                set.put(v, v.plus(DSL.inline(1)));
            }
        }
        if (set.isEmpty()) {
            throw new InvalidValuesException("Nothing to " + what + " on " + model.name() + ": no values given");
        }
        Condition c = condition(model, where, what);
        if (extra != null) {
            c = c.and(extra);
        }
        Condition condition = c;
        return Violations.naming(model, () -> executor.update(renderer.render(renderer.context().update(Tables.table(model)).set(set).where(condition))));
    }

    /** {@code where}, or the refusal of a write that names no rows. */
    static Where require(Model model, @Nullable Where where, String what) {
        if (where == null || (!where.isAll() && where.condition() == null)) {
            throw new UnscopedWriteException("A " + what + " of " + model.name() + " needs a where; to " + what
                    + " every row, say so with Where.all()");
        }
        return where;
    }

    /** The where of a write, with the paranoid filter; refused when neither a condition nor {@link Where#all()} is given. */
    private Condition condition(Model model, @Nullable Where given, String what) {
        Where where = require(model, given, what);
        Condition c = where.isAll() ? DSL.noCondition()
                : Tables.where(model, where.condition(), executor.dialect().supports(Capability.ARRAY_BIND));
        Column<?> deletedAt = Stamps.deletedAt(model);
        if (deletedAt != null && where.isParanoid()) {
            c = c.and(Tables.field(deletedAt).isNull());
        }
        return c;
    }
}
