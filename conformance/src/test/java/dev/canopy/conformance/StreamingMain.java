package dev.canopy.conformance;

import dev.canopy.Canopy;
import dev.canopy.result.Entity;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Include;
import dev.canopy.query.Query;
import java.util.stream.Stream;

/**
 * Run in a child JVM with a small heap by {@link StreamingTest}: fills a table of {@code rows} rows of 1,000 characters
 * each (with {@code INSERT ... SELECT} over a generated series, not row by row), then streams them joined to their
 * parents and prints {@code streamed N} and the heap it peaked at. Arguments: database kind, URL, user, password, rows.
 */
public final class StreamingMain {
    static final int PAYLOAD = 1000;
    static final int PARENTS = 1000;

    static final class Parent extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name", 40);

        Parent() { super("StreamParent", ModelOptions.defaults().freezeTableName().timestamps(false)); }
    }

    static final class Child extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<Integer> parentId = integer("parentId").notNull();
        final Column<String> payload = text("payload");

        Child() { super("StreamChild", ModelOptions.defaults().freezeTableName().timestamps(false)); }
    }

    static final Parent PARENT = new Parent();
    static final Child CHILD = new Child();
    static final Association CHILD_PARENT = Association.belongsTo(CHILD, PARENT).alias("parent").foreignKey("parentId");
    static final Schema SCHEMA = Schema.builder().models(PARENT, CHILD).associations(CHILD_PARENT).build();

    private StreamingMain() {}

    public static void main(String[] args) {
        TestDatabase kind = TestDatabase.valueOf(args[0]);
        int rows = Integer.parseInt(args[4]);
        try (Canopy db = Canopy.builder(args[1]).schema(SCHEMA).user(args[2].isEmpty() ? null : args[2]).password(args[3]).poolSize(2).build()) {
            db.sync(SCHEMA);
            long t0 = System.nanoTime();
            fill(kind, db, rows);
            long t1 = System.nanoTime();
            long n = 0;
            long payloadChars = 0;
            try (Stream<Entity> children = db.stream(Query.from(CHILD).include(Include.of(CHILD_PARENT)))) {
                for (Entity e : (Iterable<Entity>) children::iterator) {
                    n++;
                    payloadChars += e.get(CHILD.payload).length();
                    if (e.one("parent") == null) {
                        throw new AssertionError("child " + e.get(CHILD.id) + " without its parent");
                    }
                }
            }
            long t2 = System.nanoTime();
            System.out.println("streamed " + n + " rows, " + payloadChars + " payload characters; fill " + (t1 - t0) / 1_000_000
                    + " ms, stream " + (t2 - t1) / 1_000_000 + " ms, max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        }
    }

    /** Parents 1..1000, then {@code rows} children, each from a generated series in one statement. */
    private static void fill(TestDatabase kind, Canopy db, int rows) {
        String series;
        String payload;
        switch (kind) {
            case H2 -> {
                series = "SELECT X AS x FROM SYSTEM_RANGE(1, ?)";
                payload = "REPEAT('x', " + PAYLOAD + ")";
            }
            case POSTGRES -> {
                series = "SELECT g AS x FROM generate_series(1, CAST(? AS int)) g";
                payload = "repeat('x', " + PAYLOAD + ")";
            }
            case MARIADB -> {
                series = "SELECT seq AS x FROM seq_1_to_" + rows + " WHERE seq <= ?";
                payload = "REPEAT('x', " + PAYLOAD + ")";
            }
            case SQLITE -> {
                series = "WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < ?) SELECT x FROM s";
                payload = "substr(hex(zeroblob(" + PAYLOAD + ")), 1, " + PAYLOAD + ")";
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        Jdbc.execute(db, "INSERT INTO \"StreamParent\" (\"id\", \"name\") SELECT x, 'parent' FROM (" + series + ") p", PARENTS);
        Jdbc.execute(db, "INSERT INTO \"StreamChild\" (\"id\", \"parentId\", \"payload\") SELECT x, MOD(x, " + PARENTS + ") + 1, "
                + payload + " FROM (" + series + ") c", rows);
    }
}
