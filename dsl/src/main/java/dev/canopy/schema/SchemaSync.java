package dev.canopy.schema;

import dev.canopy.exec.ResultReader;
import dev.canopy.model.Column;
import dev.canopy.model.DataType;
import dev.canopy.model.Model;
import dev.canopy.model.ReferentialAction;
import dev.canopy.model.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings a database to a schema's models through the {@link SchemaApi}: creates missing tables in foreign-key order
 * (a foreign key to a table that does not exist yet, as in a cycle, is added with {@code addConstraint} once both
 * exist), and with {@code alter} compares each existing table with its model and applies the difference. Where DDL
 * is transactional (PostgreSQL, SQLite) the whole sync is one transaction.
 */
public final class SchemaSync {
    private final SchemaApi api;
    private final Schema schema;
    private final SyncOptions options;
    private final List<String> changes = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    private SchemaSync(SchemaApi api, Schema schema, SyncOptions options) {
        this.api = options.isDryRun() ? api.dryRun() : api;
        this.schema = schema;
        this.options = options;
    }

    /** Syncs {@code schema} through {@code api} as {@code options} allow. */
    public static SyncResult run(SchemaApi api, Schema schema, SyncOptions options) {
        SchemaSync sync = new SchemaSync(api, schema, options);
        // where DDL is transactional, a sync that fails half-way leaves the database as it found it
        return api.hasTransactionalDdl() && !options.isDryRun() ? api.transaction(sync::run) : sync.run();
    }

    private SyncResult run() {
        Map<Model, List<SchemaDdl.ForeignKey>> fks = SchemaDdl.foreignKeys(schema);
        List<Model> order = SchemaDdl.creationOrder(schema, fks);
        Set<String> existing = new HashSet<>();
        api.showAllTables().forEach(t -> existing.add(DdlParts.lower(t)));
        if (options.isForce()) {
            dropCycleKeys(order, existing);
            for (int i = order.size() - 1; i >= 0; i--) {
                String t = order.get(i).tableName();
                if (existing.remove(DdlParts.lower(t))) {
                    api.dropTable(t);
                    changes.add("drop table " + t);
                }
            }
        }
        Set<String> before = new HashSet<>(existing);
        List<Runnable> deferred = new ArrayList<>();
        for (Model m : order) {
            if (existing.contains(DdlParts.lower(m.tableName()))) {
                continue;
            }
            List<TableConstraint> now = new ArrayList<>();
            for (SchemaDdl.ForeignKey fk : fks.getOrDefault(m, List.of())) {
                TableConstraint.ForeignKey c = constraint(fk);
                // SQLite checks a foreign key's target when rows are written, not when the table is created
                if (fk.target() == m || existing.contains(DdlParts.lower(fk.target().tableName())) || api.isSqlite()) {
                    now.add(c);
                } else {
                    deferred.add(() -> {
                        api.addConstraint(m.tableName(), c);
                        changes.add("add foreign key " + m.tableName() + "." + fk.column().field() + " -> " + fk.target().tableName());
                    });
                }
            }
            TableOptions opts = TableOptions.none().primaryKey(m.primaryKey().stream().map(Column::field).toArray(String[]::new));
            for (TableConstraint c : now) {
                opts = opts.constraint(c);
            }
            api.createTable(m.tableName(), columns(m), opts);
            existing.add(DdlParts.lower(m.tableName()));
            changes.add("create table " + m.tableName());
        }
        deferred.forEach(Runnable::run);
        if (options.isAlter()) {
            for (Model m : order) {
                if (before.contains(DdlParts.lower(m.tableName()))) {
                    alter(m, fks.getOrDefault(m, List.of()));
                }
            }
        }
        return new SyncResult(changes, api.statements(), skipped);
    }

