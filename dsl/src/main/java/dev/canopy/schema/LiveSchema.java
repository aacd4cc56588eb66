package dev.canopy.schema;

import dev.canopy.model.DataType;
import dev.canopy.model.ReferentialAction;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The tables of the connection's current catalog and schema, read through JDBC's {@link DatabaseMetaData}, which every
 * driver implements: what {@code describeTable}, {@code showAllTables}, {@code foreignKeysOf} and {@code sync(alter)}
 * compare against. Names are matched exactly first, then ignoring case, because databases fold unquoted names.
 */
final class LiveSchema {
    private final DatabaseMetaData md;
    private final @Nullable String catalog;
    private final @Nullable String schema;

    LiveSchema(Connection c) throws SQLException {
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

    /** The base tables (no views, no system tables), sorted ignoring case. */
    List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = md.getTables(catalog, schema, "%", null)) {
            while (rs.next()) {
                String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
                String name = rs.getString("TABLE_NAME");
                if ((type.equals("TABLE") || type.equals("BASE TABLE")) && !name.startsWith("sqlite_")) {
                    names.add(name);
                }
            }
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    /** The table's name as the database spells it, matched exactly or else ignoring case; null when there is none. */
    @Nullable String find(String wanted) throws SQLException {
        String folded = null;
        for (String t : tables()) {
            if (t.equals(wanted)) {
                return t;
            }
            if (t.equalsIgnoreCase(wanted)) {
                folded = t;
            }
        }
        return folded;
    }

    /** The description of a table whose exact name is {@code table}. */
    TableDescription describe(String table) throws SQLException {
        Map<Integer, String> key = new TreeMap<>();
        String pkName = null;
        try (ResultSet rs = md.getPrimaryKeys(catalog, schema, table)) {
            while (rs.next()) {
                key.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                pkName = rs.getString("PK_NAME");
            }
        }
        List<String> primaryKey = List.copyOf(key.values());
        Map<Integer, TableDescription.Column> columns = new TreeMap<>();
        try (ResultSet rs = md.getColumns(catalog, schema, escape(table), "%")) {
            while (rs.next()) {
                if (!table.equals(rs.getString("TABLE_NAME"))) {
                    continue;
                }
                String name = rs.getString("COLUMN_NAME");
                String typeName = String.valueOf(rs.getString("TYPE_NAME"));
                columns.put(rs.getInt("ORDINAL_POSITION"), new TableDescription.Column(name, typeName,
                        dataType(rs.getInt("DATA_TYPE"), typeName, rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS")),
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls && !primaryKey.contains(name), primaryKey.contains(name),
                        "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT")), rs.getString("COLUMN_DEF")));
            }
        }
        return new TableDescription(table, List.copyOf(columns.values()), primaryKey, foreignKeys(table), indexes(table, pkName, primaryKey));
    }

    List<TableDescription.ForeignKey> foreignKeys(String table) throws SQLException {
        Map<String, List<String[]>> parts = new LinkedHashMap<>();
        Map<String, ReferentialAction[]> actions = new LinkedHashMap<>();
        try (ResultSet rs = md.getImportedKeys(catalog, schema, table)) {
            while (rs.next()) {
                String name = rs.getString("FK_NAME");
                String pkTable = rs.getString("PKTABLE_NAME");
                int seq = rs.getInt("KEY_SEQ");
                if (name == null || name.isEmpty()) {
                    name = "fk_" + table + "_" + rs.getString("FKCOLUMN_NAME");
                    if (seq > 1) {
                        // an unnamed composite key: its later columns belong to the key its first column opened
                        name = parts.keySet().stream().reduce((a, b) -> b).orElse(name);
                    }
                }
                parts.computeIfAbsent(name, k -> new ArrayList<>()).add(new String[] {rs.getString("FKCOLUMN_NAME"), pkTable,
                        rs.getString("PKCOLUMN_NAME"), String.valueOf(seq)});
                actions.put(name, new ReferentialAction[] {action(rs.getShort("DELETE_RULE")), action(rs.getShort("UPDATE_RULE"))});
            }
        }
        List<TableDescription.ForeignKey> out = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> e : parts.entrySet()) {
            List<String[]> p = new ArrayList<>(e.getValue());
            p.sort((a, b) -> Integer.compare(Integer.parseInt(a[3]), Integer.parseInt(b[3])));
            ReferentialAction[] a = actions.get(e.getKey());
            out.add(new TableDescription.ForeignKey(e.getKey(), p.stream().map(x -> x[0]).toList(), p.get(0)[1],
                    p.stream().map(x -> x[2]).toList(), a[0], a[1]));
        }
        return out;
    }

    private List<TableDescription.Index> indexes(String table, @Nullable String pkName, List<String> primaryKey) throws SQLException {
        Map<String, Map<Integer, String>> columns = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        try (ResultSet rs = md.getIndexInfo(catalog, schema, table, false, true)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (name == null || column == null || rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
                    continue;
                }
                columns.computeIfAbsent(name, k -> new TreeMap<>()).put((int) rs.getShort("ORDINAL_POSITION"), column);
                unique.put(name, !rs.getBoolean("NON_UNIQUE"));
            }
        }
        List<TableDescription.Index> out = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, String>> e : columns.entrySet()) {
            List<String> cols = List.copyOf(e.getValue().values());
            boolean isUnique = unique.get(e.getKey());
            boolean isPk = e.getKey().equals(pkName) || e.getKey().equals("PRIMARY") || (isUnique && cols.equals(primaryKey)
                    && (e.getKey().startsWith("sqlite_autoindex") || e.getKey().startsWith("PRIMARY_KEY") || e.getKey().endsWith("_pkey")));
            if (!isPk) {
                out.add(new TableDescription.Index(e.getKey(), cols, isUnique));
            }
        }
        return out;
    }

    private static ReferentialAction action(short rule) {
        switch (rule) {
            case DatabaseMetaData.importedKeyCascade: return ReferentialAction.CASCADE;
            case DatabaseMetaData.importedKeySetNull: return ReferentialAction.SET_NULL;
            case DatabaseMetaData.importedKeySetDefault: return ReferentialAction.SET_DEFAULT;
            case DatabaseMetaData.importedKeyRestrict: return ReferentialAction.RESTRICT;
            default: return ReferentialAction.NO_ACTION;
        }
    }

    /** The Canopy type closest to a column's JDBC type (see {@link DataType#ofJdbc}). */
    static @Nullable DataType<?> dataType(int sqlType, String typeName, int size, int digits) {
        return DataType.ofJdbc(sqlType, typeName, size, digits);
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
