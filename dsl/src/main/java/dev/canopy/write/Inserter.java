package dev.canopy.write;

import dev.canopy.dialect.Capability;
import dev.canopy.error.DatabaseException;
import dev.canopy.exec.Executor;
import dev.canopy.exec.ResultReader;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.render.Renderer;
import dev.canopy.sql.SqlStatement;
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

    /**
     * Rows per statement at most, whatever the bind limit: past a few thousand rows a longer statement only costs
     * the driver and the server more parsing, while the round trips it saves are already few.
     */
    static final int MAX_ROWS = 5_000;

    /**
     * The SQL of a plain multi-row INSERT depends only on its table, columns, row count and the keys it returns, so
     * it is rendered by jOOQ once per shape and kept: a bulk insert renders its full batch once, not once per batch.
     */
    record Shape(String table, List<String> fields, int rows, List<String> returning) {}

    /** Rendered INSERT statements by shape, shared by the writes of one Canopy (bounded; cleared when full). */
    static final class SqlCache {
        private static final int SIZE = 256;
        private final java.util.concurrent.ConcurrentHashMap<Shape, String> sql = new java.util.concurrent.ConcurrentHashMap<>();

        @Nullable String get(Shape shape) {
            return sql.get(shape);
        }

        void put(Shape shape, String text) {
            if (sql.size() >= SIZE) {
                sql.clear();
            }
            sql.put(shape, text);
        }
    }

    /** What to do with a row whose key already exists. */
    record OnConflict(List<Column<?>> target, boolean ignore, List<Column<?>> update, @Nullable Column<?> version) {
        OnConflict(List<Column<?>> target, boolean ignore, List<Column<?>> update) {
            this(target, ignore, update, null);
        }
    }

    private final Executor executor;
    private final Renderer renderer;
    private final SqlCache cache;

    Inserter(Executor executor, Renderer renderer, SqlCache cache) {
        this.executor = executor;
        this.renderer = renderer;
        this.cache = cache;
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
            int perStatement = columns.isEmpty() ? 1 : Math.max(1, Math.min(MAX_ROWS,
                    (executor.dialect().maxBindParameters() - BIND_MARGIN) / columns.size()));
            for (int from = 0; from < group.size(); from += perStatement) {
                count += insertBatch(model, columns, group.subList(from, Math.min(group.size(), from + perStatement)), conflict);
            }
        }
        return count;
    }

    private int insertBatch(Model model, List<Column<?>> columns, List<Row> batch, @Nullable OnConflict conflict) {
        List<Column<?>> missingKey = new ArrayList<>();
        for (Column<?> c : model.primaryKey()) {
            if (!columns.contains(c)) {
                missingKey.add(c);
            }
        }
        boolean keys = !missingKey.isEmpty() && conflict == null;
        boolean returning = keys && executor.dialect().supports(Capability.RETURNING);
        SqlStatement sql = conflict == null && !columns.isEmpty() ? cached(model, columns, batch, returning ? missingKey : List.of()) : null;
        if (sql == null) {
            Insert<?> insert = build(model, columns, batch, conflict);
            sql = returning ? returning(renderer.render(insert), missingKey) : renderer.render(insert);
        }
        SqlStatement statement = sql;
        if (!keys) {
            return Violations.naming(model, () -> executor.update(statement));
        }
        List<Object[]> generated = Violations.naming(model, () -> returning ? readKeys(statement, missingKey)
                : executor.insertReturningKeys(statement, missingKey.stream().map(Column::field).toArray(String[]::new)));
        if (generated.size() != batch.size()) {
            throw new DatabaseException("The database returned " + generated.size() + " generated keys of " + model.name() + " for "
                    + batch.size() + " rows inserted; cannot link their children", null);
        }
        for (int i = 0; i < batch.size(); i++) {
            Object[] k = generated.get(i);
            for (int j = 0; j < missingKey.size(); j++) {
                batch.get(i).put(missingKey.get(j), Coercion.fromDatabase(missingKey.get(j), k[j]));
            }
        }
        return batch.size();
    }

    /**
     * The statement of a plain multi-row INSERT from the cache, its binds the rows' values row by row; rendered and
     * cached on a miss. Null when jOOQ's binds are not simply the values in that order (then nothing is cached).
     */
    private @Nullable SqlStatement cached(Model model, List<Column<?>> columns, List<Row> batch, List<Column<?>> returning) {
        Shape shape = new Shape(model.tableName(), columns.stream().map(Column::field).toList(), batch.size(),
                returning.stream().map(Column::field).toList());
        List<@Nullable Object> binds = new ArrayList<>(columns.size() * batch.size());
        for (Row r : batch) {
            for (Column<?> c : columns) {
                binds.add(r.get(c));
            }
        }
        String text = cache.get(shape);
        if (text != null) {
            return new SqlStatement(text, binds);
        }
        SqlStatement rendered = renderer.render(build(model, columns, batch, null));
        if (!rendered.binds().equals(binds)) {
            return null;
        }
        SqlStatement full = returning.isEmpty() ? rendered : returning(rendered, returning);
        cache.put(shape, full.sql());
        return full;
    }

    private Insert<?> build(Model model, List<Column<?>> columns, List<Row> batch, @Nullable OnConflict conflict) {
        DSLContext ctx = renderer.context();
        if (columns.isEmpty()) {
            return ctx.insertInto(Tables.table(model)).defaultValues();
        }
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
        return conflict == null ? step : onConflict(step, conflict);
    }

    /**
     * The INSERT with a standard {@code RETURNING} clause of the key columns. Appended to jOOQ's text because jOOQ
     * renders RETURNING only while it executes a statement itself (and not at all for SQLite); the names are quoted by
     * jOOQ.
     */
    private SqlStatement returning(SqlStatement insert, List<Column<?>> keyColumns) {
        StringBuilder sql = new StringBuilder(insert.sql()).append(" returning ");
        for (int i = 0; i < keyColumns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(renderer.context().render(org.jooq.impl.DSL.name(keyColumns.get(i).field())));
        }
        return new SqlStatement(sql.toString(), insert.binds());
    }

    private List<Object[]> readKeys(SqlStatement statement, List<Column<?>> keyColumns) {
        return executor.queryReturning(statement, rs -> {
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
        if (conflict.version() != null) {
            Column<?> version = conflict.version();
            // the existing row's version, qualified: unqualified it is ambiguous with the proposed row's (excluded, t)
            Field<Object> existing = org.jooq.impl.DSL.field(org.jooq.impl.DSL.name(version.model().tableName(), version.field()),
                    Tables.field(version).getDataType());
            set.put(Tables.field(version), existing.plus(org.jooq.impl.DSL.inline(1)));
        }
        return step.onConflict(target).doUpdate().set((Map) set);
    }
}