    /**
     * Before {@code force} drops the tables, referencing tables first: a foreign key from a table dropped later to one
     * dropped earlier (a cycle) would refuse the drop, so it goes first. SQLite needs none of it: the sync runs with
     * its foreign keys off.
     */
    private void dropCycleKeys(List<Model> order, Set<String> existing) {
        if (api.isSqlite()) {
            return;
        }
        List<String> dropOrder = new ArrayList<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            dropOrder.add(DdlParts.lower(order.get(i).tableName()));
        }
        for (Model m : order) {
            String holder = DdlParts.lower(m.tableName());
            if (!existing.contains(holder)) {
                continue;
            }
            for (TableDescription.ForeignKey fk : api.foreignKeysOf(m.tableName())) {
                int target = dropOrder.indexOf(DdlParts.lower(fk.referencedTable()));
                if (target >= 0 && target < dropOrder.indexOf(holder)) {
                    api.removeConstraint(m.tableName(), fk.name());
                }
            }
        }
    }

    private void alter(Model m, List<SchemaDdl.ForeignKey> fks) {
        TableDescription live = api.describeTable(m.tableName());
        String table = live.name();
        for (Column<?> c : m.columns()) {
            TableDescription.Column l = live.column(c.field());
            ColumnDefinition want = definition(c);
            if (l == null) {
                if (!want.allowNull() && want.defaultValue() == null && !want.isAutoIncrement() && hasRows(table)) {
                    want = want.allowNull(true);
                    skipped.add("column " + table + "." + c.field() + " was added as NULL, not NOT NULL: the table has rows. Fill it, then "
                            + "sync again (or changeColumn) to make it NOT NULL");
                }
                api.addColumn(table, c.field(), want);
                changes.add("add column " + table + "." + c.field());
                continue;
            }
            if (c.isPrimaryKey() || c.isAutoIncrement()) {
                continue;
            }
            boolean nullChange = l.allowNull() != c.allowNull();
            boolean typeChange = !sameType(c.type(), l);
            if (nullChange || typeChange) {
                if (nullChange && !c.allowNull() && hasNulls(table, l.name())) {
                    skipped.add("column " + table + "." + l.name() + " stays NULL: rows hold NULL in it. Fill them, then sync again");
                    want = want.allowNull(true);
                    if (!typeChange) {
                        continue;
                    }
                }
                api.changeColumn(table, l.name(), want);
                changes.add("change column " + table + "." + l.name() + (typeChange ? " type " + l.typeName() + " -> " + c.type() : "")
                        + (nullChange ? (c.allowNull() ? " NULL" : " NOT NULL") : ""));
            }
        }
        for (TableDescription.Column l : live.columns()) {
            if (m.findColumnByField(l.name()) == null && m.columns().stream().noneMatch(c -> c.field().equalsIgnoreCase(l.name()))) {
                if (options.isDropColumns()) {
                    api.removeColumn(table, l.name());
                    changes.add("drop column " + table + "." + l.name());
                } else {
                    skipped.add("column " + table + "." + l.name() + " is not in model " + m.name() + " and was kept; drop it with "
                            + "--drop-columns (SyncOptions.dropColumns()) or a migration");
                }
            }
        }
        for (SchemaDdl.ForeignKey fk : fks) {
            boolean present = live.foreignKeys().stream().anyMatch(f -> f.columns().size() == 1
                    && f.columns().get(0).equalsIgnoreCase(fk.column().field()) && f.referencedTable().equalsIgnoreCase(fk.target().tableName()));
            if (!present) {
                api.addConstraint(table, constraint(fk));
                changes.add("add foreign key " + table + "." + fk.column().field() + " -> " + fk.target().tableName());
            }
        }
        for (TableDescription.ForeignKey f : live.foreignKeys()) {
            boolean wanted = fks.stream().anyMatch(fk -> f.columns().size() == 1 && f.columns().get(0).equalsIgnoreCase(fk.column().field())
                    && f.referencedTable().equalsIgnoreCase(fk.target().tableName()));
            if (!wanted) {
                api.removeConstraint(table, f.name());
                changes.add("drop foreign key " + table + "." + f.name());
            }
        }
        for (Column<?> c : m.columns()) {
            if (c.isUnique() && !c.isPrimaryKey() && live.column(c.field()) != null && live.indexes().stream()
                    .noneMatch(i -> i.unique() && i.columns().size() == 1 && i.columns().get(0).equalsIgnoreCase(c.field()))) {
                api.addIndex(table, IndexDefinition.on(c.field()).unique());
                changes.add("add unique index " + table + "." + c.field());
            }
        }
    }

    private boolean hasRows(String table) {
        return api.read("SELECT 1 FROM " + api.context().render(org.jooq.impl.DSL.name(table)) + " WHERE 1 = 1", List.of(),
                rs -> new ResultReader.Result<>(rs.next(), 1));
    }

    private boolean hasNulls(String table, String column) {
        return api.read("SELECT 1 FROM " + api.context().render(org.jooq.impl.DSL.name(table)) + " WHERE "
                + api.context().render(org.jooq.impl.DSL.name(column)) + " IS NULL", List.of(), rs -> new ResultReader.Result<>(rs.next(), 1));
    }

    /**
     * Whether a live column holds what the model's type holds. SQLite's declared types are advice (any column holds any
     * value), so only nullability is compared there; elsewhere types compare by family, strings and decimals by size.
     */
    private boolean sameType(DataType<?> want, TableDescription.Column live) {
        DataType<?> l = live.type();
        if (l == null || api.isSqlite()) {
            return true;
        }
        switch (want.kind()) {
            case STRING:
                return l.kind() == DataType.Kind.STRING ? l.length() == want.length() : l.kind() != DataType.Kind.INTEGER && l.kind() != DataType.Kind.BIGINT;
            case TEXT: case JSON:
                return l.kind() == DataType.Kind.TEXT || l.kind() == DataType.Kind.JSON || l.kind() == DataType.Kind.STRING;
            case UUID:
                return l.kind() == DataType.Kind.UUID || l.kind() == DataType.Kind.STRING || l.kind() == DataType.Kind.TEXT;
            case BOOLEAN:
                return l.kind() == DataType.Kind.BOOLEAN || l.kind() == DataType.Kind.INTEGER;
            case DECIMAL:
                return l.kind() == DataType.Kind.DECIMAL && (l.length() == want.length() && l.scale() == want.scale() || l.length() == 0);
            default:
                return l.kind() == want.kind();
        }
    }

    private static Columns columns(Model m) {
        Columns out = null;
        for (Column<?> c : m.columns()) {
            ColumnDefinition d = definition(c);
            out = out == null ? Columns.of(c.field(), d) : out.and(c.field(), d);
        }
        return out;
    }

    private static ColumnDefinition definition(Column<?> c) {
        ColumnDefinition d = ColumnDefinition.of(c.type()).allowNull(c.allowNull());
        if (c.defaultValue() != null) {
            d = d.defaultValue(c.defaultValue());
        }
        if (c.isAutoIncrement()) {
            d = d.autoIncrement();
        }
        if (c.isUnique() && !c.isPrimaryKey()) {
            d = d.unique();
        }
        return d;
    }

    private TableConstraint.ForeignKey constraint(SchemaDdl.ForeignKey fk) {
        ReferentialAction onDelete = fk.onDelete() == ReferentialAction.SET_NULL && !fk.column().allowNull() ? ReferentialAction.NO_ACTION : fk.onDelete();
        return TableConstraint.foreignKey(api.parts().constraintName("fk", fk.holder().tableName(), List.of(fk.column().field())), fk.column().field())
                .references(fk.target().tableName(), fk.key().field()).onDelete(onDelete).onUpdate(fk.onUpdate());
    }
}
