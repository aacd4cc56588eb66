package dev.canopy.translate;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How generated source names models and columns, and what it is called.
 *
 * <ul>
 * <li>{@link #byName()}: for models defined at run time (a models file, an introspected database). The generated
 *     class takes the {@link dev.canopy.model.Schema} and looks models and columns up by name:
 *     {@code Query.from(schema.model("Track")).where(col("Track", "Name").like("A%"))}, where {@code col} is a small
 *     helper in the class that returns the column as {@code Column<Object>}, so that any value compiles and is
 *     checked against the column's type when the condition is built.</li>
 * <li>{@link #typed(Class)}: for models declared as Java classes whose instances are public static constants of a
 *     holder class, with a public field per column, as {@code dev.canopy.chinook.Chinook}:
 *     {@code Query.from(TRACK).where(TRACK.name.like("A%"))}, the constants imported statically. A column without a
 *     public field falls back to {@code col(TRACK, "Name")}.</li>
 * </ul>
 * The class is named {@value #DEFAULT_CLASS_NAME} in no package unless {@link #className} and {@link #packageName}
 * say otherwise. Immutable.
 */
@CheckReturnValue
public final class CodeStyle {
    /** The class (Java) or class / object (Kotlin) name used unless {@link #className} says otherwise. */
    public static final String DEFAULT_CLASS_NAME = "TranslatedQuery";

    private final @Nullable Class<?> holder;
    private final String className;
    private final @Nullable String packageName;

    private CodeStyle(@Nullable Class<?> holder, String className, @Nullable String packageName) {
        this.holder = holder;
        this.className = className;
        this.packageName = packageName;
    }

    /** Models and columns looked up by name in the schema the generated class is given. */
    public static CodeStyle byName() {
        return new CodeStyle(null, DEFAULT_CLASS_NAME, null);
    }

    /** Models as the public static constants of {@code holder}, columns as their public fields. */
    public static CodeStyle typed(Class<?> holder) {
        return new CodeStyle(Objects.requireNonNull(holder, "holder is null"), DEFAULT_CLASS_NAME, null);
    }

    public CodeStyle className(String name) {
        if (!isIdentifier(Objects.requireNonNull(name, "class name is null"))) {
            throw new IllegalArgumentException("class name '" + name + "' is not a Java identifier");
        }
        return new CodeStyle(holder, name, packageName);
    }

    public CodeStyle packageName(@Nullable String name) {
        if (name != null && !name.isEmpty()) {
            for (String part : name.split("\\.", -1)) {
                if (!isIdentifier(part)) {
                    throw new IllegalArgumentException("package name '" + name + "' is not a Java package name");
                }
            }
        }
        return new CodeStyle(holder, className, name == null || name.isEmpty() ? null : name);
    }

    public @Nullable Class<?> holder() { return holder; }
    public String className() { return className; }
    public @Nullable String packageName() { return packageName; }
    public boolean isTyped() { return holder != null; }

    /** The public static field of the holder that holds {@code model}, or null. */
    @Nullable String constantOf(Model model) {
        if (holder == null) {
            return null;
        }
        for (Field f : holder.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && Model.class.isAssignableFrom(f.getType())) {
                try {
                    if (f.get(null) == model) {
                        return f.getName();
                    }
                } catch (IllegalAccessException e) {
                    // not readable: not usable from generated code either
                }
            }
        }
        return null;
    }

    /** The public field of {@code model}'s class that holds {@code column}, or null. */
    static @Nullable String fieldOf(Column<?> column) {
        Map<String, String> fields = new HashMap<>();
        Model model = column.model();
        for (Field f : model.getClass().getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && Column.class.isAssignableFrom(f.getType())) {
                try {
                    Column<?> c = (Column<?>) f.get(model);
                    if (c != null && c.model() == model) {
                        fields.put(c.name(), f.getName());
                    }
                } catch (IllegalAccessException e) {
                    // not readable: not usable from generated code either
                }
            }
        }
        return fields.get(column.name());
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override public String toString() {
        return (holder == null ? "byName" : "typed(" + holder.getName() + ")") + " " + (packageName == null ? "" : packageName + ".") + className;
    }
}
