package dev.canopy.schema;

import dev.canopy.error.ForeignKeyConstraintException;
import dev.canopy.error.SchemaException;
import dev.canopy.exec.Executor;
import dev.canopy.exec.ResultReader;
import dev.canopy.model.ReferentialAction;
import dev.canopy.sql.SqlStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The table rebuild SQLite documents for what its {@code ALTER TABLE} cannot do
 * (<a href="https://www.sqlite.org/lang_altertable.html#otheralter">lang_altertable §7</a>). The table is read back as
 * SQLite holds it ({@code pragma_table_info}, {@code pragma_foreign_key_list}, {@code pragma_index_list} and the
 * constraint names and checks of its {@code CREATE TABLE} text), changed, and made again: create the new table, copy
 * the rows, drop the old table, rename the new one, create the indexes again, then {@code PRAGMA foreign_key_check}.
 * Foreign keys are off meanwhile (so that dropping the old table neither cascades nor fails) and the whole is one
 * transaction; other tables' foreign keys name the table, not its storage, so they hold again after the rename.
 */
final class SqliteRebuild {
    /** A column as SQLite declared it: the type text, NOT NULL, the default as SQL text. */
    private record Col(String name, String declared, boolean notNull, @Nullable String defaultSql) {}

    /** A standalone index: its name, its CREATE INDEX text, its columns. */
    private record Idx(String name, String sql, List<String> columns) {}

