package dev.canopy.internal;

import dev.canopy.exec.Executor;

import dev.canopy.render.Renderer;
import dev.canopy.schema.SchemaApi;
import dev.canopy.write.Writer;
import java.time.Clock;
import java.util.Objects;

/**
 * How the facade makes the exported classes whose constructors take implementation types (the schema API, the
 * writer) without those constructors being public: each class registers a factory here when it is initialised, as
 * the JDK's own packages share what they do not export. This package is not exported, so nothing outside the module
 * can reach it.
 */
public final class Factories {
    /** Makes a schema API on an executor; registered by {@link SchemaApi}. */
    public interface SchemaApis {
        SchemaApi create(Executor executor, Renderer renderer, boolean dryRun);
    }

    /** Makes a writer on an executor; registered by {@link Writer}. */
    public interface Writers {
        Writer create(Executor executor, Renderer renderer, Clock clock);
    }

    private static volatile SchemaApis schemaApis;
    private static volatile Writers writers;

    private Factories() {}

    public static void register(SchemaApis factory) {
        schemaApis = Objects.requireNonNull(factory);
    }

    public static void register(Writers factory) {
        writers = Objects.requireNonNull(factory);
    }

    public static SchemaApi schemaApi(Executor executor, Renderer renderer, boolean dryRun) {
        ensureInitialised(SchemaApi.class);
        return schemaApis.create(executor, renderer, dryRun);
    }

    public static Writer writer(Executor executor, Renderer renderer, Clock clock) {
        ensureInitialised(Writer.class);
        return writers.create(executor, renderer, clock);
    }

    private static void ensureInitialised(Class<?> c) {
        try {
            Class.forName(c.getName(), true, c.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
