package dev.canopy.hydrate;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plan's own row loop ({@link LoopWriter}), written once its reader has read enough rows through the generic loop.
 * Not at once: a new class runs in the interpreter until the JIT finds it hot, while the generic loop, shared by every
 * plan, is compiled already, so a plan read once, or for a handful of rows, is read faster by the generic loop. Safe
 * to share between threads: the loop is written at most once, and until it is, readers go on with the generic loop.
 *
 * @param <L> the loop's interface
 */
public final class LazyLoop<L> {
    /**
     * Rows read before a plan's own row loop is written: 10,000 unless {@code -Dcanopy.compileRowLoopsAfter=N} says
     * otherwise (the conformance suite says 0, so that its queries run the written loops on every database).
     */
    public static final long COMPILE_AFTER_ROWS = Long.getLong("canopy.compileRowLoopsAfter", 10_000);
    /**
     * {@code -Dcanopy.compileRowLoops=false} keeps every plan on the generic loop: for comparing the two, or as a way
     * out should a written loop ever misbehave.
     */
    private static final boolean COMPILE_ROW_LOOPS = Boolean.parseBoolean(System.getProperty("canopy.compileRowLoops", "true"));
    private static final Logger LOG = LoggerFactory.getLogger(LazyLoop.class);
    /** A loop for a plan that cannot have one. */
    private static final LazyLoop<?> NEVER = new LazyLoop<>(Long.MAX_VALUE, () -> {
        throw new IllegalStateException("no loop");
    });

    private final long after;
    private final Supplier<L> writer;
    private final AtomicLong rowsRead = new AtomicLong();
    private volatile @Nullable L loop;
    /** Whether writing the loop failed: the generic loop then goes on (the failure is logged once). */
    private volatile boolean failed;

    private LazyLoop(long after, Supplier<L> writer) {
        this.after = after;
        this.writer = writer;
        if (after == 0) {
            write();
        }
    }

    /**
     * The loop {@code writer} writes, after {@code after} rows (0: at once; {@link Long#MAX_VALUE}: never), or after
     * the default number of rows when {@code after} is null.
     */
    public static <L> LazyLoop<L> after(@Nullable Long after, Supplier<L> writer) {
        long rows = after != null ? after : COMPILE_ROW_LOOPS ? COMPILE_AFTER_ROWS : Long.MAX_VALUE;
        return rows == Long.MAX_VALUE ? never() : new LazyLoop<>(rows, writer);
    }

    /** No loop: for a plan the generic loop alone reads. */
    @SuppressWarnings("unchecked")
    public static <L> LazyLoop<L> never() {
        return (LazyLoop<L>) NEVER;
    }

    /** The written loop, or null while the generic loop reads. */
    public @Nullable L get() {
        return loop;
    }

    /** Counts rows the generic loop read; writes the loop once they reach the threshold. */
    public void read(long rows) {
        if (after != Long.MAX_VALUE && !failed && rowsRead.addAndGet(rows) >= after) {
            write();
        }
    }

    private synchronized void write() {
        if (loop != null || failed) {
            return;
        }
        try {
            loop = writer.get();
        } catch (RuntimeException e) {
            failed = true;
            LOG.warn("Canopy could not write the row loop of a plan; it goes on with the generic loop", e);
        }
    }
}
