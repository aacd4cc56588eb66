package dev.canopy.bench;

import dev.canopy.Canopy;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import dev.canopy.result.Entity;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Scenario (g), big results: {@code rows} children (2,000,000 by default), each joined to its parent (1,000 parents),
 * read from an H2 database in a file (so that the data is not in the heap) by a JVM with a 256 MB heap, which could
 * not hold the graph: the loop must let each root go. One operation reads every row. Hand-written JDBC makes a
 * record per row and folds it into a checksum; Canopy streams ({@code db.stream(query)}, entities) and streams typed
 * records ({@code db.stream(query, ChildView.class)}), folding the same checksum, checked equal before timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class StreamingBenchmark {
    /** {@code stream_parent(id, name)}. */
    public static final class ParentModel extends Model {
        public final Column<Integer> id = integer("id").primaryKey();
        public final Column<String> name = string("name", 40).notNull();
        ParentModel() { super("StreamParent", ModelOptions.defaults().timestamps(false).underscored().table("stream_parent")); }
    }

    /** {@code stream_child(id, parent_id, label)}. */
    public static final class ChildModel extends Model {
        public final Column<Integer> id = integer("id").primaryKey();
        public final Column<Integer> parentId = integer("parentId").notNull();
        public final Column<String> label = string("label", 40).notNull();
        ChildModel() { super("StreamChild", ModelOptions.defaults().timestamps(false).underscored().table("stream_child")); }
    }

    public static final ParentModel PARENT = new ParentModel();
    public static final ChildModel CHILD = new ChildModel();
    public static final Association CHILD_PARENT = Association.belongsTo(CHILD, PARENT).alias("parent").foreignKey("parentId");
    public static final Schema SCHEMA = Schema.builder().models(PARENT, CHILD).associations(CHILD_PARENT).build();

    /** The typed record of a child. */
    public record ParentView(int id, String name) {}

    /** The typed record of a child with its parent. */
    public record ChildView(int id, String label, ParentView parent) {}

    static final String SQL = "select c.id, c.label, p.id, p.name from stream_child c join stream_parent p on p.id = c.parent_id order by c.id";
    static final Query QUERY = Query.from(CHILD).attributes(CHILD.id, CHILD.label).include("parent").order(CHILD.id.asc());

    @Param("2000000")
    public int rows;

    private HikariDataSource pool;
    private Canopy canopy;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws SQLException {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + Path.of(System.getProperty("java.io.tmpdir"), "canopy_bench_stream").toAbsolutePath()
                + ";DATABASE_TO_LOWER=TRUE");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
        fill();
        canopy = Canopy.using(pool, dev.canopy.dialect.Dialect.forUrl(config.getJdbcUrl()), SCHEMA);
        long expected = jdbc();
        long actual = method.equals("canopyEntity") ? canopyEntity() : method.equals("canopyTypedRecords") ? canopyTypedRecords() : jdbc();
        if (expected != actual) {
            throw new IllegalStateException("streaming: " + method + " folds to " + actual + ", hand-written JDBC to " + expected);
        }
        Verification.passed("streaming", method);
    }

    /** Parents 1..1000 and {@code rows} children, generated by the database, unless the file already holds them. */
    private void fill() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table if not exists stream_parent (id int primary key, name varchar(40) not null)");
            s.execute("create table if not exists stream_child (id int primary key, parent_id int not null, label varchar(40) not null)");
            try (ResultSet rs = s.executeQuery("select count(*) from stream_child")) {
                rs.next();
                if (rs.getLong(1) == rows) {
                    return;
                }
            }
            s.execute("delete from stream_child");
            s.execute("delete from stream_parent");
            s.execute("insert into stream_parent select \"X\", 'parent ' || \"X\" from system_range(1, 1000)");
            s.execute("insert into stream_child select \"X\", mod(\"X\", 1000) + 1, 'child ' || \"X\" from system_range(1, " + rows + ")");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    private static long fold(long sum, int id, String label, int parentId, String parentName) {
        return sum * 31 + id + label.length() * 7L + parentId * 13L + parentName.length();
    }

    /** The hand-written loop: a record per row, folded and let go. */
    @Benchmark
    public long jdbc() throws SQLException {
        long sum = 0;
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ChildView v = new ChildView(rs.getInt(1), rs.getString(2), new ParentView(rs.getInt(3), rs.getString(4)));
                    sum = fold(sum, v.id(), v.label(), v.parent().id(), v.parent().name());
                }
            }
        }
        return sum;
    }

    /** {@code db.stream(query)}: entities, each let go once folded. */
    @Benchmark
    public long canopyEntity() {
        long sum = 0;
        try (Stream<Entity> s = canopy.stream(QUERY)) {
            for (Entity e : (Iterable<Entity>) s::iterator) {
                Entity p = e.one("parent");
                sum = fold(sum, e.get(CHILD.id), e.get(CHILD.label), p.get(PARENT.id), p.get(PARENT.name));
            }
        }
        return sum;
    }

    /** {@code db.stream(query, ChildView.class)}: records read from the rows directly. */
    @Benchmark
    public long canopyTypedRecords() {
        long sum = 0;
        try (Stream<ChildView> s = canopy.stream(QUERY, ChildView.class)) {
            for (ChildView v : (Iterable<ChildView>) s::iterator) {
                sum = fold(sum, v.id(), v.label(), v.parent().id(), v.parent().name());
            }
        }
        return sum;
    }
}
