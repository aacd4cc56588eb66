package dev.canopy.typed;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The primary constructor of a Kotlin class as {@code kotlin.Metadata} describes it: each parameter's name and
 * whether its type is nullable. Read without kotlin-reflect and without the Kotlin standard library.
 *
 * <p>Why the metadata: kotlinc writes {@code @NotNull} / {@code @Nullable} on parameters with class retention
 * (invisible to reflection), and writes parameter names into class files only with {@code -java-parameters}. The
 * metadata has both, always. Its {@code d1} strings hold protocol-buffers bytes (one char per byte after a
 * {@code \u0000} marker): a {@code StringTableTypes} message, length-delimited, that says how to read the
 * {@code d2} strings, then a {@code Class} message. The field numbers used here are those of Kotlin's
 * {@code metadata.proto} and {@code jvm_metadata.proto}, stable since Kotlin 1.0.
 */
final class KotlinMetadata {
    /** {@code kotlin.Metadata.k} of a class (as opposed to a file facade or a lambda). */
    private static final int KIND_CLASS = 1;
    /** Constructor flags: hasAnnotations (1 bit), visibility (3 bits), then isSecondary. */
    private static final int IS_SECONDARY = 1 << 4;
    private static final int DEFAULT_CONSTRUCTOR_FLAGS = 6;

    /**
     * A primary constructor.
     *
     * @param descriptor the constructor's JVM descriptor, when the metadata records it
     * @param names      the parameters' names, in order
     * @param nullable   for each parameter, whether its Kotlin type is nullable ({@code String?})
     */
    record Primary(@Nullable String descriptor, List<String> names, List<Boolean> nullable) {}

    private KotlinMetadata() {}

    /** Whether a class was compiled by kotlinc (it carries {@code kotlin.Metadata}). */
    static boolean isKotlin(Class<?> type) {
        return annotation(type) != null;
    }

    /**
     * The primary constructor of a Kotlin class.
     *
     * @throws IllegalStateException when the class has none, or its metadata cannot be read; the message says which
     */
    static Primary primaryConstructor(Class<?> type) {
        Annotation metadata = annotation(type);
        if (metadata == null) {
            throw new IllegalStateException("it is not a Kotlin class");
        }
        int kind = (Integer) value(metadata, "k");
        if (kind != KIND_CLASS) {
            throw new IllegalStateException("its Kotlin metadata is not a class's (kind " + kind + ")");
        }
        String[] d1 = (String[]) value(metadata, "d1");
        String[] d2 = (String[]) value(metadata, "d2");
        ProtoReader in = new ProtoReader(bytes(d1));
        Strings strings = Strings.read(in.message(), d2);
        Primary p = readClass(in.rest(), strings);
        if (p == null) {
            throw new IllegalStateException("it has no primary constructor");
        }
        return p;
    }

    private static @Nullable Annotation annotation(Class<?> type) {
        for (Annotation a : type.getDeclaredAnnotations()) {
            if (a.annotationType().getName().equals("kotlin.Metadata")) {
                return a;
            }
        }
        return null;
    }

    private static Object value(Annotation a, String element) {
        try {
            return a.annotationType().getMethod(element).invoke(a);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read kotlin.Metadata." + element + ": " + e);
        }
    }

    /** {@code d1} as bytes. Kotlin writes one char per byte after a {@code \u0000} marker (its "UTF-8 mode"). */
    private static byte[] bytes(String[] d1) {
        if (d1.length == 0 || d1[0].isEmpty() || d1[0].charAt(0) != '\u0000') {
            throw new IllegalStateException("its Kotlin metadata uses the 8-to-7-bit encoding, which Canopy does not read;"
                    + " recompile it without -Dkotlin.jvm.serialization.use8to7");
        }
        int length = -1;
        for (String s : d1) {
            length += s.length();
        }
        byte[] out = new byte[length];
        int p = 0;
        for (int i = 0; i < d1.length; i++) {
            for (int c = i == 0 ? 1 : 0; c < d1[i].length(); c++) {
                out[p++] = (byte) d1[i].charAt(c);
            }
        }
        return out;
    }

