package dev.canopy.hydrate;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A plan's whole row loop as code of its own, made by {@link EntityLoopWriter}: the same rules as the generic loop of
 * {@link Hydrator.Pass#row}, with the plan's nodes, key columns and links written in and the state of each node held
 * in local variables.
 */
interface RowLoop {
    /** Reads every remaining row of {@code rs} into {@code pass}, which it leaves to be finished; how many rows it read. */
    long read(ResultSet rs, Hydrator.Pass pass) throws SQLException;
}
