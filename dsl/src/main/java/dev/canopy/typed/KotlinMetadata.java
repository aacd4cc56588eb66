package dev.canopy.typed;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import kotlin.Metadata;
import kotlin.metadata.Attributes;
import kotlin.metadata.KmClass;
import kotlin.metadata.KmConstructor;
import kotlin.metadata.KmValueParameter;
import kotlin.metadata.jvm.JvmExtensionsKt;
import kotlin.metadata.jvm.JvmMethodSignature;
import kotlin.metadata.jvm.KotlinClassMetadata;
import org.jspecify.annotations.Nullable;

/**
 * The primary constructor of a Kotlin class as {@code kotlin.Metadata} describes it: each parameter's name and
 * whether its type is nullable, read with JetBrains' {@code kotlin-metadata-jvm} (no kotlin-reflect).
 *
 * <p>Why the metadata: kotlinc writes {@code @NotNull} / {@code @Nullable} on parameters with class retention
 * (invisible to reflection), and writes parameter names into class files only with {@code -java-parameters}. The
 * metadata has both, always.
 *
 * <p>{@code kotlin-metadata-jvm} is an optional dependency of canopy-dsl: a Java-only application never loads this
 * class ({@link #isKotlin} looks for the annotation by name), and a Kotlin one has it through canopy-kotlin or its own
 * build. When it is missing, mapping to a Kotlin class fails with a message that names the artifact to add.
 */
final class KotlinMetadata {
    private static final String ARTIFACT = "org.jetbrains.kotlin:kotlin-metadata-jvm";

    /**
     * A primary constructor.
     *
     * @param descriptor the constructor's JVM descriptor, when the metadata records it
     * @param names      the parameters' names, in order
     * @param nullable   for each parameter, whether its Kotlin type is nullable ({@code String?})
     */
    record Primary(@Nullable String descriptor, List<String> names, List<Boolean> nullable) {}

    private KotlinMetadata() {}

    /** Whether a class was compiled by kotlinc (it carries {@code kotlin.Metadata}); needs no Kotlin library. */
    static boolean isKotlin(Class<?> type) {
        for (Annotation a : type.getDeclaredAnnotations()) {
            if (a.annotationType().getName().equals("kotlin.Metadata")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The primary constructor of a Kotlin class.
     *
     * @throws IllegalStateException when the class has none, or its metadata cannot be read; the message says which
     */
    static Primary primaryConstructor(Class<?> type) {
        try {
            return Reader.primaryConstructor(type);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("reading Kotlin classes needs " + ARTIFACT
                    + " on the class path (canopy-kotlin brings it); " + e.getMessage() + " is missing", e);
        }
    }

    /** Kept apart so that a missing library shows as a {@link NoClassDefFoundError} when it is first used. */
    private static final class Reader {
        static Primary primaryConstructor(Class<?> type) {
            Metadata metadata = type.getAnnotation(Metadata.class);
            if (metadata == null) {
                throw new IllegalStateException("it is not a Kotlin class");
            }
            KotlinClassMetadata read;
            try {
                read = KotlinClassMetadata.readLenient(metadata);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("its Kotlin metadata cannot be read: " + e.getMessage(), e);
            }
            if (!(read instanceof KotlinClassMetadata.Class c)) {
                throw new IllegalStateException("its Kotlin metadata is not a class's (kind " + metadata.k() + ")");
            }
            KmClass km = c.getKmClass();
            for (KmConstructor constructor : km.getConstructors()) {
                if (!Attributes.isSecondary(constructor)) {
                    return primary(constructor);
                }
            }
            throw new IllegalStateException("it has no primary constructor");
        }

        private static Primary primary(KmConstructor constructor) {
            List<String> names = new ArrayList<>();
            List<Boolean> nullable = new ArrayList<>();
            for (KmValueParameter p : constructor.getValueParameters()) {
                names.add(p.getName());
                nullable.add(Attributes.isNullable(p.getType()));
            }
            JvmMethodSignature signature = JvmExtensionsKt.getSignature(constructor);
            return new Primary(signature == null ? null : signature.getDescriptor(), List.copyOf(names), List.copyOf(nullable));
        }
    }
}
