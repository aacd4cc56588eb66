package dev.canopy.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jetbrains.kotlin.cli.common.ExitCode;
import org.jetbrains.kotlin.cli.jvm.K2JVMCompiler;

/**
 * Compiles generated Java (javax.tools) and Kotlin (the Kotlin compiler, embedded, in-process) against the test
 * class path, and loads the classes, so a test proves that generated source compiles and runs.
 */
final class SourceCompiler {
    private SourceCompiler() {}

    /** Compiles {@code sources} (file name → text: {@code Q1.java}, {@code K1.kt}) into {@code dir}; a class loader over the result. */
    static ClassLoader compile(Path dir, Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path out = Files.createDirectories(dir.resolve("classes"));
        List<String> java = new ArrayList<>();
        List<String> kotlin = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = Files.writeString(src.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            (e.getKey().endsWith(".kt") ? kotlin : java).add(f.toString());
        }
        String classPath = System.getProperty("java.class.path");
        if (!kotlin.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("-no-stdlib", "-no-reflect", "-jvm-target", "17", "-nowarn",
                    "-classpath", classPath, "-d", out.toString()));
            args.addAll(kotlin);
            ByteArrayOutputStream messages = new ByteArrayOutputStream();
            ExitCode code = new K2JVMCompiler().exec(new PrintStream(messages, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
            if (code != ExitCode.OK) {
                throw new AssertionError("generated Kotlin does not compile (" + code + "):\n" + messages.toString(StandardCharsets.UTF_8));
            }
        }
        if (!java.isEmpty()) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<String> args = new ArrayList<>(List.of("-classpath", classPath, "-d", out.toString(), "-Xlint:none", "-proc:none"));
            args.addAll(java);
            StringWriter messages = new StringWriter();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = javac.run(null, null, err, args.toArray(String[]::new));
            if (code != 0) {
                throw new AssertionError("generated Java does not compile:\n" + err.toString(StandardCharsets.UTF_8) + messages);
            }
        }
        return new URLClassLoader(new URL[] {out.toUri().toURL()}, SourceCompiler.class.getClassLoader());
    }
}
