package dev.canopy;

import dev.canopy.exec.Executor;
import dev.canopy.hydrate.HydratedEntity;
import dev.canopy.result.Entity;
import dev.canopy.hydrate.Hydration;
import dev.canopy.hydrate.Hydrator;
import dev.canopy.sql.SqlStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Yields the roots of a streamed query as soon as each is complete. Rows come grouped by root, so a root is
 * complete when the next one starts. When the plan has separate includes, roots are gathered in chunks first, so
 * that one batch of {@code IN (...)} queries serves many roots.
 */
final class RootCursor implements Executor.Cursor<Entity> {
    private final ResultSet rs;
    private final Hydrator hydrator;
    private final int chunk;
    private final Consumer<Hydration> completeChunk;
    private final Executor executor;
    private final SqlStatement statement;
    private final ArrayDeque<HydratedEntity> ready = new ArrayDeque<>();
    private Hydrator.Pass pass;
    private boolean rowPending;
    private boolean done;
    private long rows;

    RootCursor(ResultSet rs, Hydrator hydrator, int chunk, Consumer<Hydration> completeChunk, Executor executor, SqlStatement statement) {
        this.rs = rs;
        this.hydrator = hydrator;
        this.chunk = chunk;
        this.completeChunk = completeChunk;
        this.executor = executor;
        this.statement = statement;
        this.pass = hydrator.pass();
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
            Hydration h = pass.finish();
            executor.onConnectionOf(rs, () -> completeChunk.accept(h));
            ready.addAll(h.roots());
        }
        pass = pass.next();
    }

    @Override
    public Entity next() {
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
