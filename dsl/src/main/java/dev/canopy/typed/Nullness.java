package dev.canopy.typed;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.util.Set;

/**
 * Whether a component may hold null. Annotations are recognised by simple name, so JSpecify, JetBrains,
 * jsr305, Checker Framework and Android annotations all count and Canopy depends on none of them.
 */
enum Nullness {
    /** A primitive, a Kotlin type without {@code ?}, or a Java component that JSpecify says is not nullable. */
    NON_NULL,
    /** A Kotlin type with {@code ?}, or a Java component annotated {@code @Nullable}. */
    NULLABLE,
    /** A Java component outside any {@code @NullMarked} scope and without annotation: treated as nullable. */
    UNSPECIFIED;

    private static final Set<String> NULLABLE_NAMES = Set.of("Nullable", "CheckForNull");
    private static final Set<String> NON_NULL_NAMES = Set.of("NonNull", "NotNull", "Nonnull");

    /**
     * The nullness of a Java component: primitives are non-null; then its own annotations (declaration or type
     * use); then the nearest {@code @NullMarked} / {@code @NullUnmarked} of its class, enclosing classes, package
     * and module, as JSpecify defines it.
     */
    static Nullness ofJava(Class<?> raw, AnnotatedType type, AnnotatedElement declaration, Class<?> owner) {
        if (raw.isPrimitive()) {
            return NON_NULL;
        }
        Nullness own = annotated(type.getAnnotations());
        if (own == UNSPECIFIED) {
            own = annotated(declaration.getAnnotations());
        }
        return own != UNSPECIFIED ? own : scope(owner);
    }

    private static Nullness annotated(Annotation[] annotations) {
        for (Annotation a : annotations) {
            String name = a.annotationType().getSimpleName();
            if (NULLABLE_NAMES.contains(name)) {
                return NULLABLE;
            }
            if (NON_NULL_NAMES.contains(name)) {
                return NON_NULL;
            }
        }
        return UNSPECIFIED;
    }

    private static Nullness scope(Class<?> owner) {
        Boolean marked = null;
        for (Class<?> c = owner; c != null && marked == null; c = c.getEnclosingClass()) {
            marked = marked(c);
        }
        if (marked == null && owner.getPackage() != null) {
            marked = marked(owner.getPackage());
        }
        if (marked == null) {
            marked = marked(owner.getModule());
        }
        return Boolean.TRUE.equals(marked) ? NON_NULL : UNSPECIFIED;
    }

    /** TRUE under {@code @NullMarked}, FALSE under {@code @NullUnmarked}, null when the element says neither. */
    private static @org.jspecify.annotations.Nullable Boolean marked(AnnotatedElement e) {
        for (Annotation a : e.getAnnotations()) {
            String name = a.annotationType().getSimpleName();
            if (name.equals("NullMarked")) {
                return Boolean.TRUE;
            }
            if (name.equals("NullUnmarked")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }
}
