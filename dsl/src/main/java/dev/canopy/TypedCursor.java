package dev.canopy;

import dev.canopy.exec.Executor;
import dev.canopy.sql.SqlStatement;
import dev.canopy.typed.TypedReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * {@link RootCursor} for the direct typed reader: yields each root as a record or Kotlin object as soon as it is
 * complete (the next root starts), or per chunk of roots when separate includes are loaded for the chunk first.
 *
 * @param <T> the type of the roots
 */
final class TypedCursor<T> implements Executor.Cursor<T> {
    private final ResultSet rs;
    private final TypedReader reader;
    private final int chunk;
    private final Consumer<TypedReader.Rows> completeChunk;
    private final Executor executor;
    private final SqlStatement statement;
    private final ArrayDeque<T> ready = new ArrayDeque<>();
    private TypedReader.Pass pass;
    private boolean rowPending;
    private boolean done;
    private long rows;

    TypedCursor(ResultSet rs, TypedReader reader, int chunk, Consumer<TypedReader.Rows> completeChunk, Executor executor, SqlStatement statement) {
        this.rs = rs;
        this.reader = reader;
        this.chunk = chunk;
        this.completeChunk = completeChunk;
        this.executor = executor;
        this.statement = statement;
        this.pass = reader.pass();
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
            TypedReader.Rows r = pass.finish();
            executor.onConnectionOf(rs, () -> completeChunk.accept(r));
            ready.addAll(r.<T>build());
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
