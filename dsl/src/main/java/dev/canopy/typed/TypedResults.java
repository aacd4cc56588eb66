package dev.canopy.typed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.canopy.hydrate.HydratedEntity;
import dev.canopy.hydrate.EntityMapping;
import dev.canopy.model.Schema;
import dev.canopy.plan.Plan;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The compiled mappers of one {@code Canopy}, one per (plan, node, type). A mapper is compiled the first time a type
 * is asked for with a plan, before the plan's query runs, and kept as long as the plan is: the cache holds plans
 * weakly (by identity), and plans live in the Canopy's plan cache and in the entities they made.
 * {@link dev.canopy.Canopy#findAll(dev.canopy.query.Query, Class)} and {@link dev.canopy.result.Entity#into(Class)} come here.
 */
public final class TypedResults implements EntityMapping {
    private record Key(int node, Class<?> type) {}

    private final @Nullable Schema schema;
    private final Cache<Plan, Map<Key, EntityMapper<?>>> mappers = Caffeine.newBuilder().weakKeys().build();

    /** Mappers for plans of queries bound to {@code schema} (which only improves the messages; null is fine). */
    public TypedResults(@Nullable Schema schema) {
        this.schema = schema;
    }

    /**
     * The mapper of a plan's roots to {@code type}.
     *
     * @throws dev.canopy.error.MappingException listing every component that does not match the plan
     */
    public <T> EntityMapper<T> mapper(Plan plan, Class<T> type) {
        return mapper(plan, 0, type);
    }

    /**
     * The mapper of the entities of one node of a plan to {@code type}.
     *
     * @throws dev.canopy.error.MappingException listing every component that does not match the node
     */
    @SuppressWarnings("unchecked")
    public <T> EntityMapper<T> mapper(Plan plan, int node, Class<T> type) {
        Objects.requireNonNull(plan, "plan is null");
        Objects.requireNonNull(type, "type is null");
        Map<Key, EntityMapper<?>> byType = mappers.get(plan, p -> new ConcurrentHashMap<>());
        Key key = new Key(node, type);
        EntityMapper<?> m = byType.get(key);
        if (m == null) {
            m = new MapperCompiler(schema).compile(new NodeShape(plan, node), type);
            EntityMapper<?> raced = byType.putIfAbsent(key, m);
            m = raced != null ? raced : m;
        }
        return (EntityMapper<T>) m;
    }

    /** The direct readers by plan (weakly) and type; an absent value is a type that must be mapped from entities. */
    private final Cache<Plan, Map<Class<?>, Optional<TypedReader>>> readers = Caffeine.newBuilder().weakKeys().build();

    /**
     * The reader of a plan's rows straight into {@code type} ({@link TypedReader}), compiled once per plan and type;
     * null when the type takes {@code Entity} objects somewhere, so that its results must be mapped from entities.
     *
     * @throws dev.canopy.error.MappingException listing every component that does not match the plan
     */
    public @Nullable TypedReader reader(Plan plan, Class<?> type, dev.canopy.dialect.@Nullable Dialect dialect) {
        Map<Class<?>, Optional<TypedReader>> byType = readers.get(plan, p -> new ConcurrentHashMap<>());
        Optional<TypedReader> r = byType.get(type);
        if (r == null) {
            r = Optional.ofNullable(TypedReader.compile(plan, mapper(plan, type), dialect));
            Optional<TypedReader> raced = byType.putIfAbsent(type, r);
            r = raced != null ? raced : r;
        }
        return r.orElse(null);
    }

    @Override
    public <T> T map(HydratedEntity entity, Class<T> type) {
        return mapper(entity.shape().plan(), entity.shape().node(), type).map(entity);
    }
}
