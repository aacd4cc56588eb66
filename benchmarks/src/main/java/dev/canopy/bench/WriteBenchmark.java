package dev.canopy.bench;

import static dev.canopy.bench.data.WriteModels.AUTHOR;
import static dev.canopy.bench.data.WriteModels.BOOK;
import static dev.canopy.bench.data.WriteModels.ITEM;

import com.zaxxer.hikari.HikariDataSource;
import dev.canopy.Canopy;
import dev.canopy.bench.data.BenchDatabase;
import dev.canopy.bench.data.WriteModels;
import dev.canopy.write.Values;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Scenario (e), writes: Canopy's inserts against hand-written JDBC batches, on the same pool and the same tables
 * ({@link WriteModels}). Embedded H2 by default; {@code -p db=h2,mariadb,postgres} adds the servers.
 * <ul>
 * <li><b>bulk</b>: {@code rows} (10,000) rows of {@code w_items} — {@code db.bulkCreate(ITEM, rows)} against one
 *     {@code PreparedStatement} with {@code addBatch}/{@code executeBatch} every 5,000 rows (Canopy's rows per
 *     statement), in one transaction;</li>
 * <li><b>nested</b>: {@code authors} (1,000) authors × 3 books — one {@code db.bulkCreate(AUTHOR, rows)} whose rows
 *     carry their books ({@code .with("books", ...)}), against a batch of authors with generated keys followed by a
 *     batch of books pointing at those keys, in one transaction.</li>
 * </ul>
 * Both contestants start from the same plain arrays and commit their work; an operation includes building Canopy's
 * {@code Values} from them, as a caller would. The tables are emptied before every invocation in
 * {@code @Setup(Level.Invocation)}, outside the timing (JMH times the benchmark method alone; an invocation takes
 * milliseconds, far above the timer's resolution), so that every insert goes into an empty table with the same
 * indexes and neither contestant pays for the other's rows. A rollback instead would have left the commit out of the
 * measure. Before timing, each trial runs its contestant once and checks that it wrote the same rows as hand-written
 * JDBC: the count and an order-independent checksum of the values, the books through their author's name (so the
 * generated keys must have linked them right).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class WriteBenchmark {
    /** Canopy's rows per statement ({@code Inserter.MAX_ROWS}), used as the hand-written batch size. */
    static final int BATCH = 5_000;
    static final int BOOKS_PER_AUTHOR = 3;

    @Param("h2")
    public String db;
    @Param("10000")
    public int rows;
    @Param("1000")
    public int authors;

    private BenchDatabase database;
    private HikariDataSource pool;
    private Canopy canopy;
    private String[] labels;
    private int[] quantities;
    private String[] authorNames;
    private String[] bookTitles;

    /** Creates the tables and the input, runs this trial's contestant once and checks its rows against JDBC's. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws SQLException {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        database = BenchDatabase.named(db);
        database.execute(WriteModels.ddl(database));
        pool = database.pool();
        canopy = Canopy.using(pool, database.canopyDialect(), WriteModels.SCHEMA);
        labels = new String[rows];
        quantities = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = "item " + i;
            quantities[i] = i % 97;
        }
        authorNames = new String[authors];
        bookTitles = new String[authors * BOOKS_PER_AUTHOR];
        for (int a = 0; a < authors; a++) {
            authorNames[a] = "author " + a;
            for (int b = 0; b < BOOKS_PER_AUTHOR; b++) {
                bookTitles[a * BOOKS_PER_AUTHOR + b] = "book " + b + " of author " + a;
            }
        }
        boolean nested = method.startsWith("nested");
        clear();
        if (nested) {
            nestedJdbcBatch();
        } else {
            bulkJdbcBatch();
        }
        Checksum expected = nested ? nestedChecksum() : bulkChecksum();
        long wanted = nested ? (long) authors * (1 + BOOKS_PER_AUTHOR) : rows;
        if (expected.rows() != wanted) {
            throw new IllegalStateException(wanted + " rows expected, hand-written JDBC wrote " + expected.rows());
        }
        clear();
        switch (method) {
            case "bulkJdbcBatch": bulkJdbcBatch(); break;
            case "bulkCanopy": bulkCanopy(); break;
            case "nestedJdbcBatch": nestedJdbcBatch(); break;
            case "nestedCanopy": nestedCanopy(); break;
            default: throw new IllegalStateException("No contestant for benchmark " + method);
        }
        Checksum actual = nested ? nestedChecksum() : bulkChecksum();
        if (!expected.equals(actual)) {
            throw new IllegalStateException("writes/" + database.id() + ": " + method + " wrote " + actual
                    + ", hand-written JDBC " + expected);
        }
        Verification.passed("writes/" + database.id(), method);
    }

    /** Every invocation inserts into empty tables; the emptying is not timed. */
    @Setup(Level.Invocation)
    public void clear() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String sql : WriteModels.clear(database)) {
                s.execute(sql);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    // ---- bulk: 10,000 flat rows ---------------------------------------------------------------------------------

    @Benchmark
    public int bulkJdbcBatch() throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into w_items (label, qty) values (?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    ps.setString(1, labels[i]);
                    ps.setInt(2, quantities[i]);
                    ps.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                if (rows % BATCH != 0) {
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return rows;
    }

    @Benchmark
    public int bulkCanopy() {
        List<Values> values = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            values.add(Values.of(ITEM.label, labels[i]).and(ITEM.qty, quantities[i]));
        }
        return canopy.bulkCreate(ITEM, values);
    }

    // ---- nested: 1,000 authors × 3 books --------------------------------------------------------------------------

    @Benchmark
    public int nestedJdbcBatch() throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                int[] ids = new int[authors];
                try (PreparedStatement ps = c.prepareStatement("insert into w_authors (name) values (?)", new String[] {"id"})) {
                    int done = 0;
                    for (int a = 0; a < authors; a++) {
                        ps.setString(1, authorNames[a]);
                        ps.addBatch();
                        if ((a + 1) % BATCH == 0 || a == authors - 1) {
                            ps.executeBatch();
                            try (ResultSet keys = ps.getGeneratedKeys()) {
                                while (keys.next()) {
                                    ids[done++] = keys.getInt(1);
                                }
                            }
                        }
                    }
                    if (done != authors) {
                        throw new IllegalStateException(authors + " keys expected, the driver returned " + done);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("insert into w_books (author_id, title) values (?, ?)")) {
                    int n = authors * BOOKS_PER_AUTHOR;
                    for (int i = 0; i < n; i++) {
                        ps.setInt(1, ids[i / BOOKS_PER_AUTHOR]);
                        ps.setString(2, bookTitles[i]);
                        ps.addBatch();
                        if ((i + 1) % BATCH == 0 || i == n - 1) {
                            ps.executeBatch();
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return authors;
    }

    @Benchmark
    public int nestedCanopy() {
        List<Values> values = new ArrayList<>(authors);
        for (int a = 0; a < authors; a++) {
            List<Values> books = new ArrayList<>(BOOKS_PER_AUTHOR);
            for (int b = 0; b < BOOKS_PER_AUTHOR; b++) {
                books.add(Values.of(BOOK.title, bookTitles[a * BOOKS_PER_AUTHOR + b]));
            }
            values.add(Values.of(AUTHOR.name, authorNames[a]).with("books", books));
        }
        return canopy.bulkCreate(AUTHOR, values);
    }

    // ---- verification ---------------------------------------------------------------------------------------------

    /** Rows written and an order-independent checksum of their values. */
    record Checksum(long rows, long sum) {}

    private Checksum bulkChecksum() throws SQLException {
        return checksum("select label, qty from w_items");
    }

    /** Authors and books, each book with its author's name: a book linked to the wrong author changes the sum. */
    private Checksum nestedChecksum() throws SQLException {
        Checksum a = checksum("select name, 0 from w_authors");
        Checksum b = checksum("select a.name, b.title from w_books b join w_authors a on a.id = b.author_id");
        return new Checksum(a.rows() + b.rows(), a.sum() * 31 + b.sum());
    }

    private Checksum checksum(String sql) throws SQLException {
        long n = 0;
        long sum = 0;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                n++;
                long h = rs.getString(1).hashCode() * 1_000_003L + rs.getString(2).hashCode();
                sum += h * h ^ (h >>> 17);
            }
        }
        return new Checksum(n, sum);
    }
}