    /** Reads message {@code Class}: its constructors (field 8) and its type table (field 30). */
    private static @Nullable Primary readClass(ProtoReader in, Strings strings) {
        List<ProtoReader> constructors = new ArrayList<>();
        TypeTable table = TypeTable.EMPTY;
        while (in.more()) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 8: constructors.add(in.message()); break;
                case 30: table = TypeTable.read(in.message()); break;
                default: in.skip(tag & 7); break;
            }
        }
        for (ProtoReader c : constructors) {
            Primary p = readConstructor(c, strings, table);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** Reads message {@code Constructor}; null when it is a secondary one. */
    private static @Nullable Primary readConstructor(ProtoReader in, Strings strings, TypeTable table) {
        int flags = DEFAULT_CONSTRUCTOR_FLAGS;
        String descriptor = null;
        List<String> names = new ArrayList<>();
        List<Boolean> nullable = new ArrayList<>();
        while (in.more()) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 1: flags = in.int32(); break;
                case 2: readParameter(in.message(), strings, table, names, nullable); break;
                case 100: descriptor = readSignatureDescriptor(in.message(), strings); break;
                default: in.skip(tag & 7); break;
            }
        }
        return (flags & IS_SECONDARY) != 0 ? null : new Primary(descriptor, List.copyOf(names), List.copyOf(nullable));
    }

    /** Reads message {@code ValueParameter}: name (2), type (3) or type_id (5). */
    private static void readParameter(ProtoReader in, Strings strings, TypeTable table, List<String> names, List<Boolean> nullable) {
        String name = null;
        boolean isNullable = false;
        while (in.more()) {
            int tag = in.tag();
            switch (tag >>> 3) {
                case 2: name = strings.get(in.int32()); break;
                case 3: isNullable = isNullable(in.message()); break;
                case 5: isNullable = table.isNullable(in.int32()); break;
                default: in.skip(tag & 7); break;
            }
        }
        if (name == null) {
            throw new IllegalStateException("a constructor parameter has no name in its Kotlin metadata");
        }
        names.add(name);
        nullable.add(isNullable);
    }

    /** Message {@code Type}: field 3 is {@code nullable}. */
    private static boolean isNullable(ProtoReader type) {
        boolean nullable = false;
        while (type.more()) {
            int tag = type.tag();
            if (tag >>> 3 == 3) {
                nullable = type.varint() != 0;
            } else {
                type.skip(tag & 7);
            }
        }
        return nullable;
    }

    /** Extension 100 of {@code Constructor}, a {@code JvmMethodSignature}: field 2 is the descriptor. */
    private static @Nullable String readSignatureDescriptor(ProtoReader in, Strings strings) {
        String desc = null;
        while (in.more()) {
            int tag = in.tag();
            if (tag >>> 3 == 2) {
                desc = strings.get(in.int32());
            } else {
                in.skip(tag & 7);
            }
        }
        return desc;
    }

    /** Message {@code TypeTable}: types (1), and the index from which all are nullable (2). */
    private record TypeTable(List<Boolean> nullable, int firstNullable) {
        static final TypeTable EMPTY = new TypeTable(List.of(), -1);

        static TypeTable read(ProtoReader in) {
            List<Boolean> nullable = new ArrayList<>();
            int first = -1;
            while (in.more()) {
                int tag = in.tag();
                switch (tag >>> 3) {
                    case 1: nullable.add(KotlinMetadata.isNullable(in.message())); break;
                    case 2: first = in.int32(); break;
                    default: in.skip(tag & 7); break;
                }
            }
            return new TypeTable(nullable, first);
        }

        boolean isNullable(int id) {
            return (firstNullable >= 0 && id >= firstNullable) || (id < nullable.size() && nullable.get(id));
        }
    }

    /**
     * The string table: {@code d2}, read through message {@code StringTableTypes}, whose records (each repeated
     * {@code range} times) may replace a string or transform it. Predefined strings name Kotlin's built-in classes,
     * never a parameter, so they are not needed here.
     */
    private static final class Strings {
        private final String[] d2;
        private final List<Record> records;

        private Strings(String[] d2, List<Record> records) {
            this.d2 = d2;
            this.records = records;
        }

        static Strings read(ProtoReader in, String[] d2) {
            List<Record> records = new ArrayList<>();
            while (in.more()) {
                int tag = in.tag();
                if (tag >>> 3 == 1) {
                    Record r = Record.read(in.message());
                    for (int i = 0; i < r.range; i++) {
                        records.add(r);
                    }
                } else {
                    in.skip(tag & 7);
                }
            }
            return new Strings(d2, records);
        }

        String get(int index) {
            if (index < 0 || index >= d2.length) {
                throw new IllegalStateException("string " + index + " is not in the Kotlin metadata's table");
            }
            return index < records.size() ? records.get(index).apply(d2[index]) : d2[index];
        }
    }

    /** Message {@code StringTableTypes.Record}. */
    private static final class Record {
        int range = 1;
        @Nullable String string;
        int operation;
        int[] substring = new int[0];
        int[] replace = new int[0];

        static Record read(ProtoReader in) {
            Record r = new Record();
            while (in.more()) {
                int tag = in.tag();
                switch (tag >>> 3) {
                    case 1: r.range = in.int32(); break;
                    case 3: r.operation = in.int32(); break;
                    case 4: r.substring = in.ints(tag & 7); break;
                    case 5: r.replace = in.ints(tag & 7); break;
                    case 6: r.string = in.string(); break;
                    default: in.skip(tag & 7); break;
                }
            }
            return r;
        }

        String apply(String raw) {
            String s = string != null ? string : raw;
            if (substring.length >= 2 && 0 <= substring[0] && substring[0] <= substring[1] && substring[1] <= s.length()) {
                s = s.substring(substring[0], substring[1]);
            }
            if (replace.length >= 2) {
                s = s.replace((char) replace[0], (char) replace[1]);
            }
            if (operation == 1) {
                s = s.replace('$', '.');
            } else if (operation == 2) {
                s = (s.length() >= 2 ? s.substring(1, s.length() - 1) : s).replace('$', '.');
            }
            return s;
        }
    }
}
