package dev.canopy.typed;

import dev.canopy.result.Attribute;
import dev.canopy.result.Included;

import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A type results can be mapped to: a Java record (its canonical constructor) or a Kotlin class (its primary
 * constructor, read from {@code kotlin.Metadata}), with one {@link Component} per constructor parameter.
 *
 * @param type        the class
 * @param constructor the constructor that makes an instance from all components, in order
 * @param components  the components, in constructor order
 * @param kotlin      whether nullness and names came from Kotlin metadata
 */
record Target(Class<?> type, Constructor<?> constructor, List<Component> components, boolean kotlin) {

    /**
     * One constructor parameter.
     *
     * @param name      the component's (or Kotlin parameter's) name
     * @param raw       its class ({@code int}, {@code List}, ...)
     * @param generic   its generic type ({@code List<AlbumView>})
     * @param nullness  whether it may hold null
     * @param attribute the attribute named by {@link Attribute}, or null
     * @param include   the alias named by {@link Included}, or null
     */
    record Component(String name, Class<?> raw, Type generic, Nullness nullness, @Nullable String attribute, @Nullable String include) {}

    /**
     * Reads a class.
     *
     * @throws IllegalArgumentException saying why the class cannot be a target
     */
    static Target of(Class<?> type) {
        if (KotlinMetadata.isKotlin(type)) {
            return kotlin(type);
        }
        if (type.isRecord()) {
            return record(type);
        }
        throw new IllegalArgumentException(Types.name(type) + " is neither a Java record nor a Kotlin class with a primary constructor");
    }

    private static Target record(Class<?> type) {
        RecordComponent[] rc = type.getRecordComponents();
        Class<?>[] types = Arrays.stream(rc).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Constructor<?> c;
        try {
            c = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(Types.name(type) + " has no canonical constructor", e);
        }
        Parameter[] params = c.getParameters();
        List<Component> out = new ArrayList<>();
        for (int i = 0; i < rc.length; i++) {
            RecordComponent r = rc[i];
            Attribute a = first(r.getAnnotation(Attribute.class), params[i].getAnnotation(Attribute.class));
            Included inc = first(r.getAnnotation(Included.class), params[i].getAnnotation(Included.class));
            out.add(new Component(r.getName(), r.getType(), r.getGenericType(), Nullness.ofJava(r.getType(), r.getAnnotatedType(), r, type),
                    a == null ? null : a.value(), inc == null ? null : inc.value()));
        }
        return new Target(type, c, List.copyOf(out), false);
    }

    private static Target kotlin(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type.isEnum()) {
            throw new IllegalArgumentException(Types.name(type) + " is neither a Java record nor a Kotlin class with a primary constructor");
        }
        KotlinMetadata.Primary p;
        try {
            p = KotlinMetadata.primaryConstructor(type);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("cannot map to " + Types.name(type) + ": " + e.getMessage(), e);
        }
        Constructor<?> c = constructor(type, p);
        Parameter[] params = c.getParameters();
        Type[] generic = c.getGenericParameterTypes();
        if (generic.length != params.length) {
            generic = c.getParameterTypes();
        }
        List<Component> out = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            Class<?> raw = params[i].getType();
            Nullness n = raw.isPrimitive() || !p.nullable().get(i) ? Nullness.NON_NULL : Nullness.NULLABLE;
            Attribute a = params[i].getAnnotation(Attribute.class);
            Included inc = params[i].getAnnotation(Included.class);
            out.add(new Component(p.names().get(i), raw, generic[i], n, a == null ? null : a.value(), inc == null ? null : inc.value()));
        }
        return new Target(type, c, List.copyOf(out), true);
    }

    /** The JVM constructor of a Kotlin primary constructor: by descriptor, else the only one of its arity. */
    private static Constructor<?> constructor(Class<?> type, KotlinMetadata.Primary p) {
        List<Constructor<?>> arity = new ArrayList<>();
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (c.isSynthetic() || c.getParameterCount() != p.names().size()) {
                continue;
            }
            if (p.descriptor() != null && MethodType.methodType(void.class, c.getParameterTypes()).toMethodDescriptorString().equals(p.descriptor())) {
                return c;
            }
            arity.add(c);
        }
        if (p.descriptor() == null && arity.size() == 1) {
            return arity.get(0);
        }
        throw new IllegalArgumentException("cannot find the primary constructor of " + Types.name(type) + " among its constructors");
    }

    private static <A> @Nullable A first(@Nullable A a, @Nullable A b) {
        return a != null ? a : b;
    }
}
