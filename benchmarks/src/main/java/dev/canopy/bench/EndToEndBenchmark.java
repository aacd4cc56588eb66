package dev.canopy.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.canopy.Canopy;
import dev.canopy.bench.data.BlogModels;
import dev.canopy.bench.contestants.CanopyContestant;
import dev.canopy.bench.contestants.HandWrittenJdbc;
import dev.canopy.bench.contestants.JooqContestant;
import dev.canopy.bench.contestants.hibernate.HibernateContestant;
import dev.canopy.bench.contestants.mybatis.MyBatisContestant;
import dev.canopy.bench.data.BenchDatabase;
import dev.canopy.bench.data.Dataset;
import dev.canopy.bench.views.UserView;
import dev.canopy.result.Entity;
import dev.canopy.query.Query;
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
 * Scenario (b), end to end: query plus hydration, every contestant on the same connection pool. Embedded H2 by
 * default; {@code -p db=h2,mariadb,postgres} adds the servers (the report adds only those it can reach). One
 * operation loads every user with their posts, comments and comment authors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class EndToEndBenchmark {
    @Param("h2")
    public String db;
    @Param("1000")
    public int users;
    @Param("10")
    public int postsPerUser;
    @Param("5")
    public int commentsPerPost;

    private HikariDataSource pool;
    private Canopy canopy;
    private Query query;
    private JooqContestant jooq;
    private MyBatisContestant mybatis;
    private HibernateContestant hibernate;

    /** Prepares the database, builds the contestant this trial times and checks its graph against hand-written JDBC's. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws SQLException {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        BenchDatabase database = BenchDatabase.named(db);
        database.prepare(Dataset.generate(users, postsPerUser, commentsPerPost));
        pool = database.pool();
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
                canopy = Canopy.using(pool, database.canopyDialect(), BlogModels.SCHEMA);
                query = new CanopyContestant().query();
                actual = method.equals("canopyEntity") ? CanopyContestant.toViews(canopyEntity())
                        : method.equals("canopyTypedRecords") ? canopyTypedRecords() : canopyEntityManualMapping();
                break;
            case "jooqJoinIntoGroups":
                jooq = new JooqContestant(pool, database.jooqDialect);
                actual = jooqJoinIntoGroups();
                break;
            case "jooqMultiset":
                jooq = new JooqContestant(pool, database.jooqDialect);
                try {
                    actual = jooqMultiset();
                } catch (RuntimeException e) {
                    throw new IllegalStateException("jOOQ MULTISET does not run on " + database.id() + ": " + e.getMessage(), e);
                }
                break;
            case "mybatisNestedResultMap":
                mybatis = new MyBatisContestant(pool);
                actual = mybatisNestedResultMap();
                break;
            case "hibernateJoinFetch":
                hibernate = new HibernateContestant(pool);
                actual = hibernateJoinFetch();
                break;
            default:
                throw new IllegalStateException("No contestant for benchmark " + method);
        }
        Verification.check("end-to-end/" + database.id(), method, expected, actual);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (hibernate != null) {
            hibernate.close();
        }
        pool.close();
    }

    @Benchmark
    public List<UserView> jdbc() throws SQLException {
        return HandWrittenJdbc.query(pool);
    }

    @Benchmark
    public List<Entity> canopyEntity() {
        return canopy.findAll(query);
    }

    /** Canopy's typed results: {@code db.findAll(query, UserView.class)}. */
    @Benchmark
    public List<UserView> canopyTypedRecords() {
        return canopy.findAll(query, UserView.class);
    }

    @Benchmark
    public List<UserView> canopyEntityManualMapping() {
        return CanopyContestant.toViews(canopy.findAll(query));
    }

    @Benchmark
    public List<UserView> jooqJoinIntoGroups() {
        return jooq.join();
    }

    @Benchmark
    public List<UserView> jooqMultiset() {
        return jooq.multisetQuery();
    }

    @Benchmark
    public List<UserView> mybatisNestedResultMap() {
        return mybatis.query();
    }

    @Benchmark
    public List<UserView> hibernateJoinFetch() {
        return hibernate.query();
    }
}
