package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.model.Association;
import dev.canopy.model.DataType;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Include;
import dev.canopy.query.Query;
import dev.canopy.result.Entity;
import dev.canopy.write.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Limits of the include tree, on every database, over synthetic schemas whose expected graphs are computed in Java
 * from the rows inserted: a chain of ten nested to-many includes (joined in one statement, and each level separate),
 * and thirty sibling to-many includes of one root (one joined, the others batched), some with a where.
 */
@DisplayName("Include tree limits")
class TreeLimitsTest {
    static final int DEPTH = 10;
    static final int SIBLINGS = 30;

    // ---- a chain of ten to-many levels -------------------------------------------------------------------------

    static final List<Model> LEVELS = new ArrayList<>();
    static final Schema CHAIN;

    static {
        Schema.Builder b = Schema.builder();
        for (int k = 0; k <= DEPTH; k++) {
            Model.Builder m = Model.builder("Level" + k, ModelOptions.defaults().timestamps(false))
                    .column("id", DataType.INTEGER, c -> c.primaryKey())
                    .column("name", DataType.string(40));
            if (k > 0) {
                m = m.column("parentId", DataType.INTEGER);
            }
            LEVELS.add(m.build());
            b.model(LEVELS.get(k));
        }
        List<Association> links = new ArrayList<>();
        for (int k = 1; k <= DEPTH; k++) {
            links.add(Association.hasMany(LEVELS.get(k - 1), LEVELS.get(k)).alias("children").foreignKey("parentId"));
        }
        CHAIN = b.associations(links).build();
    }

