package dev.canopy.migrate;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles {@code .java} migration files in memory with the JDK's compiler, against the class path Canopy runs on,
 * and loads them, the way {@code java File.java} runs a source file: the file's name need not be its class's.
 */
final class JavaSources {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern CLASS = Pattern.compile("^(?:public\\s+|final\\s+)*class\\s+(\\w+)", Pattern.MULTILINE);

    private JavaSources() {}

    static List<MigrationScript> compile(List<Path> files) {
        if (files.isEmpty()) {
            return List.of();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new MigrationSourceException("Java migrations need the JDK's compiler, and this Java runtime has none; run Canopy on a JDK, "
                    + "or write the migrations in SQL");
        }
        List<JavaFileObject> units = new ArrayList<>();
        Map<Path, String> classOf = new HashMap<>();
        Map<Path, String> textOf = new HashMap<>();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + f + ": " + e.getMessage(), e);
            }
            Matcher c = CLASS.matcher(text);
            if (!c.find()) {
                throw new MigrationSourceException("The Java migration " + f + " declares no top-level class implementing dev.canopy.migrate.Migration");
            }
            Matcher p = PACKAGE.matcher(text);
            String className = (p.find() ? p.group(1) + "." : "") + c.group(1);
            classOf.put(f, className);
            textOf.put(f, text);
            units.add(new Source(className, text, f));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, byte[]> classes = new HashMap<>();
        try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Memory memory = new Memory(standard, classes);
            List<String> options = List.of("-classpath", classPath(), "-proc:none", "-Xlint:none", "-encoding", "UTF-8");
            boolean ok = javac.getTask(null, memory, diagnostics, options, null, units).call();
            if (!ok) {
                StringBuilder sb = new StringBuilder("Java migrations do not compile:");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() == Diagnostic.Kind.ERROR) {
                        String where = d.getSource() instanceof Source s ? s.file.getFileName().toString() : "?";
                        sb.append(' ').append(where).append(':').append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT)).append(';');
                    }
                }
                throw new MigrationSourceException(sb.substring(0, sb.length() - 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClassLoader loader = new ClassLoader(Migration.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
        List<MigrationScript> out = new ArrayList<>();
        for (Path f : files) {
            String file = f.getFileName().toString();
            String name = file.substring(0, file.length() - 5);
            Class<?> type;
            try {
                type = loader.loadClass(classOf.get(f));
            } catch (ClassNotFoundException e) {
                throw new MigrationSourceException("The Java migration " + f + " compiled, but its class " + classOf.get(f) + " cannot be loaded");
            }
            if (!Migration.class.isAssignableFrom(type)) {
                throw new MigrationSourceException("The class " + type.getName() + " of " + f + " does not implement dev.canopy.migrate.Migration");
            }
            out.add(new MigrationScript(name, MigrationScript.checksum(textOf.get(f)), instantiate(type), f.toString()));
        }
        return out;
    }

    static Migration instantiate(Class<?> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (Migration) constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new MigrationSourceException("Cannot create the migration " + type.getName() + " with its no-argument constructor: " + e);
        }
    }

    /** The class path the migrations compile against: the JVM's, and the jars or folders Canopy's own classes come from. */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path", "").split(File.pathSeparator)));
        for (Class<?> c : List.of(Migration.class, dev.canopy.dialect.Dialect.class, org.jooq.DSLContext.class)) {
            try {
                var source = c.getProtectionDomain().getCodeSource();
                if (source != null) {
                    entries.add(Path.of(source.getLocation().toURI()).toString());
                }
            } catch (Exception ignored) {
                // a class without a file location (a custom loader) adds nothing; the JVM's class path remains
            }
        }
        entries.remove("");
        return String.join(File.pathSeparator, entries);
    }

    /** A source file's text, under its class's name so that the compiler accepts any file name. */
    private static final class Source extends SimpleJavaFileObject {
        final String text;
        final Path file;

        Source(String className, String text, Path file) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
            this.file = file;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** Keeps the compiled classes in memory. */
    private static final class Memory extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, byte[]> classes;

        Memory(StandardJavaFileManager standard, Map<String, byte[]> classes) {
            super(standard);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(className, toByteArray());
                        }
                    };
                }
            };
        }
    }
}