    private static final Pattern NAMED = Pattern.compile(
            "CONSTRAINT\\s+(\"(?:[^\"]|\"\")+\"|`[^`]+`|\\[[^\\]]+\\]|[\\w$]+)\\s+(FOREIGN\\s+KEY|UNIQUE|CHECK|PRIMARY\\s+KEY)\\s*\\(",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CHECK = Pattern.compile("\\bCHECK\\s*\\(", Pattern.CASE_INSENSITIVE);

    private final SchemaApi api;
    private final String table;
    private final List<Col> columns = new ArrayList<>();
    /** Old column name → new column name, for the columns whose rows are copied. */
    private final Map<String, String> copied = new LinkedHashMap<>();
    private List<String> primaryKey = new ArrayList<>();
    private String primaryKeyName;
    private boolean autoIncrement;
    private final List<TableConstraint> constraints = new ArrayList<>();
    private final List<Idx> indexes = new ArrayList<>();

    private SqliteRebuild(SchemaApi api, String table) {
        this.api = api;
        this.table = table;
        this.primaryKeyName = api.parts().constraintName("pk", table, List.of());
    }

    /** The table as SQLite holds it now. */
    static SqliteRebuild of(SchemaApi api, String table) {
        SqliteRebuild r = new SqliteRebuild(api, table);
        r.read();
        return r;
    }

    /** Whether {@code name} is an index made by CREATE INDEX (not by a constraint of the table's own definition). */
    static boolean isStandaloneIndex(SchemaApi api, String name) {
        return api.read("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ? AND sql IS NOT NULL", List.of(name),
                rs -> new ResultReader.Result<>(rs.next() && rs.getInt(1) > 0, 1));
    }

    private void read() {
        String sql = api.read("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", List.of(table),
                rs -> new ResultReader.Result<>(rs.next() ? rs.getString(1) : "", 1));
        autoIncrement = sql.toUpperCase(Locale.ROOT).contains("AUTOINCREMENT");
        Map<Integer, String> pk = new java.util.TreeMap<>();
        api.read("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid", List.of(table), rs -> {
            while (rs.next()) {
                columns.add(new Col(rs.getString(1), rs.getString(2), rs.getInt(3) == 1, rs.getString(4)));
                copied.put(rs.getString(1), rs.getString(1));
                if (rs.getInt(5) > 0) {
                    pk.put(rs.getInt(5), rs.getString(1));
                }
            }
            return new ResultReader.Result<>(null, 0);
        });
        primaryKey = new ArrayList<>(pk.values());
        Map<String, String> names = new LinkedHashMap<>();
        List<String> checks = new ArrayList<>();
        namedParts(sql, names, checks);
        readForeignKeys(names);
        readUniques(names);
        for (int i = 0; i < checks.size(); i += 2) {
            constraints.add(TableConstraint.check(checks.get(i), checks.get(i + 1)));
        }
        api.read("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", List.of(table), rs -> {
            while (rs.next()) {
                indexes.add(new Idx(rs.getString(1), rs.getString(2), indexColumns(rs.getString(1))));
            }
            return new ResultReader.Result<>(null, 0);
        });
    }

    private void readForeignKeys(Map<String, String> names) {
        Map<Integer, List<String[]>> byId = new LinkedHashMap<>();
        api.read("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq",
                List.of(table), rs -> {
                    while (rs.next()) {
                        byId.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new String[] {rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6)});
                    }
                    return new ResultReader.Result<>(null, 0);
                });
        for (List<String[]> parts : byId.values()) {
            List<String> from = parts.stream().map(p -> p[1]).toList();
            List<String> to = parts.stream().map(p -> p[2]).toList();
            String name = names.getOrDefault("FOREIGN KEY " + from, api.parts().constraintName("fk", table, from));
            constraints.add(TableConstraint.foreignKey(name, from.toArray(String[]::new))
                    .references(parts.get(0)[0], to.toArray(String[]::new))
                    .onUpdate(action(parts.get(0)[3])).onDelete(action(parts.get(0)[4])));
        }
    }

    private void readUniques(Map<String, String> names) {
        List<String> autoIndexes = api.read("SELECT name FROM pragma_index_list(?) WHERE origin = 'u'", List.of(table), rs -> {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return new ResultReader.Result<>(out, out.size());
        });
        for (String index : autoIndexes) {
            List<String> cols = indexColumns(index);
            constraints.add(TableConstraint.unique(names.getOrDefault("UNIQUE " + cols, api.parts().constraintName("uq", table, cols)),
                    cols.toArray(String[]::new)));
        }
    }

    private List<String> indexColumns(String index) {
        return api.read("SELECT name FROM pragma_index_info(?) ORDER BY seqno", List.of(index), rs -> {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return new ResultReader.Result<>(out, out.size());
        });
    }

    /** The names of the table's named constraints by kind and columns, and its checks as name, condition pairs. */
    private void namedParts(String sql, Map<String, String> names, List<String> checks) {
        List<Integer> namedChecks = new ArrayList<>();
        Matcher m = NAMED.matcher(sql);
        while (m.find()) {
            String name = unquote(m.group(1));
            String kind = m.group(2).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            String inside = balanced(sql, m.end() - 1);
            if (kind.equals("CHECK")) {
                checks.add(name);
                checks.add(inside);
                namedChecks.add(m.end() - 1);
            } else if (kind.equals("PRIMARY KEY")) {
                primaryKeyName = name;
            } else {
                names.put(kind + " " + splitNames(inside), name);
            }
        }
        Matcher c = CHECK.matcher(sql);
        int n = 0;
        while (c.find()) {
            if (!namedChecks.contains(c.end() - 1)) {
                checks.add(api.parts().constraintName("ck", table, List.of(String.valueOf(++n))));
                checks.add(balanced(sql, c.end() - 1));
            }
        }
    }

    /** The text inside the parenthesis that opens at {@code open}, quotes respected. */
    private static String balanced(String sql, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0) {
                return sql.substring(open + 1, i).trim();
            }
        }
        throw new SchemaException("Cannot read the definition of SQLite table " + sql);
    }

    private static List<String> splitNames(String list) {
        List<String> out = new ArrayList<>();
        for (String part : list.split(",")) {
            out.add(unquote(part.trim()));
        }
        return out;
    }

    private static String unquote(String name) {
        if (name.length() >= 2 && (name.startsWith("\"") || name.startsWith("`") || name.startsWith("["))) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name;
    }

    private static ReferentialAction action(@Nullable String sql) {
        if (sql == null) {
            return ReferentialAction.NO_ACTION;
        }
        return switch (sql.toUpperCase(Locale.ROOT)) {
            case "CASCADE" -> ReferentialAction.CASCADE;
            case "SET NULL" -> ReferentialAction.SET_NULL;
            case "SET DEFAULT" -> ReferentialAction.SET_DEFAULT;
            case "RESTRICT" -> ReferentialAction.RESTRICT;
            default -> ReferentialAction.NO_ACTION;
        };
    }

    // ---- changes ----------------------------------------------------------------------------------------------

    SqliteRebuild addColumn(String column, ColumnDefinition d) {
        columns.add(col(column, d));
        if (d.isPrimaryKey()) {
            primaryKey.add(column);
        }
        if (d.isUnique()) {
            constraints.add(TableConstraint.unique(api.parts().constraintName("uq", table, List.of(column)), column));
        }
        if (d.referencedTable() != null) {
            constraints.add(api.parts().columnForeignKey(table, column, d));
        }
        return this;
    }

    SqliteRebuild removeColumn(String column) {
        columns.removeIf(c -> c.name().equals(column));
        copied.remove(column);
        primaryKey.remove(column);
        constraints.removeIf(c -> c.columns().contains(column));
        indexes.removeIf(i -> i.columns().contains(column));
        return this;
    }

    SqliteRebuild changeColumn(String column, ColumnDefinition d) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                columns.set(i, col(column, d.allowNull(d.allowNull() && !primaryKey.contains(column))));
            }
        }
        return this;
    }

    SqliteRebuild addConstraint(TableConstraint c) {
        if (c instanceof TableConstraint.PrimaryKey p) {
            primaryKey = new ArrayList<>(p.columns());
            primaryKeyName = p.name();
            autoIncrement = false;
        } else {
            constraints.add(c);
        }
        return this;
    }

    SqliteRebuild removeConstraint(String name) {
        if (name.equalsIgnoreCase(primaryKeyName)) {
            primaryKey.clear();
            autoIncrement = false;
            return this;
        }
        if (!constraints.removeIf(c -> c.name().equalsIgnoreCase(name))) {
            throw new SchemaException("Table " + table + " has no constraint '" + name + "'; it has: "
                    + String.join(", ", constraints.stream().map(TableConstraint::name).toList())
                    + (primaryKey.isEmpty() ? "" : ", " + primaryKeyName));
        }
        return this;
    }

    private Col col(String name, ColumnDefinition d) {
        org.jooq.DataType<?> type = api.dialect().columnType(dev.canopy.plan.JooqTypes.of(d.type()));
        String defaultSql = d.defaultValue() == null ? null : api.context().render(DdlParts.literal(d.defaultValue(), type));
        return new Col(name, type.getCastTypeName(api.context().configuration()), !d.allowNull(), defaultSql);
    }

    // ---- the rebuild ------------------------------------------------------------------------------------------

    /** The statements of the rebuild, in order. */
    private List<String> statements() {
        String temp = "canopy_rebuild_" + table;
        List<String> out = new ArrayList<>();
        out.add(createTable(temp));
        String from = String.join(", ", copied.keySet().stream().map(SqliteRebuild::quote).toList());
        String to = String.join(", ", copied.values().stream().map(SqliteRebuild::quote).toList());
        if (!copied.isEmpty()) {
            out.add("INSERT INTO " + quote(temp) + " (" + to + ") SELECT " + from + " FROM " + quote(table));
        }
        out.add("DROP TABLE " + quote(table));
        out.add("ALTER TABLE " + quote(temp) + " RENAME TO " + quote(table));
        for (Idx i : indexes) {
            out.add(i.sql());
        }
        return out;
    }

    private String createTable(String name) {
        List<String> parts = new ArrayList<>();
        boolean inlineKey = autoIncrement && primaryKey.size() == 1;
        for (Col c : columns) {
            StringBuilder sb = new StringBuilder(quote(c.name())).append(' ').append(c.declared().isEmpty() ? "" : c.declared());
            if (inlineKey && primaryKey.get(0).equals(c.name())) {
                sb.append(" PRIMARY KEY AUTOINCREMENT");
            }
            if (c.notNull()) {
                sb.append(" NOT NULL");
            }
            if (c.defaultSql() != null) {
                sb.append(" DEFAULT ").append(c.defaultSql().startsWith("(") ? c.defaultSql() : "(" + c.defaultSql() + ")");
            }
            parts.add(sb.toString().replace("  ", " "));
        }
        if (!primaryKey.isEmpty() && !inlineKey) {
            parts.add(api.context().render(DSL.constraint(DSL.name(primaryKeyName)).primaryKey(DdlParts.names(primaryKey))));
        }
        for (TableConstraint c : constraints) {
            parts.add(api.context().render(api.render(c)));
        }
        return "CREATE TABLE " + quote(name) + " (" + String.join(", ", parts) + ")";
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * Runs the rebuild: in the caller's transaction when there is one and foreign keys are already off there (a
     * migration's), else in a transaction of its own on one connection with foreign keys off.
     */
    void run() {
        if (api.isDryRun() && copied.isEmpty() && !api.live(s -> s.find(table) != null)) {
            api.run(new SqlStatement("-- SQLite rebuilds table " + table + " here (it does not exist before this dry run, so the "
                    + "rebuild's statements cannot be shown)", List.of()));
            return;
        }
        List<String> sql = statements();
        if (api.isDryRun()) {
            sql.forEach(s -> api.run(new SqlStatement(s, List.of())));
            return;
        }
        Executor executor = api.executor();
        if (executor.inTransaction()) {
            if (foreignKeysOn()) {
                throw new SchemaException("SQLite must rebuild table " + table + " for this change, which needs foreign keys off; SQLite "
                        + "ignores PRAGMA foreign_keys inside a transaction. Run it outside a transaction, or in a migration (the migrator "
                        + "turns them off for SQLite)");
            }
            apply(sql);
            return;
        }
        executor.withConnection(c -> {
            boolean wasOn = foreignKeysOn();
            executor.update(new SqlStatement("PRAGMA foreign_keys = OFF", List.of()));
            c.setAutoCommit(false);
            try {
                apply(sql);
                c.commit();
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
                if (wasOn) {
                    executor.update(new SqlStatement("PRAGMA foreign_keys = ON", List.of()));
                }
            }
            return null;
        });
    }

    private boolean foreignKeysOn() {
        return api.read("PRAGMA foreign_keys", List.of(), rs -> new ResultReader.Result<>(rs.next() && rs.getInt(1) == 1, 1));
    }

    private void apply(List<String> sql) {
        for (String s : sql) {
            api.run(new SqlStatement(s, List.of()));
        }
        checkForeignKeys(api);
    }

    /** Fails (and so rolls back) when a row's foreign key points at nothing, naming the first few. */
    static void checkForeignKeys(SchemaApi api) {
        List<String> broken = api.read("PRAGMA foreign_key_check", List.of(), rs -> {
            List<String> out = new ArrayList<>();
            while (rs.next() && out.size() < 5) {
                out.add(rs.getString(1) + " row " + rs.getString(2) + " -> " + rs.getString(3));
            }
            return new ResultReader.Result<>(out, out.size());
        });
        if (!broken.isEmpty()) {
            throw new ForeignKeyConstraintException("SQLite foreign_key_check after rebuilding found rows whose foreign key points at "
                    + "nothing: " + String.join("; ", broken), null);
        }
    }
}