    /**
     * Rows of each level: two roots; every node whose id is not a multiple of 5 has two children on the first three
     * levels and one below, so that the leaves are ten levels down and some branches end early.
     */
    static List<List<Map<String, Object>>> chainRows() {
        List<List<Map<String, Object>>> levels = new ArrayList<>();
        List<Map<String, Object>> roots = List.of(row(1, "root 1", null), row(2, "root 2", null));
        levels.add(roots);
        int next = 100;
        for (int k = 1; k <= DEPTH; k++) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> parent : levels.get(k - 1)) {
                int id = (Integer) parent.get("id");
                if (id % 5 == 0) {
                    continue;
                }
                for (int c = 0; c < (k <= 3 ? 2 : 1); c++) {
                    next++;
                    rows.add(row(next, "level " + k + " #" + next, id));
                }
            }
            levels.add(rows);
        }
        return levels;
    }

    private static Map<String, Object> row(int id, String name, Integer parentId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        if (parentId != null) {
            m.put("parentId", parentId);
        }
        return m;
    }

    /** The expected graph below {@code parent} (a node of level {@code k}), children under "children". */
    static Map<String, Object> expectedNode(List<List<Map<String, Object>>> levels, int k, Map<String, Object> node) {
        Map<String, Object> out = new LinkedHashMap<>(node);
        if (k < DEPTH) {
            out.put("children", levels.get(k + 1).stream().filter(c -> c.get("parentId").equals(node.get("id")))
                    .map(c -> expectedNode(levels, k + 1, c)).collect(Collectors.toList()));
        }
        return out;
    }

    /** {@code include("children")} nested {@code depth} times, each level configured by {@code each}. */
    static Include chainInclude(int level, UnaryOperator<Include> each) {
        Include inc = each.apply(Include.of("children"));
        return level == DEPTH ? inc : inc.include(chainInclude(level + 1, each));
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a chain of ten nested to-many includes gives the expected graph, joined and level by level separate")
    void depthTen(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("depth_ten", CHAIN)) {
            Canopy db = h.db;
            db.sync(CHAIN);
            List<List<Map<String, Object>>> levels = chainRows();
            for (int k = 0; k <= DEPTH; k++) {
                for (Map<String, Object> r : levels.get(k)) {
                    db.create(LEVELS.get(k), Values.of(r));
                }
            }
            List<Object> expected = levels.get(0).stream().map(r -> expectedNode(levels, 0, r)).collect(Collectors.toList());
            assertThat(levels.get(DEPTH)).as("the chain reaches ten levels down").isNotEmpty();

            Query joined = Query.from(LEVELS.get(0)).include(chainInclude(1, i -> i)).order(LEVELS.get(0).column("id").asc());
            Query separate = Query.from(LEVELS.get(0)).include(chainInclude(1, Include::separate)).order(LEVELS.get(0).column("id").asc());
            assertThat(canonical(maps(db.findAll(joined)))).as("joined").isEqualTo(canonical(expected));
            assertThat(canonical(maps(db.findAll(separate)))).as("each level separate").isEqualTo(canonical(expected));
            assertThat(canonical(maps(db.findAll(joined.limit(1).offset(1))))).as("the second root alone")
                    .isEqualTo(canonical(expected.subList(1, 2)));
        }
    }

    // ---- thirty sibling to-many includes -----------------------------------------------------------------------

    static final Model HUB = Model.builder("Hub", ModelOptions.defaults().timestamps(false))
            .column("id", DataType.INTEGER, c -> c.primaryKey()).column("name", DataType.string(40)).build();
    static final List<Model> SPOKES = new ArrayList<>();
    static final Schema STAR;

    static {
        Schema.Builder b = Schema.builder().model(HUB);
        List<Association> links = new ArrayList<>();
        for (int k = 0; k < SIBLINGS; k++) {
            Model spoke = Model.builder("Spoke" + k, ModelOptions.defaults().timestamps(false))
                    .column("id", DataType.INTEGER, c -> c.primaryKey()).column("hubId", DataType.INTEGER)
                    .column("n", DataType.INTEGER).build();
            SPOKES.add(spoke);
            b.model(spoke);
            links.add(Association.hasMany(HUB, spoke).alias("s" + k).foreignKey("hubId"));
        }
        STAR = b.associations(links).build();
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("thirty sibling to-many includes, some filtered, give the expected graph")
    void thirtySiblings(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("thirty_siblings", STAR)) {
            Canopy db = h.db;
            db.sync(STAR);
            List<Map<String, Object>> expected = new ArrayList<>();
            for (int hub = 1; hub <= 3; hub++) {
                db.create(HUB, Values.of(Map.of("id", hub, "name", "hub " + hub)));
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("id", hub);
                e.put("name", "hub " + hub);
                expected.add(e);
            }
            int id = 0;
            for (int k = 0; k < SIBLINGS; k++) {
                for (int hub = 1; hub <= 3; hub++) {
                    List<Map<String, Object>> children = new ArrayList<>();
                    for (int n = 0; n < (hub + k) % 4; n++) {
                        id++;
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("id", id);
                        r.put("hubId", hub);
                        r.put("n", n);
                        db.create(SPOKES.get(k), Values.of(r));
                        // every third sibling keeps only n >= 1: its where filters the children, not the hubs
                        if (k % 3 != 2 || n >= 1) {
                            children.add(r);
                        }
                    }
                    expected.get(hub - 1).put("s" + k, children);
                }
            }
            Query q = Query.from(HUB).order(HUB.column("id").asc());
            for (int k = 0; k < SIBLINGS; k++) {
                Model spoke = SPOKES.get(k);
                @SuppressWarnings("unchecked")
                dev.canopy.model.Column<Integer> n = (dev.canopy.model.Column<Integer>) spoke.column("n");
                q = k % 3 == 2 ? q.include("s" + k, i -> i.where(n.ge(1)).optional()) : q.include("s" + k);
            }
            assertThat(canonical(maps(db.findAll(q)))).isEqualTo(canonical(new ArrayList<>(expected)));
        }
    }

    // ---- comparison --------------------------------------------------------------------------------------------

    private static List<Object> maps(List<Entity> found) {
        return found.stream().map(e -> (Object) e.toMap()).collect(Collectors.toList());
    }

    /** The graph with every list of children ordered by id and numbers as longs, so that graphs compare by content. */
    @SuppressWarnings("unchecked")
    static Object canonical(Object o) {
        if (o instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) o).forEach((k, v) -> out.put(k, canonical(v)));
            return out;
        }
        if (o instanceof List) {
            List<Object> out = ((List<Object>) o).stream().map(TreeLimitsTest::canonical).collect(Collectors.toList());
            out.sort(Comparator.comparing(x -> x instanceof Map ? ((Number) ((Map<String, Object>) x).get("id")).longValue() : 0L));
            return out;
        }
        if (o instanceof Number) {
            return ((Number) o).longValue();
        }
        return o;
    }
}
