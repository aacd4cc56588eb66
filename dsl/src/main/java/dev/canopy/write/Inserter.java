package dev.canopy.write;

import dev.canopy.dialect.Capability;
import dev.canopy.error.DatabaseException;
import dev.canopy.exec.Executor;
import dev.canopy.exec.ResultReader;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.render.Renderer;
import dev.canopy.render.SqlStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Insert;
import org.jooq.InsertOnDuplicateStep;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;

/**
 * Inserts the rows of one model with as few statements as the dialect's bind limit allows: one multi-row INSERT per
 * set of columns given and per batch, never one per row. Keys the database generates come back into the rows, by
 * {@code INSERT ... RETURNING} where the dialect has {@link Capability#RETURNING}, by the driver's generated keys
 * otherwise; both give them in the order of the rows.
 */
final class Inserter {
    /** Binds kept free of a batch for what the dialect may add (a MERGE's extra references, say). */
    private static final int BIND_MARGIN = 16;

    /** What to do with a row whose key already exists. */
    record OnConflict(List<Column<?>> target, boolean ignore, List<Column<?>> update) {}

    private final Executor executor;
    private final Renderer renderer;

    Inserter(Executor executor, Renderer renderer) {
        this.executor = executor;
        this.renderer = renderer;
    }

    /** Inserts every row that is not {@link Row#linkOnly}; fills in generated keys; returns the rows the database counted. */
    int insert(Model model, List<Row> rows, @Nullable OnConflict conflict) {
        Map<List<Column<?>>, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            if (!r.linkOnly) {
                groups.computeIfAbsent(List.copyOf(r.values.keySet()), k -> new ArrayList<>()).add(r);
            }
        }
        int count = 0;
        for (Map.Entry<List<Column<?>>, List<Row>> g : groups.entrySet()) {
            List<Column<?>> columns = g.getKey();
            List<Row> group = g.getValue();
            int perStatement = columns.isEmpty() ? 1 : Math.max(1, (executor.dialect().maxBindParameters() - BIND_MARGIN) / columns.size());
            for (int from = 0; from < group.size(); from += perStatement) {
                count += insertBatch(model, columns, group.subList(from, Math.min(group.size(), from + perStatement)), conflict);
            }
        }
        return count;
    }

    private int insertBatch(Model model, List<Column<?>> columns, List<Row> batch, @Nullable OnConflict conflict) {
        DSLContext ctx = renderer.context();
        List<Column<?>> missingKey = new ArrayList<>();
        for (Column<?> c : model.primaryKey()) {
            if (!columns.contains(c)) {
                missingKey.add(c);
            }
        }
        Insert<?> insert;
        if (columns.isEmpty()) {
            insert = ctx.insertInto(Tables.table(model)).defaultValues();
        } else {
            List<Field<Object>> fields = new ArrayList<>(columns.size());
            for (Column<?> c : columns) {
                fields.add(Tables.field(c));
            }
            InsertValuesStepN<Record> step = (InsertValuesStepN<Record>) ctx.insertInto(Tables.table(model), fields);
            for (Row r : batch) {
                List<Field<Object>> vals = new ArrayList<>(columns.size());
                for (Column<?> c : columns) {
                    vals.add(Tables.val(c, r.get(c)));
                }
                step = step.values(vals);
            }
            insert = conflict == null ? step : onConflict(step, conflict);
        }
        if (missingKey.isEmpty() || conflict != null) {
            Insert<?> plain = insert;
            return Violations.naming(model, () -> executor.update(renderer.render(plain)));
        }
        Insert<?> keyed = insert;
        List<Object[]> keys = Violations.naming(model, () -> keys(keyed, missingKey));
        if (keys.size() != batch.size()) {
            throw new DatabaseException("The database returned " + keys.size() + " generated keys of " + model.name() + " for "
                    + batch.size() + " rows inserted; cannot link their children", null);
        }
        for (int i = 0; i < batch.size(); i++) {
            Object[] k = keys.get(i);
            for (int j = 0; j < missingKey.size(); j++) {
                batch.get(i).put(missingKey.get(j), Coercion.fromDatabase(missingKey.get(j), k[j]));
            }
        }
        return batch.size();
    }

    private List<Object[]> keys(Insert<?> insert, List<Column<?>> keyColumns) {
        if (executor.dialect().supports(Capability.RETURNING)) {
            SqlStatement plain = renderer.render(insert);
            StringBuilder sql = new StringBuilder(plain.sql()).append(" returning ");
            for (int i = 0; i < keyColumns.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(renderer.context().render(org.jooq.impl.DSL.name(keyColumns.get(i).field())));
            }
            // jOOQ renders RETURNING only while it executes (and not at all for SQLite); the clause is the standard one.
            return executor.queryReturning(new SqlStatement(sql.toString(), plain.binds()), rs -> {
                List<Object[]> out = new ArrayList<>();
                while (rs.next()) {
                    Object[] row = new Object[keyColumns.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    out.add(row);
                }
                return new ResultReader.Result<>(out, out.size());
            });
        }
        String[] names = keyColumns.stream().map(Column::field).toArray(String[]::new);
        return executor.insertReturningKeys(renderer.render(insert), names);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Insert<?> onConflict(InsertOnDuplicateStep<Record> step, OnConflict conflict) {
        List<Field<?>> target = new ArrayList<>();
        for (Column<?> c : conflict.target()) {
            // qualified: where jOOQ emulates the clause with MERGE (H2), an unqualified name is ambiguous in its ON
            target.add(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name(c.model().tableName(), c.field()), Tables.field(c).getDataType()));
        }
        if (conflict.ignore() || conflict.update().isEmpty()) {
            return target.isEmpty() ? step.onConflictDoNothing() : step.onConflict(target).doNothing();
        }
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        for (Column<?> c : conflict.update()) {
            Field<Object> f = Tables.field(c);
            set.put(f, org.jooq.impl.DSL.excluded(f));
        }
        return step.onConflict(target).doUpdate().set((Map) set);
    }
}
