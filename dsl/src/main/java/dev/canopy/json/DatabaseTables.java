package dev.canopy.json;

import dev.canopy.model.DataType;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The tables of a live database as JDBC's {@link DatabaseMetaData} describes them, in the connection's current
 * catalog and schema. Names are matched exactly first, then ignoring case, because databases fold unquoted
 * identifiers ({@code track} is {@code TRACK} in H2, {@code track} in PostgreSQL).
 */
final class DatabaseTables {
    /** One column: its name, JDBC type, declared size and digits, and nullability. */
    record DbColumn(String name, int sqlType, String typeName, int size, int digits, boolean nullable, boolean autoIncrement) {
        /** The Canopy type of the column, or null when Canopy has none for it (binary, time of day, arrays, ...). */
        @Nullable DataType<?> dataType() {
            return DataType.ofJdbc(sqlType, typeName, size, digits);
        }
    }

    /** One table: its exact name, its columns in table order, and its primary key's column names in key order. */
    record Table(String name, List<DbColumn> columns, List<String> primaryKey) {
        /** The column with a name, exactly or else ignoring case; null when none. */
        @Nullable DbColumn column(String wanted) {
            DbColumn folded = null;
            for (DbColumn c : columns) {
                if (c.name().equals(wanted)) {
                    return c;
                }
                if (c.name().equalsIgnoreCase(wanted)) {
                    folded = c;
                }
            }
            return folded;
        }

        String columnNames() {
            return String.join(", ", columns.stream().map(DbColumn::name).toList());
        }
    }

    /** A single-column foreign key: {@code column} of this table refers to {@code referencedColumn} of {@code referencedTable}. */
    record ForeignKey(String column, String referencedTable, String referencedColumn) {}

    private final DatabaseMetaData md;
    private final @Nullable String catalog;
    private final @Nullable String schema;
    private @Nullable List<String> tableNames;

    DatabaseTables(Connection c) throws SQLException {
        this.md = c.getMetaData();
        this.catalog = c.getCatalog();
        String s;
        try {
            s = c.getSchema();
        } catch (SQLException | AbstractMethodError | UnsupportedOperationException e) {
            s = null;
        }
        this.schema = s;
    }

    /** Every table and view of the current schema, sorted. */
    List<String> tableNames() throws SQLException {
        if (tableNames == null) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = md.getTables(catalog, schema, "%", null)) {
                while (rs.next()) {
                    String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
                    if (type.contains("TABLE") && !type.contains("SYSTEM") || type.contains("VIEW") && !type.contains("SYSTEM")) {
                        names.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            names.sort(String.CASE_INSENSITIVE_ORDER);
            tableNames = names;
        }
        return tableNames;
    }

    /** The base tables of the current schema (no views), sorted. */
    List<String> baseTableNames() throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = md.getTables(catalog, schema, "%", null)) {
            while (rs.next()) {
                String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
                if (type.equals("TABLE") || type.equals("BASE TABLE")) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    /** The table with an exact name, as the database reports it. */
    Table exactly(String table) throws SQLException {
        return read(table);
    }

    /**
     * The single-column foreign keys of a table, ordered by referenced table and column (the same order on every
     * database, whatever it names its keys); composite foreign keys are left out.
     *
     * <p>A key is told apart by its name where it has one, else by its own rows: the SQLite driver reports {@code ""}
     * as the name of every unnamed key, so grouping by name alone merged them into one bogus composite key. The rows
     * of one key come together, in {@code KEY_SEQ} order, so an unnamed key starts where {@code KEY_SEQ} is back at 1.
     */
    List<ForeignKey> foreignKeys(String table) throws SQLException {
        List<List<ForeignKey>> keys = new ArrayList<>();
        Map<String, List<ForeignKey>> named = new java.util.HashMap<>();
        List<ForeignKey> unnamed = null;
        try (ResultSet rs = md.getImportedKeys(catalog, schema, table)) {
            while (rs.next()) {
                String name = rs.getString("FK_NAME");
                ForeignKey part = new ForeignKey(rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_NAME"), rs.getString("PKCOLUMN_NAME"));
                if (name != null && !name.isEmpty()) {
                    named.computeIfAbsent(part.referencedTable() + "\u0000" + name, k -> {
                        List<ForeignKey> key = new ArrayList<>();
                        keys.add(key);
                        return key;
                    }).add(part);
                    continue;
                }
                if (unnamed == null || rs.getInt("KEY_SEQ") <= 1 || !unnamed.get(0).referencedTable().equals(part.referencedTable())) {
                    unnamed = new ArrayList<>();
                    keys.add(unnamed);
                }
                unnamed.add(part);
            }
        }
        List<ForeignKey> out = new ArrayList<>();
        for (List<ForeignKey> parts : keys) {
            if (parts.size() == 1) {
                out.add(parts.get(0));
            }
        }
        out.sort(java.util.Comparator.comparing(ForeignKey::referencedTable).thenComparing(ForeignKey::column));
        return out;
    }

    /** The columns of a table that a single-column unique index covers. */
    java.util.Set<String> uniqueColumns(String table) throws SQLException {
        Map<String, List<String>> byIndex = new TreeMap<>();
        try (ResultSet rs = md.getIndexInfo(catalog, schema, table, true, true)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index != null && column != null && !rs.getBoolean("NON_UNIQUE")) {
                    byIndex.computeIfAbsent(index, k -> new ArrayList<>()).add(column);
                }
            }
        }
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        byIndex.values().stream().filter(cols -> cols.size() == 1).forEach(cols -> out.add(cols.get(0)));
        return out;
    }

    /** The table with a name, exactly or else ignoring case; null when there is none. */
    @Nullable Table table(String wanted) throws SQLException {
        String found = null;
        for (String name : tableNames()) {
            if (name.equals(wanted)) {
                found = name;
                break;
            }
            if (found == null && name.equalsIgnoreCase(wanted)) {
                found = name;
            }
        }
        return found == null ? null : read(found);
    }

    private Table read(String table) throws SQLException {
        Map<Integer, DbColumn> columns = new TreeMap<>();
        try (ResultSet rs = md.getColumns(catalog, schema, escape(table), "%")) {
            while (rs.next()) {
                if (!table.equals(rs.getString("TABLE_NAME"))) {
                    continue;
                }
                columns.put(rs.getInt("ORDINAL_POSITION"), new DbColumn(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"),
                        String.valueOf(rs.getString("TYPE_NAME")), rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"),
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls, "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"))));
            }
        }
        Map<Integer, String> key = new TreeMap<>();
        try (ResultSet rs = md.getPrimaryKeys(catalog, schema, table)) {
            while (rs.next()) {
                key.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return new Table(table, List.copyOf(columns.values()), List.copyOf(key.values()));
    }

    /** A table name as a metadata pattern: {@code _} and {@code %} are wildcards there. */
    private String escape(String name) throws SQLException {
        String esc = md.getSearchStringEscape();
        if (esc == null || esc.isEmpty()) {
            return name;
        }
        return name.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
    }
}
