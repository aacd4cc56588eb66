package dev.canopy.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where migrations (or seeders) come from: a folder of {@code .sql} and {@code .java} files, a package on the class
 * path, or a list given in code. Each source returns its migrations in version order.
 */
@FunctionalInterface
public interface MigrationSource {
    /** The migrations, in version order; two with one name are an error. */
    List<MigrationScript> load();

    /**
     * The {@code .sql} and {@code .java} files of a folder (not its subfolders). A {@code .java} file holds one class
     * implementing {@link Migration}, compiled in-process with the JDK's compiler against the class path Canopy runs
     * on (like {@code java File.java}); its name is the file's, so {@code 20261201093000-create-users.java} is fine.
     */
    static MigrationSource folder(Path folder) {
        Objects.requireNonNull(folder, "folder is null");
        return () -> {
            if (!Files.isDirectory(folder)) {
                throw new MigrationSourceException("The migrations folder " + folder + " does not exist or is not a folder");
            }
            List<MigrationScript> out = new ArrayList<>();
            List<Path> javaFiles = new ArrayList<>();
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.sorted().toList()) {
                    String file = f.getFileName().toString();
                    if (file.endsWith(".sql")) {
                        String text = Files.readString(f, StandardCharsets.UTF_8);
                        String name = file.substring(0, file.length() - 4);
                        out.add(new MigrationScript(name, MigrationScript.checksum(text), SqlMigration.parse(name, text), f.toString()));
                    } else if (file.endsWith(".java")) {
                        javaFiles.add(f);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the migrations folder " + folder + ": " + e.getMessage(), e);
            }
            out.addAll(JavaSources.compile(javaFiles));
            return sorted(out);
        };
    }

    /**
     * The migrations of a package on the class path: each class implementing {@link Migration} (named like
     * {@code V20261201093000_CreateUsers}; its checksum is its class file's) and each {@code .sql} resource.
     */
    static MigrationSource classpath(String packageName) {
        return classpath(packageName, Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : MigrationSource.class.getClassLoader());
    }

    static MigrationSource classpath(String packageName, ClassLoader loader) {
        Objects.requireNonNull(packageName, "package is null");
        return () -> {
            String path = packageName.replace('.', '/');
            Map<String, byte[]> resources = new HashMap<>();
            try {
                Enumeration<URL> roots = loader.getResources(path);
                while (roots.hasMoreElements()) {
                    URL root = roots.nextElement();
                    if (root.getProtocol().equals("jar")) {
                        JarURLConnection jar = (JarURLConnection) root.openConnection();
                        jar.setUseCaches(false);
                        try (JarFile file = jar.getJarFile()) {
                            for (JarEntry e : java.util.Collections.list(file.entries())) {
                                String n = e.getName();
                                if (n.startsWith(path + "/") && n.indexOf('/', path.length() + 1) < 0 && !e.isDirectory()) {
                                    try (InputStream in = file.getInputStream(e)) {
                                        resources.put(n.substring(path.length() + 1), in.readAllBytes());
                                    }
                                }
                            }
                        }
                    } else if (root.getProtocol().equals("file")) {
                        try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                            for (Path f : files.toList()) {
                                if (Files.isRegularFile(f)) {
                                    resources.put(f.getFileName().toString(), Files.readAllBytes(f));
                                }
                            }
                        }
                    }
                }
            } catch (IOException | URISyntaxException e) {
                throw new MigrationSourceException("Cannot list the package " + packageName + " on the class path: " + e.getMessage());
            }
            List<MigrationScript> out = new ArrayList<>();
            for (Map.Entry<String, byte[]> r : resources.entrySet()) {
                String file = r.getKey();
                if (file.endsWith(".sql")) {
                    String name = file.substring(0, file.length() - 4);
                    String text = new String(r.getValue(), StandardCharsets.UTF_8);
                    out.add(new MigrationScript(name, MigrationScript.checksum(text), SqlMigration.parse(name, text), path + "/" + file));
                } else if (file.endsWith(".class") && !file.contains("$")) {
                    String simple = file.substring(0, file.length() - 6);
                    if (simple.equals("package-info")) {
                        continue;
                    }
                    Class<?> type;
                    try {
                        type = Class.forName(packageName + "." + simple, false, loader);
                    } catch (ClassNotFoundException e) {
                        throw new MigrationSourceException("Cannot load " + packageName + "." + simple + ": " + e.getMessage());
                    }
                    if (Migration.class.isAssignableFrom(type) && !type.isInterface() && !java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                        out.add(new MigrationScript(simple, MigrationScript.checksum(r.getValue()), JavaSources.instantiate(type),
                                type.getName()));
                    }
                }
            }
            return sorted(out);
        };
    }

    /** Migrations given in code. */
    static MigrationSource of(MigrationScript... scripts) {
        List<MigrationScript> list = List.of(scripts);
        return () -> sorted(new ArrayList<>(list));
    }

    private static List<MigrationScript> sorted(List<MigrationScript> scripts) {
        scripts.sort(MigrationScript.ORDER);
        for (int i = 1; i < scripts.size(); i++) {
            if (scripts.get(i).name().equals(scripts.get(i - 1).name())) {
                throw new MigrationSourceException("Two migrations are named " + scripts.get(i).name() + ": " + scripts.get(i - 1).origin()
                        + " and " + scripts.get(i).origin());
            }
        }
        return List.copyOf(scripts);
    }
}
