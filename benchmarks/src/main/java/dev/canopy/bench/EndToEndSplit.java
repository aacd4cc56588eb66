package dev.canopy.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.canopy.Canopy;
import dev.canopy.bench.contestants.CanopyContestant;
import dev.canopy.bench.contestants.HandWrittenJdbc;
import dev.canopy.bench.data.BenchDatabase;
import dev.canopy.bench.data.BlogModels;
import dev.canopy.bench.data.Dataset;
import dev.canopy.bench.views.UserView;
import dev.canopy.result.Entity;
import dev.canopy.sql.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

/**
 * A diagnostic of scenario (b), not part of the report (its name does not end in {@code Benchmark}): it splits
 * Canopy's end-to-end time into "the database runs Canopy's SQL" and "Canopy reads the rows", by crossing the two
 * statements (the hand-written join and Canopy's rendered SQL, which select the same columns in the same order) with
 * the two readers (the hand-written loop and Canopy's hydrators, compiled once for the plan). Run it alone:
 * {@code java -jar benchmarks/target/benchmarks.jar EndToEndSplit -p db=h2 -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EndToEndSplit {
    @Param("h2")
    public String db;

    private HikariDataSource pool;
    private Canopy canopy;
    private CanopyContestant contestant;
    private String canopySql;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        BenchDatabase database = BenchDatabase.named(db);
        database.prepare(Dataset.generate(1000, 10, 5));
        pool = database.pool();
        canopy = Canopy.using(pool, database.canopyDialect(), BlogModels.SCHEMA);
        contestant = new CanopyContestant();
        contestant.checkSameColumnsAs(HandWrittenJdbc.LABELS);
        SqlStatement statement = canopy.toSql(contestant.query());
        if (!statement.binds().isEmpty()) {
            throw new IllegalStateException("Canopy's statement has binds " + statement.binds() + "; this split runs it without");
        }
        canopySql = statement.sql();
        System.out.println("\nCanopy's SQL: " + canopySql + "\nHand-written: " + HandWrittenJdbc.SQL);
        List<UserView> expected = HandWrittenJdbc.query(pool);
        Verification.check("split", "canopySqlHandRead", expected, canopySqlHandRead());
        Verification.check("split", "handSqlCanopyTyped", expected, handSqlCanopyTyped());
        Verification.check("split", "handSqlCanopyEntity", expected, CanopyContestant.toViews(handSqlCanopyEntity()));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    /** The hand-written join read by the hand-written loop (EndToEndBenchmark.jdbc). */
    @Benchmark
    public List<UserView> handSqlHandRead() throws SQLException {
        return HandWrittenJdbc.query(pool);
    }

    /** Canopy's SQL, read by the hand-written loop: the database's part of Canopy's time. */
    @Benchmark
    public List<UserView> canopySqlHandRead() throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(canopySql); ResultSet rs = ps.executeQuery()) {
            return HandWrittenJdbc.read(rs);
        }
    }

    /** The hand-written join, read by Canopy's Entity hydrator: Canopy's reading on H2's result set. */
    @Benchmark
    public List<Entity> handSqlCanopyEntity() throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(HandWrittenJdbc.SQL); ResultSet rs = ps.executeQuery()) {
            return contestant.hydrate(rs);
        }
    }

    /** The hand-written join, read by Canopy's typed reader. */
    @Benchmark
    public List<UserView> handSqlCanopyTyped() throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(HandWrittenJdbc.SQL); ResultSet rs = ps.executeQuery()) {
            return contestant.hydrateTyped(rs);
        }
    }

    /** Canopy end to end (EndToEndBenchmark.canopyEntity). */
    @Benchmark
    public List<Entity> canopyEntity() {
        return canopy.findAll(contestant.query());
    }

    /** Canopy end to end (EndToEndBenchmark.canopyTypedRecords). */
    @Benchmark
    public List<UserView> canopyTypedRecords() {
        return canopy.findAll(contestant.query(), UserView.class);
    }
}
