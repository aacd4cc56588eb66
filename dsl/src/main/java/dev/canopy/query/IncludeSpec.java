package dev.canopy.query;

/**
 * Configures an include: {@code include("albums", albums -> albums.required().where(ALBUM.title.like("B%")))}.
 * A single-method interface so that Kotlin's trailing lambda reads naturally:
 * {@code include(ARTIST_ALBUMS) { it.required() }}.
 */
@FunctionalInterface
public interface IncludeSpec {
    Include configure(Include include);
}
