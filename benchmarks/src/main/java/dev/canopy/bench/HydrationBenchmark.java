package dev.canopy.bench;

import dev.canopy.Canopy;
import dev.canopy.bench.data.BlogModels;
import dev.canopy.bench.contestants.CanopyContestant;
import dev.canopy.bench.contestants.HandWrittenJdbc;
import dev.canopy.bench.contestants.JooqContestant;
import dev.canopy.bench.contestants.hibernate.HibernateContestant;
import dev.canopy.bench.contestants.mybatis.MyBatisContestant;
import dev.canopy.bench.data.BenchDatabase;
import dev.canopy.bench.data.Dataset;
import dev.canopy.bench.jdbc.MemoryTable;
import dev.canopy.bench.jdbc.Replay;
import dev.canopy.bench.views.UserView;
import dev.canopy.result.Entity;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Scenario (a), hydration only: the rows of the main join, materialised once in memory, are turned into the graph by
 * each contestant; no database is involved, so the numbers isolate the mapping. One operation hydrates the whole
 * dataset ({@code users × postsPerUser × commentsPerPost} rows).
 *
 * <p>Hand-written JDBC, Canopy and jOOQ consume the very same in-memory {@link java.sql.ResultSet} (H2's
 * {@code SimpleResultSet}). MyBatis and Hibernate run their own statements and cannot be handed a result set: they
 * get a stub connection ({@link Replay}) whose queries return a cursor over the same kind of in-memory rows — MyBatis
 * the very same rows, Hibernate the rows H2 returned for its own SQL of the same join (its column order differs).
 * Their numbers therefore include their per-statement work (a session, a prepared statement on the stub), which is
 * small next to 50,000 rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class HydrationBenchmark {
    private static final String SCENARIO = "hydration";

    @Param("1000")
    public int users;
    @Param("10")
    public int postsPerUser;
    @Param("5")
    public int commentsPerPost;

    private MemoryTable rows;
    private CanopyContestant canopy;
    private JooqContestant jooq;
    private MyBatisContestant mybatis;
    private HibernateContestant hibernate;
    private HikariDataSource pool;

    /**
     * Materialises the rows, builds the contestant this trial times (a fork runs one benchmark method) and checks its
     * graph against hand-written JDBC's before any timing.
     */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws SQLException {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        Dataset data = Dataset.generate(users, postsPerUser, commentsPerPost);
        BenchDatabase.H2.prepare(data);
        pool = BenchDatabase.H2.pool();
        rows = materialise(pool, HandWrittenJdbc.SQL).relabel(HandWrittenJdbc.LABELS);
        List<UserView> expected = jdbc();
        if (expected.size() != users) {
            throw new IllegalStateException(users + " users expected, hand-written JDBC found " + expected.size());
        }
        List<UserView> actual;
        switch (method) {
            case "jdbc":
                actual = jdbc();
                break;
            case "canopyEntity":
            case "canopyEntityManualMapping":
            case "canopyTypedRecords":
                canopy = new CanopyContestant();
                canopy.checkSameColumnsAs(HandWrittenJdbc.LABELS);
                MemoryTable canopyRows = materialise(pool, Canopy.toSql(canopy.query(), BlogModels.SCHEMA, BenchDatabase.H2.canopyDialect()).sql());
                if (!canopyRows.sameRows(rows)) {
                    throw new IllegalStateException("Canopy's statement returns other rows than the hand-written join");
                }
                actual = method.equals("canopyEntity") ? CanopyContestant.toViews(canopyEntity())
                        : method.equals("canopyTypedRecords") ? canopyTypedRecords() : canopyEntityManualMapping();
                break;
            case "jooqJoinIntoGroups":
                jooq = new JooqContestant(pool, BenchDatabase.H2.jooqDialect);
                actual = jooqJoinIntoGroups();
                break;
            case "mybatisNestedResultMap":
                mybatis = new MyBatisContestant(Replay.returning(rows));
                actual = mybatisNestedResultMap();
                break;
            case "hibernateJoinFetch": {
                Replay.Recorder recorder = Replay.recorder(pool);
                hibernate = new HibernateContestant(recorder);
                hibernate.query();
                recorder.replay();
                actual = hibernateJoinFetch();
                break;
            }
            default:
                throw new IllegalStateException("No contestant for benchmark " + method);
        }
        Verification.check(SCENARIO, method, expected, actual);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (hibernate != null) {
            hibernate.close();
        }
        pool.close();
    }

    private static MemoryTable materialise(HikariDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            return MemoryTable.of(ps.executeQuery());
        }
    }

    /** Hand-written JDBC: the baseline. */
    @Benchmark
    public List<UserView> jdbc() throws SQLException {
        return HandWrittenJdbc.read(rows.cursor());
    }

    /** Canopy's Hydrator into Entity graphs. */
    @Benchmark
    public List<Entity> canopyEntity() throws SQLException {
        return canopy.hydrate(rows.cursor());
    }

    /** Canopy's typed results: the view records filled by Canopy from the same rows. */
    @Benchmark
    public List<UserView> canopyTypedRecords() throws SQLException {
        return canopy.hydrateTyped(rows.cursor());
    }

    /** Canopy's Entity graphs mapped to the view records by hand. */
    @Benchmark
    public List<UserView> canopyEntityManualMapping() throws SQLException {
        return CanopyContestant.toViews(canopy.hydrate(rows.cursor()));
    }

    /** jOOQ: {@code fetch(ResultSet)} then {@code intoGroups} per level. */
    @Benchmark
    public List<UserView> jooqJoinIntoGroups() {
        return jooq.hydrate(rows.cursor());
    }

    /** MyBatis: its nested result map over the same rows, through a stub connection. */
    @Benchmark
    public List<UserView> mybatisNestedResultMap() {
        return mybatis.query();
    }

    /** Hibernate: JOIN FETCH into entities, then records; rows replayed from memory through a stub connection. */
    @Benchmark
    public List<UserView> hibernateJoinFetch() {
        return hibernate.query();
    }
}
