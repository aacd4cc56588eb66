package dev.canopy.typed;

import java.io.IOException;
import java.io.InputStream;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Method handles the JIT can inline. A method handle held in an ordinary field is not a constant to the compiler:
 * calling it interprets its lambda forms one by one, and the result-set getters and the constructor it composes are
 * never inlined into each other (profiling the typed records benchmark put 41% of the time there). Bound as the
 * {@code static final} of a class of its own, the same handle is a constant and the compiler inlines all of it, as
 * it does for a lambda.
 *
 * <p>How: the small {@link Template} class reads its handle from its class data in its static initialiser; its bytes
 * are defined again as a hidden class per handle ({@link MethodHandles.Lookup#defineHiddenClassWithClassData}).
 * Hidden classes are unloaded with their last instance, so a plan evicted from the cache takes its classes with it.
 * This is what the JDK does for lambdas, with no bytecode library and no code generated per type.
 */
final class Inlined {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final byte[] TEMPLATE = bytesOf(Template.class);
    private static final MethodType OBJECT_OF_OBJECT = MethodType.methodType(Object.class, Object.class);

    private Inlined() {}

    /**
     * A compiled function of one argument: a row reader takes the {@link java.sql.ResultSet}, a spread constructor
     * its {@code Object[]} of arguments.
     */
    interface Function {
        Object apply(Object argument) throws Throwable;
    }

    /** {@code handle}, a function of one argument, as a constant the compiler inlines. */
    static Function of(MethodHandle handle) {
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClassWithClassData(TEMPLATE, handle.asType(OBJECT_OF_OBJECT), true);
            return (Function) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
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

    /** The template of {@link #of}: only ever defined as a hidden class, with its handle as class data. */
    static final class Template implements Function {
        private static final MethodHandle HANDLE;

        static {
            try {
                HANDLE = MethodHandles.classData(MethodHandles.lookup(), ConstantDescs.DEFAULT_NAME, MethodHandle.class);
            } catch (IllegalAccessException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @Override
        public Object apply(Object argument) throws Throwable {
            return (Object) HANDLE.invokeExact(argument);
        }
    }
}
