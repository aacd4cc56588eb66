package dev.canopy.bench;

import dev.canopy.Canopy;
import dev.canopy.bench.data.BlogModels;
import dev.canopy.dialect.Dialect;
import dev.canopy.dialect.h2.H2Dialect;
import dev.canopy.query.Query;
import dev.canopy.sql.SqlStatement;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario (c), planning and SQL rendering of the three-level include query (users → posts → comments → author),
 * without a database:
 * <ul>
 *   <li>{@code composeQuery}: building the immutable query value alone, for reference;</li>
 *   <li>{@code planAndRenderFirstTime}: a fresh query value, a new Planner and a new Renderer, as the first run of
 *       a query shape pays ({@code Canopy.toSql(query, dialect)});</li>
 *   <li>{@code toSqlCached}: {@code db.toSql(query)} on a Canopy instance that has seen an equal (not the same)
 *       query value: a plan-cache lookup, so {@code Query.hashCode} and {@code equals} over the include tree
 *       (the query value is reused from call to call, as a constant would be);</li>
 *   <li>{@code toSqlCachedFreshValue}: the same lookup with the query value built anew on each call, as code that
 *       composes its query per request does: composition, hashing and the lookup;</li>
 *   <li>{@code toSqlSameShapeOtherValue}: the query with {@code where id = ?}, a different id on each call, from 4,096
 *       query values built beforehand (more than the plan cache holds, so a cache keyed by value would miss): a
 *       cache keyed by shape finds one plan and renders nothing, it only reads the values into the binds;</li>
 *   <li>{@code toSqlSameShapeFreshValue}: the same with the query composed anew on each call, with an id never
 *       used before: composition, shape key, lookup and binds;</li>
 *   <li>{@code firstTimeOnNewCanopy}: a new {@code Canopy} (no connection is opened) and its first {@code toSql}: what
 *       a cache miss costs inside Canopy, planning, rendering and making the SQL template, plus making the instance,
 *       which {@code newCanopyOnly} measures alone.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class PlanningBenchmark {
    private final Dialect dialect = new H2Dialect();
    private static final int SHAPES = 4096;
    private Canopy db;
    private Query equalQuery;
    private Query[] otherValues;
    private int next;
    private final JdbcDataSource dataSource = new JdbcDataSource();

    @Setup(Level.Trial)
    public void setUp() {
        db = Canopy.using(new JdbcDataSource(), dialect, BlogModels.SCHEMA);
        Query first = BlogModels.usersWithPostsCommentsAuthors();
        SqlStatement expected = db.toSql(first);
        equalQuery = BlogModels.usersWithPostsCommentsAuthors();
        if (equalQuery == first || !equalQuery.equals(first) || equalQuery.hashCode() != first.hashCode()) {
            throw new IllegalStateException("the cached benchmark needs an equal, distinct query value");
        }
        if (!toSqlCached().equals(expected) || !planAndRenderFirstTime().equals(expected)) {
            throw new IllegalStateException("cached and fresh rendering differ");
        }
        Verification.passed("planning", "toSqlCached");
        Verification.passed("planning", "planAndRenderFirstTime");
        Verification.passed("planning", "composeQuery");
        if (!toSqlCachedFreshValue().equals(expected)) {
            throw new IllegalStateException("a fresh equal query renders other SQL");
        }
        Verification.passed("planning", "toSqlCachedFreshValue");
        otherValues = new Query[SHAPES];
        for (int i = 0; i < SHAPES; i++) {
            otherValues[i] = withId(i);
        }
        for (int i : new int[] {0, 1, 4095}) {
            SqlStatement fresh = Canopy.toSql(withId(i), BlogModels.SCHEMA, dialect);
            if (!db.toSql(otherValues[i]).equals(fresh) || !fresh.binds().contains(i)) {
                throw new IllegalStateException("a query of a cached shape renders other SQL or binds than a fresh plan: " + fresh);
            }
        }
        Verification.passed("planning", "toSqlSameShapeOtherValue");
        Verification.passed("planning", "toSqlSameShapeFreshValue");
        if (!firstTimeOnNewCanopy().equals(Canopy.toSql(withId(7), BlogModels.SCHEMA, dialect))) {
            throw new IllegalStateException("a new Canopy renders other SQL");
        }
        Verification.passed("planning", "firstTimeOnNewCanopy");
        Verification.passed("planning", "newCanopyOnly");
    }

    private static Query withId(int id) {
        return BlogModels.usersWithPostsCommentsAuthors().where(BlogModels.USER.id.eq(id));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        db.close();
    }

    @Benchmark
    public Query composeQuery() {
        return BlogModels.usersWithPostsCommentsAuthors();
    }

    @Benchmark
    public SqlStatement planAndRenderFirstTime() {
        return Canopy.toSql(BlogModels.usersWithPostsCommentsAuthors(), BlogModels.SCHEMA, dialect);
    }

    @Benchmark
    public SqlStatement toSqlCached() {
        return db.toSql(equalQuery);
    }

    @Benchmark
    public SqlStatement toSqlCachedFreshValue() {
        return db.toSql(BlogModels.usersWithPostsCommentsAuthors());
    }

    @Benchmark
    public SqlStatement toSqlSameShapeOtherValue() {
        return db.toSql(otherValues[next++ & (SHAPES - 1)]);
    }

    @Benchmark
    public SqlStatement toSqlSameShapeFreshValue() {
        return db.toSql(withId(SHAPES + next++));
    }

    @Benchmark
    public SqlStatement firstTimeOnNewCanopy() {
        try (Canopy fresh = Canopy.using(dataSource, dialect, BlogModels.SCHEMA)) {
            return fresh.toSql(withId(7));
        }
    }

    @Benchmark
    public Canopy newCanopyOnly() {
        try (Canopy fresh = Canopy.using(dataSource, dialect, BlogModels.SCHEMA)) {
            return fresh;
        }
    }
}
