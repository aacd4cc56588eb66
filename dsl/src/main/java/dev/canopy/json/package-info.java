/**
 * JSON at the edge: a query spec in Sequelize's {@code findAll} shape, parsed into a {@link dev.canopy.query.Query}
 * and written back ({@link dev.canopy.json.QuerySpec}), and a models file that defines a
 * {@link dev.canopy.model.Schema} at run time, optionally completed from a live database's metadata
 * ({@link dev.canopy.json.ModelsFile}).
 *
 * <p>Every mistake in a spec or a models file is reported with the JSON path of the offending value first
 * ({@code $.include[0].where.ArtistId: ...}), wrapping Canopy's own message, which lists what exists.
 */
@NullMarked
package dev.canopy.json;

import org.jspecify.annotations.NullMarked;
