package dev.canopy.bench;

import dev.canopy.Canopy;
import dev.canopy.bench.data.BenchDatabase;
import dev.canopy.bench.data.BlogModels;
import dev.canopy.bench.data.BlogModels.Strategy;
import dev.canopy.bench.data.Dataset;
import dev.canopy.result.Entity;
import dev.canopy.query.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Scenario (d), the cartesian case: every user with their posts and, beside them, the comments they wrote — two
 * sibling to-many includes — loaded three ways on H2:
 * <ul>
 *   <li>{@code singleJoin}: {@code separate(false)} on both, one statement, posts × comments rows per user;</li>
 *   <li>{@code separateQueries}: {@code separate()} on both, one statement for users and one keyed {@code IN (...)}
 *       statement per sibling;</li>
 *   <li>{@code auto}: the planner's default (posts joined, comments separate).</li>
 * </ul>
 * Rows read and statements run are counted with {@code Canopy.builder(url).onStatement(...)} and reported per
 * second as JMH auxiliary counters ({@code rowsRead}, {@code statements}); the report divides them by operations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class CartesianBenchmark {
    @Param("1000")
    public int users;
    @Param("10")
    public int postsPerUser;
    @Param("5")
    public int commentsPerPost;

    private Canopy db;
    private final long[] seen = new long[2];
    private final Query singleJoin = BlogModels.usersWithPostsAndComments(Strategy.SINGLE_JOIN);
    private final Query separate = BlogModels.usersWithPostsAndComments(Strategy.SEPARATE);
    private final Query auto = BlogModels.usersWithPostsAndComments(Strategy.AUTO);

    /** Rows and statements of the measured operations, per second (divide by ops/s for per operation). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long rowsRead;
        public long statements;

        @Setup(Level.Iteration)
        public void reset() {
            rowsRead = 0;
            statements = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        BenchDatabase.H2.prepare(Dataset.generate(users, postsPerUser, commentsPerPost));
        db = Canopy.builder(BenchDatabase.H2.url).schema(BlogModels.SCHEMA).user(BenchDatabase.H2.user).password(BenchDatabase.H2.password)
                .poolSize(2)
                .onStatement(e -> {
                    seen[0] += e.rows();
                    seen[1]++;
                })
                .build();
        List<Map<String, Object>> joined = maps(db.findAll(singleJoin));
        if (joined.size() != users) {
            throw new IllegalStateException(users + " users expected, the single join found " + joined.size());
        }
        if (!maps(db.findAll(separate)).equals(joined)) {
            throw new IllegalStateException("separate queries and the single join return different graphs");
        }
        if (!maps(db.findAll(auto)).equals(joined)) {
            throw new IllegalStateException("auto and the single join return different graphs");
        }
        Verification.passed("cartesian", "singleJoin");
        Verification.passed("cartesian", "separateQueries");
        Verification.passed("cartesian", "auto");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        db.close();
    }

    private static List<Map<String, Object>> maps(List<Entity> roots) {
        List<Map<String, Object>> out = new ArrayList<>(roots.size());
        for (Entity e : roots) {
            out.add(e.toMap());
        }
        return out;
    }

    private List<Entity> run(Query q, Counters counters) {
        long rows = seen[0];
        long statements = seen[1];
        List<Entity> result = db.findAll(q);
        counters.rowsRead += seen[0] - rows;
        counters.statements += seen[1] - statements;
        return result;
    }

    @Benchmark
    public List<Entity> singleJoin(Counters counters) {
        return run(singleJoin, counters);
    }

    @Benchmark
    public List<Entity> separateQueries(Counters counters) {
        return run(separate, counters);
    }

    @Benchmark
    public List<Entity> auto(Counters counters) {
        return run(auto, counters);
    }
}
