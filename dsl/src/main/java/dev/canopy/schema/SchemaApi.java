package dev.canopy.schema;

import dev.canopy.dialect.Dialect;
import dev.canopy.error.SchemaException;
import dev.canopy.exec.Executor;
import dev.canopy.exec.ResultReader;
import dev.canopy.plan.JooqTypes;
import dev.canopy.render.Renderer;
import dev.canopy.sql.SqlStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.Constraint;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Schema changes, the same on every database (Sequelize's QueryInterface): tables, columns, indexes and constraints,
 * and what the database holds now. Obtain one from {@code db.schemaApi()}; a migration is handed one.
 * <pre>{@code
 * SchemaApi schema = db.schemaApi();
 * schema.createTable("teams", Columns.of("id", ColumnDefinition.integer().primaryKey().autoIncrement())
 *         .and("name", ColumnDefinition.string(80).notNull()));
 * schema.addColumn("users", "teamId", ColumnDefinition.integer().references("teams", "id")
 *         .onUpdate(ReferentialAction.CASCADE).onDelete(ReferentialAction.SET_NULL));
 * schema.removeColumn("users", "teamId");
 * }</pre>
 *
 * <p>jOOQ renders every statement for the dialect. What SQLite cannot {@code ALTER} (drop a column, change a column,
 * add or drop a foreign key, primary key or check) is done by the table rebuild SQLite documents
 * (<a href="https://www.sqlite.org/lang_altertable.html#otheralter">§7</a>): with foreign keys off, in a transaction,
 * a new table is created, the rows copied, the old table dropped, the new one renamed and its indexes made again, and
 * {@code PRAGMA foreign_key_check} must find nothing before the transaction commits. Every row, and every other
 * table's foreign key to the rebuilt table, is kept.
 *
 * <p>Every statement goes through the connection's executor, so a statement listener sees it and a surrounding
 * {@code db.transaction(...)} contains it. A dry-run API ({@link #dryRun()}) reads the live database but runs nothing:
 * {@link #statements()} then holds what would have run.
 */
public final class SchemaApi {
    private final Executor executor;
    private final Renderer renderer;
    private final DSLContext ctx;
    private final DdlParts parts;
    private final boolean dryRun;
    private final List<String> statements = Collections.synchronizedList(new ArrayList<>());
    private final List<String> operations = Collections.synchronizedList(new ArrayList<>());

    /** The schema API of a connection; {@code db.schemaApi()} is the usual way to get one. */
    static {
        dev.canopy.internal.Factories.register((dev.canopy.internal.Factories.SchemaApis) SchemaApi::new);
    }

    SchemaApi(Executor executor, Renderer renderer, boolean dryRun) {
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.renderer = Objects.requireNonNull(renderer, "renderer is null");
        this.ctx = renderer.context();
        this.parts = new DdlParts(executor.dialect());
        this.dryRun = dryRun;
    }

    /** An API on the same database that runs nothing and records what it would run. */
    public SchemaApi dryRun() {
        return new SchemaApi(executor, renderer, true);
    }

    /** Whether this API records statements instead of running them. */
    public boolean isDryRun() {
        return dryRun;
    }

    /** The database's dialect, for a migration that must differ by database (rarely needed). */
    public Dialect dialect() {
        return executor.dialect();
    }

    /** Every statement this API ran (or, dry, would have run), in order. */
    public List<String> statements() {
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }

    /** Every operation begun on this API, in order ({@code addColumn users.teamId}); a failed migration names its last. */
    public List<String> operations() {
        synchronized (operations) {
            return List.copyOf(operations);
        }
    }

    // ---- tables -----------------------------------------------------------------------------------------------

    /** {@code CREATE TABLE} with the columns in order; see {@link #createTable(String, Columns, TableOptions)}. */
    public void createTable(String table, Columns columns) {
        createTable(table, columns, TableOptions.none());
    }

    /**
     * {@code CREATE TABLE} with the columns in order. A column's {@code references} becomes a foreign key named
     * {@code fk_<table>_<column>}, {@code unique} a constraint {@code uq_<table>_<column>}; the primary key is the
     * options' (composite) key, else the columns marked {@code primaryKey()}.
     */
    public void createTable(String table, Columns columns, TableOptions options) {
        Identifiers.check(table, "table name");
        begin("createTable " + table);
        List<Field<?>> fields = new ArrayList<>();
        List<String> pk = new ArrayList<>(options.primaryKey());
        for (Map.Entry<String, ColumnDefinition> e : columns.asMap().entrySet()) {
            fields.add(DSL.field(DSL.name(e.getKey()), parts.jooqType(e.getValue(), options.primaryKey().contains(e.getKey()))));
            if (options.primaryKey().isEmpty() && e.getValue().isPrimaryKey()) {
                pk.add(e.getKey());
            }
        }
        for (String c : pk) {
            if (!columns.asMap().containsKey(c)) {
                throw new SchemaException("Primary key column '" + c + "' of " + table + " is not one of its columns: "
                        + String.join(", ", columns.asMap().keySet()));
            }
        }
        List<Constraint> constraints = new ArrayList<>();
        if (!pk.isEmpty()) {
            constraints.add(DSL.constraint(DSL.name(parts.constraintName("pk", table, List.of()))).primaryKey(DdlParts.names(pk)));
        }
        for (Map.Entry<String, ColumnDefinition> e : columns.asMap().entrySet()) {
            ColumnDefinition d = e.getValue();
            if (d.isUnique() && !pk.equals(List.of(e.getKey()))) {
                constraints.add(render(new TableConstraint.Unique(parts.constraintName("uq", table, List.of(e.getKey())), List.of(e.getKey()))));
            }
            if (d.referencedTable() != null) {
                constraints.add(render(parts.columnForeignKey(table, e.getKey(), d)));
            }
        }
        for (TableConstraint c : options.constraints()) {
            constraints.add(render(c));
        }
        run(options.isIfNotExists()
                ? ctx.createTableIfNotExists(DSL.name(table)).columns(fields).constraints(constraints)
                : ctx.createTable(DSL.name(table)).columns(fields).constraints(constraints));
    }

    /** {@code DROP TABLE IF EXISTS} (Sequelize's {@code dropTable}). */
    public void dropTable(String table) {
        Identifiers.check(table, "table name");
        begin("dropTable " + table);
        run(ctx.dropTableIfExists(DSL.name(table)));
    }

    /** {@code ALTER TABLE ... RENAME TO}; other tables' foreign keys follow the table. */
    public void renameTable(String from, String to) {
        Identifiers.check(to, "new table name");
        begin("renameTable " + from + " to " + to);
        run(ctx.alterTable(DSL.name(existingTable(from))).renameTo(DSL.name(to)));
    }

    // ---- columns ----------------------------------------------------------------------------------------------

    /**
     * Adds a column; its {@code references} becomes a foreign key {@code fk_<table>_<column>} with its onUpdate and
     * onDelete, its {@code unique} a unique constraint. A NOT NULL column needs a default when the table has rows:
     * add it nullable, fill it, then {@link #changeColumn} it to NOT NULL (see the README's data migration).
     */
    public void addColumn(String table, String column, ColumnDefinition definition) {
        Identifiers.check(column, "column name");
        begin("addColumn " + table + "." + column);
        String t = existingTable(table);
        TableDescription d = describe(t);
        if (d.column(column) != null) {
            throw new SchemaException("Table " + t + " already has a column " + column + "; it has: " + String.join(", ", d.columnNames()));
        }
        if (isSqlite() && (definition.referencedTable() != null || definition.isPrimaryKey() || definition.isUnique())) {
            SqliteRebuild.of(this, t).addColumn(column, definition).run();
            return;
        }
        run(ctx.alterTable(DSL.name(t)).addColumn(DSL.field(DSL.name(column), parts.jooqType(definition, false))));
        if (definition.isUnique()) {
            run(ctx.alterTable(DSL.name(t)).add(render(new TableConstraint.Unique(parts.constraintName("uq", t, List.of(column)), List.of(column)))));
        }
        if (definition.referencedTable() != null) {
            run(ctx.alterTable(DSL.name(t)).add(render(parts.columnForeignKey(t, column, definition))));
        }
    }

    /** Drops a column, and first the foreign keys and indexes of its table that use it. */
    public void removeColumn(String table, String column) {
        begin("removeColumn " + table + "." + column);
        String t = existingTable(table);
        TableDescription d = describe(t);
        TableDescription.Column c = existingColumn(d, column);
        if (isSqlite()) {
            SqliteRebuild.of(this, t).removeColumn(c.name()).run();
            return;
        }
        for (TableDescription.ForeignKey fk : d.foreignKeys()) {
            if (fk.columns().contains(c.name())) {
                dropConstraint(t, fk.name(), Kind.FOREIGN_KEY);
            }
        }
        if (isMysql()) {
            for (TableDescription.Index i : d.indexes()) {
                if (i.columns().contains(c.name()) && i.columns().size() > 1) {
                    run(ctx.dropIndex(DSL.name(i.name())).on(DSL.table(DSL.name(t))));
                }
            }
        }
        run(ctx.alterTable(DSL.name(t)).dropColumn(DSL.name(c.name())));
    }

    /**
     * Changes a column's type, nullability and default to those of {@code definition} (Sequelize's
     * {@code changeColumn}). Keys are left alone: add or remove them with {@link #addConstraint} and
     * {@link #removeConstraint}.
     */
    public void changeColumn(String table, String column, ColumnDefinition definition) {
        begin("changeColumn " + table + "." + column);
        String t = existingTable(table);
        TableDescription.Column c = existingColumn(describe(t), column);
        if (isSqlite()) {
            SqliteRebuild.of(this, t).changeColumn(c.name(), definition).run();
            return;
        }
        Name name = DSL.name(c.name());
        org.jooq.DataType<?> type = dialect().columnType(JooqTypes.of(definition.type()));
        if (isMysql()) {
            // MySQL's CHANGE COLUMN restates the whole column; what it leaves out (nullability, default) is lost
            run(ctx.alterTable(DSL.name(t)).alterColumn(name).set(DdlParts.withDefault(type.nullable(definition.allowNull()), definition)));
            return;
        }
        if (isPostgres()) {
            run(DSL.query("ALTER TABLE {0} ALTER COLUMN {1} TYPE {2} USING {1}::{2}", DSL.name(t), name, DSL.sql(type.getCastTypeName(ctx.configuration()))));
        } else {
            run(ctx.alterTable(DSL.name(t)).alterColumn(name).set(type));
        }
        run(definition.allowNull() ? ctx.alterTable(DSL.name(t)).alterColumn(name).dropNotNull()
                : ctx.alterTable(DSL.name(t)).alterColumn(name).setNotNull());
        if (definition.defaultValue() != null) {
            run(ctx.alterTable(DSL.name(t)).alterColumn(name).setDefault(DdlParts.literal(definition.defaultValue(), type)));
        } else {
            run(ctx.alterTable(DSL.name(t)).alterColumn(name).dropDefault());
        }
    }

    /** Renames a column, keeping its rows, type and keys. */
    public void renameColumn(String table, String from, String to) {
        Identifiers.check(to, "new column name");
        begin("renameColumn " + table + "." + from + " to " + to);
        String t = existingTable(table);
        TableDescription.Column c = existingColumn(describe(t), from);
        run(ctx.alterTable(DSL.name(t)).renameColumn(DSL.name(c.name())).to(DSL.name(to)));
    }

    // ---- indexes and constraints ------------------------------------------------------------------------------

    /** {@code CREATE [UNIQUE] INDEX}, named {@code idx_<table>_<columns>} (or {@code uq_...}) unless the index is named. */
    public void addIndex(String table, IndexDefinition index) {
        String t = existingTable(table);
        String name = index.name() != null ? index.name() : parts.constraintName(index.isUnique() ? "uq" : "idx", t, index.columns());
        begin("addIndex " + t + "." + name);
        run((index.isUnique() ? ctx.createUniqueIndex(DSL.name(name)) : ctx.createIndex(DSL.name(name)))
                .on(DSL.table(DSL.name(t)), DdlParts.fields(index.columns())));
    }

    /** Drops an index by name (on MySQL an index belongs to its table, hence the table). */
    public void removeIndex(String table, String name) {
        begin("removeIndex " + table + "." + name);
        String t = existingTable(table);
        run(ctx.dropIndex(DSL.name(name)).on(DSL.table(DSL.name(t))));
    }

    /**
     * Adds a constraint to a table that exists, e.g. a foreign key between two tables created before (Sequelize's
     * {@code addConstraint}). On SQLite a unique constraint is a unique index of the same name; the other kinds
     * rebuild the table.
     */
    public void addConstraint(String table, TableConstraint constraint) {
        begin("addConstraint " + table + "." + constraint.name());
        String t = existingTable(table);
        TableDescription d = describe(t);
        for (String c : constraint.columns()) {
            existingColumn(d, c);
        }
        if (isSqlite()) {
            if (constraint instanceof TableConstraint.Unique u) {
                run(ctx.createUniqueIndex(DSL.name(u.name())).on(DSL.table(DSL.name(t)), DdlParts.fields(u.columns())));
            } else {
                SqliteRebuild.of(this, t).addConstraint(constraint).run();
            }
            return;
        }
        run(ctx.alterTable(DSL.name(t)).add(render(constraint)));
    }

    /** Drops a constraint by name, whatever its kind (foreign key, unique, check, primary key). */
    public void removeConstraint(String table, String name) {
        begin("removeConstraint " + table + "." + name);
        String t = existingTable(table);
        TableDescription d = describe(t);
        Kind kind = Kind.OTHER;
        if (d.foreignKeys().stream().anyMatch(f -> f.name().equalsIgnoreCase(name))) {
            kind = Kind.FOREIGN_KEY;
        } else if (d.indexes().stream().anyMatch(i -> i.name().equalsIgnoreCase(name))) {
            kind = Kind.INDEX;
        } else if (parts.constraintName("pk", t, List.of()).equalsIgnoreCase(name) || name.equalsIgnoreCase("PRIMARY")) {
            kind = Kind.PRIMARY_KEY;
        }
        if (isSqlite()) {
            if (kind == Kind.INDEX && SqliteRebuild.isStandaloneIndex(this, name)) {
                run(ctx.dropIndex(DSL.name(name)));
            } else {
                SqliteRebuild.of(this, t).removeConstraint(name).run();
            }
            return;
        }
        dropConstraint(t, name, kind);
    }

    private enum Kind { FOREIGN_KEY, INDEX, PRIMARY_KEY, OTHER }

    private void dropConstraint(String table, String name, Kind kind) {
        if (isMysql()) {
            switch (kind) {
                case FOREIGN_KEY: run(ctx.alterTable(DSL.name(table)).dropForeignKey(DSL.name(name))); return;
                case INDEX: run(ctx.dropIndex(DSL.name(name)).on(DSL.table(DSL.name(table)))); return;
                case PRIMARY_KEY: run(DSL.query("ALTER TABLE {0} DROP PRIMARY KEY", DSL.name(table))); return;
                default: break;
            }
        }
        run(ctx.alterTable(DSL.name(table)).dropConstraint(DSL.name(name)));
    }

    // ---- what the database holds ------------------------------------------------------------------------------

    /** The base tables of the current schema, sorted (Sequelize's {@code showAllTables}). */
    public List<String> showAllTables() {
        return live(LiveSchema::tables);
    }

    /** Whether a table exists (its name matched exactly, or else ignoring case). */
    public boolean tableExists(String table) {
        return live(s -> s.find(table)) != null;
    }

    /**
     * A table's columns, keys and indexes (Sequelize's {@code describeTable}).
     *
     * @throws SchemaException naming the tables that exist when there is no such table
     */
    public TableDescription describeTable(String table) {
        return describe(existingTable(table));
    }

    /** The foreign keys a table holds (Sequelize's {@code getForeignKeyReferencesForTable}). */
    public List<TableDescription.ForeignKey> foreignKeysOf(String table) {
        String t = existingTable(table);
        return live(s -> s.foreignKeys(t));
    }

    /**
     * Inserts rows (Sequelize's {@code bulkInsert}); every value is a bind parameter. Seeders use it. The rows' keys
     * are the columns; every row must have the first row's keys.
     */
    public int bulkInsert(String table, List<Map<String, ?>> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        begin("bulkInsert " + table + " (" + rows.size() + " rows)");
        List<String> columns = List.copyOf(rows.get(0).keySet());
        var insert = ctx.insertInto(DSL.table(DSL.name(table)), DdlParts.fields(columns));
        org.jooq.InsertValuesStepN<org.jooq.Record> step = null;
        for (Map<String, ?> row : rows) {
            if (!row.keySet().equals(new java.util.HashSet<>(columns))) {
                throw new SchemaException("bulkInsert into " + table + ": a row has columns " + row.keySet() + ", the first row " + columns);
            }
            Object[] values = columns.stream().map(row::get).toArray();
            step = step == null ? insert.values(values) : step.values(values);
        }
        SqlStatement s = renderer.render(step);
        statements.add(s.toString());
        return dryRun ? 0 : executor.update(s);
    }

    // ---- raw SQL and transactions ------------------------------------------------------------------------------

    /**
     * Runs one statement of the caller's SQL as a step of its own (what a {@code .sql} migration is made of), values as
     * bind parameters; dry, it is only recorded. Returns the update count (0 when dry).
     */
    public int execute(String sql, @Nullable Object... binds) {
        Objects.requireNonNull(sql, "sql is null");
        begin("sql " + abbreviate(sql));
        SqlStatement s = new SqlStatement(sql, java.util.Arrays.asList(binds));
        statements.add(s.sql());
        return dryRun ? 0 : executor.update(s);
    }

    /** The rows of a query, each a map from column label to value in column order; reads run even when dry. */
    public List<Map<String, @Nullable Object>> select(String sql, @Nullable Object... binds) {
        return executor.query(new SqlStatement(sql, java.util.Arrays.asList(binds)), rs -> {
            List<Map<String, @Nullable Object>> rows = new ArrayList<>();
            java.sql.ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, @Nullable Object> row = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return new ResultReader.Result<>(rows, rows.size());
        });
    }

    /**
     * Runs {@code work} in one transaction that every statement of this thread joins (the schema API's and
     * {@code db}'s). On SQLite, foreign keys are off meanwhile, so that table rebuilds can run, and
     * {@code PRAGMA foreign_key_check} must find nothing before the commit. A migrator runs each migration so.
     */
    public <T extends @Nullable Object> T transaction(java.util.function.Supplier<T> work) {
        if (!isSqlite() || executor.inTransaction()) {
            return executor.inTransaction(work);
        }
        return executor.withConnection(c -> {
            boolean wasOn = select("PRAGMA foreign_keys").stream().anyMatch(r -> Integer.valueOf(1).equals(r.values().iterator().next()));
            executor.update(new SqlStatement("PRAGMA foreign_keys = OFF", List.of()));
            c.setAutoCommit(false);
            try {
                T result = work.get();
                SqliteRebuild.checkForeignKeys(this);
                c.commit();
                return result;
            } catch (RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
                if (wasOn) {
                    executor.update(new SqlStatement("PRAGMA foreign_keys = ON", List.of()));
                }
            }
        });
    }

    /** Whether the database commits DDL inside a transaction (PostgreSQL, SQLite) rather than implicitly (MySQL, H2). */
    public boolean hasTransactionalDdl() {
        return dialect().supports(dev.canopy.dialect.Capability.TRANSACTIONAL_DDL);
    }

    /** A name quoted for this database, for SQL a caller writes ({@code "users"}, {@code `users`}). */
    public String quote(String name) {
        return ctx.render(DSL.name(Identifiers.check(name, "name")));
    }

    private static String abbreviate(String sql) {
        String one = sql.replaceAll("\\s+", " ").trim();
        return one.length() <= 80 ? one : one.substring(0, 77) + "...";
    }

    // ---- inside -----------------------------------------------------------------------------------------------

    Executor executor() {
        return executor;
    }

    DSLContext context() {
        return ctx;
    }

    DdlParts parts() {
        return parts;
    }

    void begin(String operation) {
        operations.add(operation);
    }

    /** Renders and runs (or, dry, records) one statement. */
    void run(Query q) {
        run(renderer.render(q));
    }

    void run(SqlStatement s) {
        statements.add(s.sql());
        if (!dryRun) {
            executor.update(s);
        }
    }

    /** Runs a query for what it reads, even when dry (reading changes nothing). */
    <R> R read(String sql, List<Object> binds, ResultReader<R> reader) {
        return executor.query(new SqlStatement(sql, new ArrayList<>(binds)), reader);
    }

    @FunctionalInterface
    interface LiveRead<T> {
        T read(LiveSchema schema) throws SQLException;
    }

    /** Reads metadata on this thread's connection, so that a migration sees the tables it created in its transaction. */
    <T> T live(LiveRead<T> read) {
        return executor.withConnection(c -> read.read(new LiveSchema(c)));
    }

    TableDescription describe(String exactTable) {
        return live(s -> dryRun && s.find(exactTable) == null
                ? new TableDescription(exactTable, List.of(), List.of(), List.of(), List.of())
                : s.describe(exactTable));
    }

    /**
     * The table's name as the database spells it. Dry, a table that does not exist is taken as made by an earlier
     * statement that did not run (a migration before this one), so its name is used as given.
     */
    String existingTable(String table) {
        Identifiers.check(table, "table name");
        return live(s -> {
            String found = s.find(table);
            if (found == null && dryRun) {
                return table;
            }
            if (found == null) {
                throw new SchemaException("Table '" + table + "' does not exist; tables: " + String.join(", ", s.tables()));
            }
            return found;
        });
    }

    TableDescription.Column existingColumn(TableDescription d, String column) {
        TableDescription.Column c = d.column(column);
        if (c == null && dryRun && d.columns().isEmpty()) {
            return new TableDescription.Column(column, "", null, true, false, false, null);
        }
        if (c == null) {
            throw new SchemaException("Table " + d.name() + " has no column '" + column + "'; it has: " + String.join(", ", d.columnNames()));
        }
        return c;
    }

    boolean isSqlite() {
        return dialect().name().equals("sqlite");
    }

    boolean isMysql() {
        return dialect().jooqDialect().family() == org.jooq.SQLDialect.MYSQL || dialect().jooqDialect().family() == org.jooq.SQLDialect.MARIADB;
    }

    boolean isPostgres() {
        return dialect().jooqDialect().family() == org.jooq.SQLDialect.POSTGRES;
    }

    /** A constraint as jOOQ renders it, a foreign key's target spelled as the database spells it. */
    Constraint render(TableConstraint c) {
        return parts.constraint(c instanceof TableConstraint.ForeignKey fk ? resolved(fk) : c);
    }

    /**
     * A foreign key whose referenced table and columns are spelled as the database spells them, when the table exists:
     * {@code references("teams", "id")} then finds {@code TEAMS} that hand-written SQL created on H2, which folds
     * unquoted names to upper case.
     */
    private TableConstraint.ForeignKey resolved(TableConstraint.ForeignKey fk) {
        return live(s -> {
            String table = s.find(fk.referencedTable());
            if (table == null || table.equals(fk.referencedTable())) {
                return fk;
            }
            TableDescription d = s.describe(table);
            List<String> keys = fk.referencedColumns().stream().map(k -> d.column(k) == null ? k : d.column(k).name()).toList();
            return new TableConstraint.ForeignKey(fk.name(), fk.columns(), table, keys, fk.onDelete(), fk.onUpdate());
        });
    }

}
