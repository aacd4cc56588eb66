package dev.canopy.conformance;

import dev.canopy.Canopy;
import dev.canopy.chinook.Chinook;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.DataType;
import dev.canopy.model.Model;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An independent answer to an include query: the Chinook tables read once into memory with plain JDBC
 * ({@code SELECT *}), and a query evaluated over them by Sequelize's documented semantics, written from those
 * semantics and not from Canopy's planner:
 * <ul>
 *   <li>a where keeps a row only when it is TRUE (SQL's three-valued logic: a comparison with NULL is unknown, and
 *       {@code NOT unknown} is unknown); an empty {@code IN} is false;</li>
 *   <li>an include is required when it says so, else when it has a where; a node (root or child) is kept only when
 *       each of its required includes has at least one kept child;</li>
 *   <li>an include's where filters its children; an optional include keeps its parent with no children (a to-many
 *       empty, a to-one null);</li>
 *   <li>a per-parent limit takes the first n children in the include's order; limit / offset count roots after
 *       ordering them.</li>
 * </ul>
 * String comparison follows each database's default collation where it matters to the generated cases: MariaDB's
 * {@code utf8mb4_general_ci} ignores case and accents in {@code =} and {@code LIKE}; SQLite's {@code LIKE} ignores
 * ASCII case.
 */
final class ReferenceChinook {
    /** A row: column name → value, integers as {@link Long}. */
    record Row(Model model, Map<String, Object> values) {
        Object get(Column<?> c) {
            return values.get(c.field());
        }

        long key() {
            return ((Number) values.get(model.primaryKey().get(0).field())).longValue();
        }
    }

    private final TestDatabase kind;
    private final Map<String, List<Row>> tables = new HashMap<>();
    private final Map<String, Map<Object, List<Row>>> indexes = new HashMap<>();

    private ReferenceChinook(TestDatabase kind) {
        this.kind = kind;
    }

