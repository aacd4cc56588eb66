package dev.canopy.typed;

import dev.canopy.error.MappingException;
import dev.canopy.hydrate.HydratedEntity;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Maps the entities of one plan node to instances of one type. Compiled once per plan node and type by
 * {@link TypedResults}: per row it reads each argument by index and calls the constructor through a spread
 * {@link MethodHandle}, with no reflection and no lookup by name. Thread-safe.
 *
 * @param <T> the record or Kotlin class
 */
public final class EntityMapper<T> {
    private final Class<T> type;
    /** The constructor as {@code (Object[]) Object}. */
    private final MethodHandle constructor;
    private final Part[] parts;

    EntityMapper(Class<T> type, MethodHandle constructor, Part[] parts) {
        this.type = type;
        this.constructor = constructor;
        this.parts = parts;
    }

    /** The type this mapper makes. */
    public Class<T> type() {
        return type;
    }

    /** One entity (of the node this mapper was compiled for) and its includes as a {@code T}. */
    public T map(HydratedEntity entity) {
        Object[] args = new Object[parts.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = parts[i].read(entity);
        }
        Object made;
        try {
            made = (Object) constructor.invokeExact(args);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw failed(e);
        }
        return type.cast(made);
    }

    /** Each entity as a {@code T}, in order; an unmodifiable list. */
    public List<T> mapAll(List<HydratedEntity> entities) {
        List<T> out = new ArrayList<>(entities.size());
        for (HydratedEntity e : entities) {
            out.add(map(e));
        }
        return Collections.unmodifiableList(out);
    }

    private MappingException failed(Throwable cause) {
        if (cause instanceof MappingException) {
            return (MappingException) cause;
        }
        MappingException m = new MappingException("The constructor of " + type.getSimpleName() + " threw " + cause);
        m.initCause(cause);
        return m;
    }
}
