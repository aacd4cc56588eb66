package dev.canopy.hydrate;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One pass over a result's rows, as a stream drives it: rows are fed one at a time, and the pass can be cut where a
 * new root starts, once it holds enough roots, so that a chunk's separate includes are fetched in one batch. The
 * Entity hydrator ({@link Hydrator.Pass}) and the typed reader ({@code TypedReader.Pass}) are both driven this way by
 * one cursor.
 *
 * @param <R> what a finished pass gives: the chunk's roots, before their separate includes are fetched
 */
public interface RowPass<R> {
    /** The roots read so far. */
    int rootCount();

    /** Whether the row the result set stands on starts a root this pass has not seen. */
    boolean startsNewRoot(ResultSet rs) throws SQLException;

    /** Reads the row the result set stands on into this pass. */
    void row(ResultSet rs) throws SQLException;

    /** Ends this pass: its roots, complete but for their separate includes. */
    R finish();

    /** A fresh pass over the rows that follow, for the next chunk. */
    RowPass<R> next();
}
