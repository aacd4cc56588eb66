package dev.canopy.bench.jdbc;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.h2.tools.SimpleResultSet;
import org.h2.tools.SimpleRowSource;

/**
 * Rows materialised once in memory, replayed as a fresh {@link ResultSet} (H2's {@link SimpleResultSet}) as often as
 * needed: the hydration benchmarks feed every contestant the same rows without a database, so that they measure the
 * mapping alone. Values are what the driver's {@code getObject} returned; cursors share them and never change them.
 */
public final class MemoryTable {
    private final String[] labels;
    private final int[] sqlTypes;
    private final int[] precisions;
    private final Object[][] rows;

    public MemoryTable(String[] labels, int[] sqlTypes, int[] precisions, List<Object[]> rows) {
        this.labels = labels.clone();
        this.sqlTypes = sqlTypes.clone();
        this.precisions = precisions.clone();
        this.rows = rows.toArray(new Object[0][]);
    }

    /** Reads a result set to its end (and closes it), keeping its column labels and types. */
    public static MemoryTable of(ResultSet rs) throws SQLException {
        try (rs) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            String[] labels = new String[n];
            int[] types = new int[n];
            int[] precisions = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = md.getColumnLabel(i + 1);
                types[i] = md.getColumnType(i + 1);
                precisions[i] = Math.max(0, md.getPrecision(i + 1));
            }
            List<Object[]> rows = new ArrayList<>();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
            return new MemoryTable(labels, types, precisions, rows);
        }
    }

    /** The same rows with other column labels (same count, same order). */
    public MemoryTable relabel(String... newLabels) {
        if (newLabels.length != labels.length) {
            throw new IllegalArgumentException(newLabels.length + " labels for " + labels.length + " columns");
        }
        return new MemoryTable(newLabels, sqlTypes, precisions, java.util.Arrays.asList(rows));
    }

    public int rowCount() {
        return rows.length;
    }

    public int columnCount() {
        return labels.length;
    }

    public String label(int column) {
        return labels[column];
    }

    public Object value(int row, int column) {
        return rows[row][column];
    }

    /** A new cursor over the rows, positioned before the first; closing it is optional. */
    public ResultSet cursor() {
        SimpleResultSet rs = new SimpleResultSet(new Source(rows));
        for (int i = 0; i < labels.length; i++) {
            rs.addColumn(labels[i], sqlTypes[i], precisions[i], 0);
        }
        return rs;
    }

    /** Whether two tables hold equal values in the same order (labels aside). */
    public boolean sameRows(MemoryTable other) {
        if (other.rows.length != rows.length) {
            return false;
        }
        for (int i = 0; i < rows.length; i++) {
            if (!java.util.Arrays.equals(rows[i], other.rows[i])) {
                return false;
            }
        }
        return true;
    }

    private static final class Source implements SimpleRowSource {
        private final Object[][] rows;
        private int next;

        Source(Object[][] rows) {
            this.rows = Objects.requireNonNull(rows);
        }

        @Override public Object[] readRow() {
            return next < rows.length ? rows[next++] : null;
        }

        @Override public void close() {
            next = rows.length;
        }

        @Override public void reset() {
            next = 0;
        }
    }
}
