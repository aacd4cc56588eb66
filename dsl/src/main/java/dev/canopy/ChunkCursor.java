package dev.canopy;

import dev.canopy.exec.Executor;
import dev.canopy.hydrate.RowPass;
import dev.canopy.sql.SqlStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Yields the roots of a streamed query as soon as each is complete, whether as entities or as typed objects (the
 * pass decides). Rows come grouped by root, so a root is complete when the next one starts. When the plan has
 * separate includes, roots are gathered in chunks first, so that one batch of {@code IN (...)} queries serves many
 * roots.
 *
 * @param <T> what the stream yields
 * @param <R> what a finished pass gives, before its separate includes are fetched
 */
final class ChunkCursor<T, R> implements Executor.Cursor<T> {
    private final ResultSet rs;
    private final int chunk;
    private final Consumer<R> completeChunk;
    private final Function<R, Collection<? extends T>> roots;
    private final Executor executor;
    private final SqlStatement statement;
    private final ArrayDeque<T> ready = new ArrayDeque<>();
    private RowPass<R> pass;
    private boolean rowPending;
    private boolean done;
    private long rows;

    /**
     * @param first         the pass that reads the first chunk
     * @param chunk         how many roots a chunk gathers before its separate includes are fetched (1 when there are none)
     * @param completeChunk fetches a finished chunk's separate includes, on the stream's connection
     * @param roots         the roots of a completed chunk, in order
     */
    ChunkCursor(ResultSet rs, RowPass<R> first, int chunk, Consumer<R> completeChunk, Function<R, Collection<? extends T>> roots,
            Executor executor, SqlStatement statement) {
        this.rs = rs;
        this.pass = first;
        this.chunk = chunk;
        this.completeChunk = completeChunk;
        this.roots = roots;
        this.executor = executor;
        this.statement = statement;
    }

    @Override
    public boolean hasNext() {
        try {
            while (ready.isEmpty() && !done) {
                if (!rowPending) {
                    if (!rs.next()) {
                        done = true;
                        flush();
                        break;
                    }
                    rows++;
                    rowPending = true;
                }
                if (pass.rootCount() >= chunk && pass.startsNewRoot(rs)) {
                    flush();
                    continue;
                }
                pass.row(rs);
                rowPending = false;
            }
            return !ready.isEmpty();
        } catch (SQLException e) {
            throw executor.translate(e, statement);
        }
    }

    private void flush() {
        if (pass.rootCount() > 0) {
            R finished = pass.finish();
            executor.onConnectionOf(rs, () -> completeChunk.accept(finished));
            ready.addAll(roots.apply(finished));
        }
        pass = pass.next();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    @Override
    public long rows() {
        return rows;
    }
}
