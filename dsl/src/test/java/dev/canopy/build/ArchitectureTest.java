package dev.canopy.build;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The architecture as tests: the stages depend only on the stages to their left, and the packages the module exports
 * (read from {@code module-info.java}) show neither Vavr nor an implementation class in a public signature.
 */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.canopy");

    private static final String[] RIGHT_OF_PLAN = {"dev.canopy.render..", "dev.canopy.exec..", "dev.canopy.hydrate..",
            "dev.canopy.typed..", "dev.canopy.write..", "dev.canopy.schema..", "dev.canopy.migrate..", "dev.canopy.json..",
            "dev.canopy.translate.."};

    @Test
    @DisplayName("define and compose know nothing of planning, rendering, execution or hydration")
    void defineAndComposeStayLeft() {
        noClasses().that().resideInAnyPackage("dev.canopy.model..", "dev.canopy.query..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(RIGHT_OF_PLAN, "dev.canopy.plan.."))
                .check(CORE);
    }

    @Test
    @DisplayName("the planner knows nothing of JDBC, rendering or hydration")
    void planStaysLeft() {
        noClasses().that().resideInAPackage("dev.canopy.plan..")
                .should().dependOnClassesThat().resideInAnyPackage(RIGHT_OF_PLAN)
                .orShould().dependOnClassesThat().resideInAPackage("java.sql..")
                .check(CORE);
    }

    @Test
    @DisplayName("the hydrator never looks at SQL text and does not depend on typed results")
    void hydrateStaysLeftOfTyped() {
        noClasses().that().resideInAPackage("dev.canopy.hydrate..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.canopy.typed..", "dev.canopy.render..", "dev.canopy.write..",
                        "dev.canopy.json..", "dev.canopy.translate..")
                .check(CORE);
    }

    @Test
    @DisplayName("rendering and execution know nothing of hydration or typed results")
    void renderAndExecStayLeft() {
        noClasses().that().resideInAnyPackage("dev.canopy.render..", "dev.canopy.exec..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.canopy.hydrate..", "dev.canopy.typed..", "dev.canopy.plan..")
                .check(CORE);
    }

    @Test
    @DisplayName("the exported packages show no Vavr type and no type of an unexported package in a public signature")
    void exportedSignaturesAreApiOnly() throws Exception {
        Set<String> exported = exportedPackages();
        assertThat(exported).contains("dev.canopy", "dev.canopy.query", "dev.canopy.result").doesNotContain("dev.canopy.plan", "dev.canopy.hydrate");
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : publicClassesIn(exported)) {
            for (Method m : c.getDeclaredMethods()) {
                if (isVisible(m.getModifiers(), c) && !m.isSynthetic() && !m.isBridge()) {
                    check(leaks, exported, c.getName() + "." + m.getName(), m.toGenericString());
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (isVisible(k.getModifiers(), c)) {
                    check(leaks, exported, c.getName() + ".<init>", k.toGenericString());
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (isVisible(f.getModifiers(), c)) {
                    check(leaks, exported, c.getName() + "." + f.getName(), f.toGenericString());
                }
            }
        }
        assertThat(leaks).as("public signatures of exported packages that show Vavr or an implementation type").isEmpty();
    }

    private static boolean isVisible(int modifiers, Class<?> owner) {
        return Modifier.isPublic(modifiers) || (Modifier.isProtected(modifiers) && !Modifier.isFinal(owner.getModifiers()));
    }

    private static final Pattern TYPE = Pattern.compile("(io\\.vavr\\.[\\w.$]+|dev\\.canopy\\.[\\w.$]+)");

    private static void check(List<String> leaks, Set<String> exported, String member, String signature) {
        Matcher m = TYPE.matcher(signature);
        while (m.find()) {
            String type = m.group(1);
            if (type.startsWith("io.vavr.")) {
                leaks.add(member + ": " + type);
                continue;
            }
            String pkg = packageOf(type);
            if (pkg != null && !exported.contains(pkg) && !pkg.startsWith("dev.canopy.dialect")) {
                leaks.add(member + ": " + type);
            }
        }
    }

    /** The package of a qualified name that may end in a member or nested class: the longest lower-case prefix. */
    private static String packageOf(String qualified) {
        String[] parts = qualified.split("\\.");
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p.isEmpty() || !Character.isLowerCase(p.charAt(0))) {
                break;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(p);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static Set<String> exportedPackages() throws IOException {
        String moduleInfo = Files.readString(Path.of("src/main/java/module-info.java"));
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*exports\\s+([\\w.]+)\\s*;").matcher(moduleInfo);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static List<Class<?>> publicClassesIn(Set<String> packages) throws Exception {
        Path classes = Path.of("target/classes");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList())) {
                String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.endsWith("module-info") || name.endsWith("package-info")) {
                    continue;
                }
                int dot = name.lastIndexOf('.');
                if (!packages.contains(name.substring(0, dot))) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, ArchitectureTest.class.getClassLoader());
                if (Modifier.isPublic(c.getModifiers()) && !c.isAnonymousClass() && !c.isSynthetic() && publiclyReachable(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static boolean publiclyReachable(Class<?> c) {
        for (Class<?> o = c; o != null; o = o.getEnclosingClass()) {
            if (!Modifier.isPublic(o.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
