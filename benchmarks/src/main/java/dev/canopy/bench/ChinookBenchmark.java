package dev.canopy.bench;

import dev.canopy.Canopy;
import dev.canopy.bench.chinook.ChinookCanopy;
import dev.canopy.bench.chinook.ChinookHibernate;
import dev.canopy.bench.chinook.ChinookJdbc;
import dev.canopy.bench.chinook.ChinookJooq;
import dev.canopy.bench.chinook.ChinookMyBatis;
import dev.canopy.bench.chinook.ChinookViews.ArtistView;
import dev.canopy.bench.data.BenchDatabase;
import dev.canopy.chinook.Chinook;
import dev.canopy.result.Entity;
import com.zaxxer.hikari.HikariDataSource;
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
 * Scenario (f), Chinook end to end: every artist with their albums and each album's tracks (275 artists, 347 albums,
 * 3,503 tracks; 3,503 joined rows plus the artists without albums), query and hydration, on a schema users know.
 * Every contestant reads the same columns into the same records ({@code ChinookViews}) and is checked equal to the
 * hand-written loop before timing. {@code chinookDb} = {@code h2}, {@code mariadb}, {@code postgres}, {@code sqlite}.
 * Hibernate ORM 7 has no SQLite dialect of its own (it is in {@code hibernate-community-dialects}), so it is not run there.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class ChinookBenchmark {
    @Param("h2")
    public String chinookDb;

    private HikariDataSource pool;
    private Canopy canopy;
    private ChinookJooq jooq;
    private ChinookMyBatis mybatis;
    private ChinookHibernate hibernate;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws SQLException {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        BenchDatabase database = BenchDatabase.named(chinookDb);
        database.prepareChinook();
        pool = database.chinookPool();
        List<ArtistView> expected = jdbc();
        if (expected.size() != 275) {
            throw new IllegalStateException("275 artists expected, hand-written JDBC found " + expected.size());
        }
        List<ArtistView> actual;
        switch (method) {
            case "jdbc":
                actual = jdbc();
                break;
            case "canopyEntity":
                canopy = Canopy.using(pool, database.canopyDialect(), Chinook.SCHEMA);
                actual = ChinookCanopy.toViews(canopyEntity());
                break;
            case "canopyTypedRecords":
                canopy = Canopy.using(pool, database.canopyDialect(), Chinook.SCHEMA);
                actual = canopyTypedRecords();
                break;
            case "jooqJoinIntoGroups":
                jooq = new ChinookJooq(pool, database.jooqDialect);
                actual = jooqJoinIntoGroups();
                break;
            case "mybatisNestedResultMap":
                mybatis = new ChinookMyBatis(pool);
                actual = mybatisNestedResultMap();
                break;
            case "hibernateJoinFetch":
                if (database == BenchDatabase.SQLITE) {
                    throw new IllegalStateException("Hibernate ORM 7 has no SQLite dialect in hibernate-core: not run on sqlite");
                }
                hibernate = new ChinookHibernate(pool);
                actual = hibernateJoinFetch();
                break;
            default:
                throw new IllegalStateException("No contestant for benchmark " + method);
        }
        if (!expected.equals(actual)) {
            throw new IllegalStateException("chinook/" + database.id() + ": " + method + " differs from hand-written JDBC");
        }
        Verification.passed("chinook/" + database.id(), method);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (hibernate != null) {
            hibernate.close();
        }
        pool.close();
    }

    @Benchmark
    public List<ArtistView> jdbc() throws SQLException {
        return ChinookJdbc.query(pool);
    }

    @Benchmark
    public List<Entity> canopyEntity() {
        return canopy.findAll(ChinookCanopy.QUERY);
    }

    @Benchmark
    public List<ArtistView> canopyTypedRecords() {
        return canopy.findAll(ChinookCanopy.QUERY, ArtistView.class);
    }

    @Benchmark
    public List<ArtistView> jooqJoinIntoGroups() {
        return jooq.join();
    }

    @Benchmark
    public List<ArtistView> mybatisNestedResultMap() {
        return mybatis.query();
    }

    @Benchmark
    public List<ArtistView> hibernateJoinFetch() {
        return hibernate.query();
    }
}
