package dev.canopy.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles one source file against the test class path, for tests that prove what does (not) compile. */
public final class Javac {
    private Javac() {}

    /**
     * Compiles {@code source} as {@code probe/Probe.java} under {@code dir}; returns the error messages (empty when it
     * compiles). With {@code errorProne}, javac runs Error Prone as the build does.
     */
    public static List<String> errors(Path dir, String source, boolean errorProne) throws IOException {
        Path src = dir.resolve("probe/Probe.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classpath = System.getProperty("java.class.path");
        List<String> options = new ArrayList<>(List.of("-d", dir.resolve("out").toString(), "-classpath", classpath));
        if (errorProne) {
            options.addAll(List.of("-processorpath", classpath, "-XDcompilePolicy=simple", "--should-stop=ifError=FLOW", "-Xplugin:ErrorProne"));
        } else {
            options.add("-proc:none");
        }
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(src.toFile())).call();
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(d.getMessage(Locale.ROOT));
            }
        }
        return errors;
    }
}