    /** Every Chinook table of {@code db}, read with {@code SELECT *}. */
    static ReferenceChinook load(TestDatabase kind, Canopy db) {
        ReferenceChinook ref = new ReferenceChinook(kind);
        List<Model> models = List.of(Chinook.ARTIST, Chinook.ALBUM, Chinook.EMPLOYEE, Chinook.CUSTOMER, Chinook.GENRE,
                Chinook.MEDIA_TYPE, Chinook.TRACK, Chinook.INVOICE, Chinook.INVOICE_LINE, Chinook.PLAYLIST,
                Chinook.PLAYLIST_TRACK);
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (Model m : models) {
                List<Row> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(Jdbc.sql(db, "SELECT * FROM \"" + m.tableName() + "\""))) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> values = new HashMap<>();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            Object v = rs.getObject(i);
                            String name = md.getColumnLabel(i);
                            Column<?> col = m.findColumnByField(name);
                            if (v != null && col != null && col.type().kind() == DataType.Kind.INTEGER) {
                                v = ((Number) v).longValue();
                            }
                            values.put(name, v);
                        }
                        rows.add(new Row(m, values));
                    }
                }
                ref.tables.put(m.tableName(), rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read Chinook from " + kind + ": " + e.getMessage(), e);
        }
        return ref;
    }

    private final Map<Object, Map<Row, List<Row>>> memo = new java.util.IdentityHashMap<>();

    /** The kept children of one parent in one include node, computed once per node object. */
    synchronized List<Row> memo(Object node, Row parent, java.util.function.Supplier<List<Row>> compute) {
        Map<Row, List<Row>> byParent = memo.computeIfAbsent(node, k -> new java.util.IdentityHashMap<>());
        List<Row> v = byParent.get(parent);
        if (v == null) {
            v = compute.get();
            byParent.put(parent, v);
        }
        return v;
    }

    /** Forgets the memo of the previous query (its node objects are garbage). */
    synchronized void forget() {
        memo.clear();
    }

    TestDatabase kind() {
        return kind;
    }

    List<Row> rows(Model m) {
        return tables.get(m.tableName());
    }

    /** Rows of {@code m} by the value of {@code field}, for joins. */
    private List<Row> where(Model m, String field, Object value) {
        Map<Object, List<Row>> index = indexes.computeIfAbsent(m.tableName() + "." + field, k -> {
            Map<Object, List<Row>> idx = new HashMap<>();
            for (Row r : rows(m)) {
                Object v = r.values().get(field);
                if (v != null) {
                    idx.computeIfAbsent(v, x -> new ArrayList<>()).add(r);
                }
            }
            return idx;
        });
        return index.getOrDefault(value, List.of());
    }

    /** The rows {@code a} relates to {@code parent}, from the declared foreign key (and junction). */
    List<Row> related(Association a, Row parent) {
        String sourceKey = a.source().primaryKey().get(0).field();
        String targetKey = a.target().primaryKey().get(0).field();
        switch (a.kind()) {
            case BELONGS_TO: {
                Object fk = parent.values().get(a.source().column(a.foreignKey()).field());
                return fk == null ? List.of() : where(a.target(), targetKey, fk);
            }
            case HAS_MANY:
            case HAS_ONE:
                return where(a.target(), a.target().column(a.foreignKey()).field(), parent.values().get(sourceKey));
            case BELONGS_TO_MANY: {
                Model through = Objects.requireNonNull(a.through());
                List<Row> out = new ArrayList<>();
                for (Row link : where(through, through.column(a.foreignKey()).field(), parent.values().get(sourceKey))) {
                    out.addAll(where(a.target(), targetKey, link.values().get(through.column(a.otherKey()).field())));
                }
                return out;
            }
            default:
                throw new IllegalStateException(a.kind().toString());
        }
    }

    // ---- string semantics of the database ------------------------------------------------------------------------

    /** Whether two strings are equal under the database's default collation. */
    boolean stringEquals(String a, String b) {
        if (kind == TestDatabase.MARIADB) {
            return fold(stripTrailingSpaces(a)).equals(fold(stripTrailingSpaces(b)));
        }
        return a.equals(b);
    }

    /** {@code value LIKE pattern} ({@code %} any run, {@code _} one character, no escape in generated patterns). */
    boolean like(String value, String pattern) {
        String v = value;
        String p = pattern;
        if (kind == TestDatabase.MARIADB) {
            v = fold(v);
            p = fold(p);
        } else if (kind == TestDatabase.SQLITE) {
            v = asciiLower(v);
            p = asciiLower(p);
        }
        return likeAt(v, 0, p, 0);
    }

    private static boolean likeAt(String v, int i, String p, int j) {
        while (j < p.length()) {
            char c = p.charAt(j);
            if (c == '%') {
                for (int k = i; k <= v.length(); k++) {
                    if (likeAt(v, k, p, j + 1)) {
                        return true;
                    }
                }
                return false;
            }
            if (i >= v.length()) {
                return false;
            }
            int cp = v.codePointAt(i);
            if (c != '_' && cp != p.codePointAt(j)) {
                return false;
            }
            i += Character.charCount(cp);
            j += Character.charCount(p.codePointAt(j));
        }
        return i == v.length();
    }

    private static String fold(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return d.toLowerCase(Locale.ROOT);
    }

    private static String asciiLower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }

    private static String stripTrailingSpaces(String s) {
        int n = s.length();
        while (n > 0 && s.charAt(n - 1) == ' ') {
            n--;
        }
        return s.substring(0, n);
    }

    /** Compares values of one column: nulls by {@code nullsFirst}, numbers numerically. */
    static Comparator<Object> values(boolean nullsFirst) {
        Comparator<Object> nonNull = (a, b) -> {
            if (a instanceof Number && b instanceof Number) {
                return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
            }
            @SuppressWarnings("unchecked")
            Comparable<Object> ca = (Comparable<Object>) a;
            return ca.compareTo(b);
        };
        return nullsFirst ? Comparator.nullsFirst(nonNull) : Comparator.nullsLast(nonNull);
    }

    /** Keeps insertion order; for building canonical forms. */
    static <K, V> Map<K, V> ordered() {
        return new LinkedHashMap<>();
    }
}
