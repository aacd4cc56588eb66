package dev.canopy.conformance;

import dev.canopy.Canopy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.impl.DSL;

/**
 * Plain JDBC, for expected results computed independently of Canopy: the hand-written SQL of a test, run on the
 * same database. Identifiers are written double-quoted, {@code "Track"}; {@link #sql} re-quotes them the way the
 * database wants (backticks on MariaDB), so one hand-written statement serves every database.
 */
final class Jdbc {
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    private Jdbc() {}

    /** {@code template} with each {@code "name"} quoted for the database of {@code db}. */
    static String sql(Canopy db, String template) {
        Matcher m = QUOTED.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Rows.context(db).render(DSL.name(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Runs a statement of hand-written DDL or DML. */
    static void execute(Canopy db, String template, Object... binds) {
        db.execute(sql(db, template), binds);
    }

    /** The rows of a query, each as an array of its column values ({@code getObject}). */
    static List<List<Object>> rows(Canopy db, String template, Object... binds) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql(db, template))) {
            for (int i = 0; i < binds.length; i++) {
                ps.setObject(i + 1, binds[i]);
            }
            List<List<Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    out.add(Arrays.asList(row));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError("hand-written SQL failed: " + sql(db, template) + ": " + e.getMessage(), e);
        }
    }

    /** The first column of every row, as integers (null stays null). */
    static List<Integer> ints(Canopy db, String template, Object... binds) {
        List<Integer> out = new ArrayList<>();
        for (List<Object> row : rows(db, template, binds)) {
            Object v = row.get(0);
            out.add(v == null ? null : ((Number) v).intValue());
        }
        return out;
    }

    /** The first column of every row, as strings (null stays null). */
    static List<String> strings(Canopy db, String template, Object... binds) {
        List<String> out = new ArrayList<>();
        for (List<Object> row : rows(db, template, binds)) {
            Object v = row.get(0);
            out.add(v == null ? null : v.toString());
        }
        return out;
    }

    /** The single number a {@code SELECT COUNT(*) ...} returns. */
    static long count(Canopy db, String template, Object... binds) {
        List<List<Object>> rows = rows(db, template, binds);
        return ((Number) rows.get(0).get(0)).longValue();
    }
}
