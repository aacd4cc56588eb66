package dev.canopy.typed;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Small helpers over {@link Type}: names for messages, type arguments, boxing. */
final class Types {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            short.class, Short.class, byte.class, Byte.class, double.class, Double.class, float.class, Float.class,
            boolean.class, Boolean.class, char.class, Character.class);

    /** Java classes as Kotlin source names them, for messages about Kotlin classes. */
    private static final Map<Class<?>, String> KOTLIN = Map.ofEntries(Map.entry(int.class, "Int"), Map.entry(Integer.class, "Int"),
            Map.entry(long.class, "Long"), Map.entry(short.class, "Short"), Map.entry(byte.class, "Byte"), Map.entry(double.class, "Double"),
            Map.entry(float.class, "Float"), Map.entry(boolean.class, "Boolean"), Map.entry(char.class, "Char"),
            Map.entry(Character.class, "Char"), Map.entry(Object.class, "Any"));

    private Types() {}

    /** A component's type as its source declares it: {@code List<AlbumView>}, {@code int}; in Kotlin {@code Int?}. */
    static String declared(Type t, boolean kotlin, boolean nullable) {
        if (!kotlin) {
            return name(t);
        }
        String n = t instanceof Class && KOTLIN.containsKey(t) ? KOTLIN.get(t) : name(t);
        return nullable ? n + "?" : n;
    }

    static Class<?> box(Class<?> c) {
        return c.isPrimitive() ? BOXES.get(c) : c;
    }

    /** A type as a reader writes it: {@code List<AlbumView>}, {@code int}, {@code Optional<String>}. */
    static String name(Type t) {
        if (t instanceof Class) {
            return ((Class<?>) t).getSimpleName();
        }
        if (t instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) t;
            return name(p.getRawType()) + Arrays.stream(p.getActualTypeArguments()).map(Types::name).collect(Collectors.joining(", ", "<", ">"));
        }
        if (t instanceof WildcardType) {
            return name(upper(t));
        }
        return t.getTypeName();
    }

    /** The class of a type's only type argument ({@code AlbumView} of {@code List<? extends AlbumView>}), or null. */
    static @Nullable Class<?> argument(Type t) {
        if (!(t instanceof ParameterizedType)) {
            return null;
        }
        Type[] args = ((ParameterizedType) t).getActualTypeArguments();
        if (args.length != 1) {
            return null;
        }
        Type a = upper(args[0]);
        if (a instanceof Class) {
            return (Class<?>) a;
        }
        if (a instanceof ParameterizedType && ((ParameterizedType) a).getRawType() instanceof Class) {
            return (Class<?>) ((ParameterizedType) a).getRawType();
        }
        return null;
    }

    private static Type upper(Type t) {
        return t instanceof WildcardType ? ((WildcardType) t).getUpperBounds()[0] : t;
    }
}
