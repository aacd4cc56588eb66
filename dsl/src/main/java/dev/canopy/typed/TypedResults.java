package dev.canopy.typed;

import dev.canopy.plan.Plan;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compiled mappers, one per (plan, node, type). A mapper is compiled the first time a type is asked for with
 * a plan, before the plan's query runs, and kept as long as the plan is: plans are held by Canopy's plan cache and
 * by the entities they made, and the cache holds them only weakly. {@link dev.canopy.Canopy#findAll(
 * dev.canopy.query.Query, Class)} and {@link dev.canopy.hydrate.Entity#into(Class)} come here; call it directly to
 * map entities you already hold.
 */
public final class TypedResults {
    private record Key(int node, Class<?> type) {}

    private static final Map<Plan, Map<Key, EntityMapper<?>>> MAPPERS = Collections.synchronizedMap(new WeakHashMap<>());

    private TypedResults() {}

    /**
     * The mapper of a plan's roots to {@code type}.
     *
     * @throws dev.canopy.error.MappingException listing every component that does not match the plan
     */
    public static <T> EntityMapper<T> mapper(Plan plan, Class<T> type) {
        return mapper(plan, 0, type);
    }

    /**
     * The mapper of the entities of one node of a plan to {@code type}.
     *
     * @throws dev.canopy.error.MappingException listing every component that does not match the node
     */
    @SuppressWarnings("unchecked")
    public static <T> EntityMapper<T> mapper(Plan plan, int node, Class<T> type) {
        Objects.requireNonNull(plan, "plan is null");
        Objects.requireNonNull(type, "type is null");
        Map<Key, EntityMapper<?>> byType = MAPPERS.computeIfAbsent(plan, p -> new ConcurrentHashMap<>());
        Key key = new Key(node, type);
        EntityMapper<?> m = byType.get(key);
        if (m == null) {
            m = new MapperCompiler().compile(new NodeShape(plan, node), type);
            EntityMapper<?> raced = byType.putIfAbsent(key, m);
            m = raced != null ? raced : m;
        }
        return (EntityMapper<T>) m;
    }
}
