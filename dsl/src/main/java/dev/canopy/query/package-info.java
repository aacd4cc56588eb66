/**
 * Compose: immutable query values. {@link dev.canopy.query.Query}, {@link dev.canopy.query.Include},
 * {@link dev.canopy.query.Condition} and {@link dev.canopy.query.Order} never change; every builder method returns a
 * new value, so a query can be shared between threads, compared by value and used as a cache key.
 * <pre>{@code
 * Query q = Query.from(TRACK)
 *         .where(TRACK.unitPrice.gt(new BigDecimal("0.99")).or(TRACK.composer.isNull()))
 *         .include("album", album -> album.required().where(ALBUM.artistId.eq(22)).include("artist"))
 *         .include("genre", genre -> genre.optional().attributes(GENRE.name))
 *         .order(TRACK.name.desc(), ALBUM.title.at("album").asc())
 *         .limit(10);
 * }</pre>
 */
@NullMarked
package dev.canopy.query;

import org.jspecify.annotations.NullMarked;
