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
    /** {@link #constructor} as a constant the compiler inlines (see {@link Inlined}). */
    private final Inlined.Function construct;
    private final Part[] parts;
    /** The node this mapper was compiled for, and what each component reads: for {@link TypedReader}. */
    private final NodeShape shape;
    private final List<Spec> specs;

    /** The constructor with its own parameter types. */
    private final MethodHandle direct;

    EntityMapper(Class<T> type, MethodHandle constructor, MethodHandle direct, Part[] parts, NodeShape shape, List<Spec> specs) {
        this.type = type;
        this.constructor = constructor;
        this.construct = Inlined.of(constructor);
        this.direct = direct;
        this.parts = parts;
        this.shape = shape;
        this.specs = specs;
    }

    NodeShape shape() {
        return shape;
    }

    List<Spec> specs() {
        return specs;
    }

    /** The constructor as {@code (Object[]) Object}. */
    MethodHandle spreadConstructor() {
        return constructor;
    }

    /** The constructor with its own parameter types. */
    MethodHandle directConstructor() {
        return direct;
    }

    /** Builds a {@code T} from its arguments in constructor order (the direct reader's shells). */
    T construct(Object[] args) {
        Object made;
        try {
            made = construct.apply(args);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw failed(e);
        }
        return type.cast(made);
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
            made = construct.apply(args);
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

    MappingException failed(Throwable cause) {
        if (cause instanceof MappingException) {
            return (MappingException) cause;
        }
        MappingException m = new MappingException("The constructor of " + type.getSimpleName() + " threw " + cause);
        m.initCause(cause);
        return m;
    }
}
