package dev.canopy.typed;

import java.io.IOException;
import java.io.InputStream;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.ResultSet;

/**
 * Method handles the JIT can inline. A method handle held in an ordinary field is not a constant to the compiler:
 * calling it interprets its lambda forms one by one, and the result-set getters and the constructor it composes are
 * never inlined into each other (profiling the typed records benchmark put 40% of the time there). Bound as the
 * {@code static final} of a class of its own, the same handle is a constant and the compiler inlines all of it, as
 * it does for a lambda.
 *
 * <p>How: each of the small template classes below reads its handle from its class data in its static initialiser;
 * their bytes are defined again as a hidden class per handle ({@link MethodHandles.Lookup#defineHiddenClassWithClassData}).
 * Hidden classes are unloaded with their last instance, so a plan evicted from the cache takes its classes with it.
 * This is what the JDK does for lambdas, with no bytecode library and no code generated per type.
 */
final class Inlined {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final byte[] ROW_TEMPLATE = bytesOf(RowTemplate.class);
    private static final byte[] ARGS_TEMPLATE = bytesOf(ArgsTemplate.class);

    private Inlined() {}

    /** A function of the current row, {@code (ResultSet) Object}. */
    interface RowFunction {
        Object apply(ResultSet rs) throws Throwable;
    }

    /** A function of an argument array, {@code (Object[]) Object}. */
    interface ArgsFunction {
        Object apply(Object[] args) throws Throwable;
    }

    /** {@code handle}, of type {@code (ResultSet) Object}, as a constant the compiler inlines. */
    static RowFunction row(MethodHandle handle) {
        return (RowFunction) instance(ROW_TEMPLATE, handle.asType(MethodType.methodType(Object.class, ResultSet.class)));
    }

    /** {@code handle}, of type {@code (Object[]) Object}, as a constant the compiler inlines. */
    static ArgsFunction args(MethodHandle handle) {
        return (ArgsFunction) instance(ARGS_TEMPLATE, handle.asType(MethodType.methodType(Object.class, Object[].class)));
    }

    private static Object instance(byte[] template, MethodHandle handle) {
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClassWithClassData(template, handle, true);
            return hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot define the class of a compiled reader", e);
        }
    }

    private static byte[] bytesOf(Class<?> template) {
        String resource = template.getName().substring(template.getPackageName().length() + 1) + ".class";
        try (InputStream in = template.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class file not found: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /** The template of {@link #row}: only ever defined as a hidden class with its handle as class data. */
    static final class RowTemplate implements RowFunction {
        private static final MethodHandle HANDLE;

        static {
            try {
                HANDLE = MethodHandles.classData(MethodHandles.lookup(), ConstantDescs.DEFAULT_NAME, MethodHandle.class);
            } catch (IllegalAccessException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @Override
        public Object apply(ResultSet rs) throws Throwable {
            return (Object) HANDLE.invokeExact(rs);
        }
    }

    /** The template of {@link #args}: only ever defined as a hidden class with its handle as class data. */
    static final class ArgsTemplate implements ArgsFunction {
        private static final MethodHandle HANDLE;

        static {
            try {
                HANDLE = MethodHandles.classData(MethodHandles.lookup(), ConstantDescs.DEFAULT_NAME, MethodHandle.class);
            } catch (IllegalAccessException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @Override
        public Object apply(Object[] args) throws Throwable {
            return (Object) HANDLE.invokeExact(args);
        }
    }
}
