package dev.canopy.bench.report;

import java.util.List;
import java.util.Map;

/** How the report names benchmark methods, and in which order it lists them. */
public final class Contestants {
    private Contestants() {}

    public static final String JDBC = "jdbc";
    public static final String CANOPY = "canopyEntity";
    public static final String CANOPY_MAPPED = "canopyEntityManualMapping";
    public static final String CANOPY_TYPED = "canopyTypedRecords";
    public static final String JOOQ = "jooqJoinIntoGroups";
    public static final String JOOQ_MULTISET = "jooqMultiset";
    public static final String MYBATIS = "mybatisNestedResultMap";
    public static final String HIBERNATE = "hibernateJoinFetch";
    public static final String BULK_JDBC = "bulkJdbcBatch";
    public static final String BULK_CANOPY = "bulkCanopy";
    public static final String NESTED_JDBC = "nestedJdbcBatch";
    public static final String NESTED_CANOPY = "nestedCanopy";

    /** The graph-loading contestants, in report order. */
    public static final List<String> GRAPH = List.of(JDBC, CANOPY, CANOPY_TYPED, CANOPY_MAPPED, JOOQ, JOOQ_MULTISET, MYBATIS, HIBERNATE);

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(JDBC, "hand-written JDBC"),
            Map.entry(CANOPY, "Canopy Entity"),
            Map.entry(CANOPY_MAPPED, "Canopy Entity + manual mapping"),
            Map.entry(CANOPY_TYPED, "Canopy typed records"),
            Map.entry(JOOQ, "jOOQ join + intoGroups"),
            Map.entry(JOOQ_MULTISET, "jOOQ MULTISET"),
            Map.entry(MYBATIS, "MyBatis nested resultMap"),
            Map.entry(HIBERNATE, "Hibernate JOIN FETCH"),
            Map.entry("composeQuery", "compose the query value (reference)"),
            Map.entry("planAndRenderFirstTime", "first time: fresh query, new Planner + Renderer"),
            Map.entry("toSqlCached", "cached: db.toSql(equal query value, reused)"),
            Map.entry("toSqlCachedFreshValue", "cached: db.toSql(query value composed anew per call)"),
            Map.entry("toSqlSameShapeOtherValue", "same shape, other value: db.toSql(where id = i), 4,096 values built beforehand"),
            Map.entry("toSqlSameShapeFreshValue", "same shape, other value: composed anew per call, an id never used before"),
            Map.entry("firstTimeOnNewCanopy", "first time on a Canopy: new Canopy + its first db.toSql (plan, render, template)"),
            Map.entry("newCanopyOnly", "new Canopy alone (reference for the row above)"),
            Map.entry("singleJoin", "single join (separate(false) on both)"),
            Map.entry("separateQueries", "separate queries (separate() on both)"),
            Map.entry("auto", "auto (planner's default)"),
            Map.entry(BULK_JDBC, "bulk: hand-written JDBC batch"),
            Map.entry(BULK_CANOPY, "bulk: Canopy `bulkCreate`"),
            Map.entry(NESTED_JDBC, "nested: hand-written JDBC batches (authors with generated keys, then books)"),
            Map.entry(NESTED_CANOPY, "nested: Canopy `bulkCreate` with nested books"));

    public static String label(String method) {
        return LABELS.getOrDefault(method, method);
    }

    /** The position of a method in report order (unknown methods last, by name). */
    public static int order(String method) {
        int i = GRAPH.indexOf(method);
        if (i >= 0) {
            return i;
        }
        List<String> others = List.of("composeQuery", "planAndRenderFirstTime", "toSqlCached", "toSqlCachedFreshValue", "toSqlSameShapeOtherValue",
                "toSqlSameShapeFreshValue", "firstTimeOnNewCanopy", "newCanopyOnly", "singleJoin", "auto",
                "separateQueries", BULK_JDBC, BULK_CANOPY, NESTED_JDBC, NESTED_CANOPY);
        int j = others.indexOf(method);
        return j >= 0 ? 100 + j : 1000;
    }
}
