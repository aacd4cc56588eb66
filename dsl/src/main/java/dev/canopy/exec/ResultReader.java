package dev.canopy.exec;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads a whole result set into something. Returns how many rows it consumed through {@link Result}, so the
 * executor can report rows read without wrapping the result set.
 *
 * @param <R> what the rows become
 */
@FunctionalInterface
public interface ResultReader<R> {
    Result<R> read(ResultSet rs) throws SQLException;

    /** What a reader made of the rows, and how many rows it read. */
    record Result<R>(R value, long rows) {}
}
