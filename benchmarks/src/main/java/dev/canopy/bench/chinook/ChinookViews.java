package dev.canopy.bench.chinook;

import java.util.List;

/**
 * The records every contestant of the Chinook scenario builds: artists, each with their albums, each with its tracks,
 * ordered by key at every level.
 */
public final class ChinookViews {
    private ChinookViews() {}

    /** An artist and their albums. */
    public record ArtistView(int artistId, String name, List<AlbumView> albums) {}

    /** An album and its tracks. */
    public record AlbumView(int albumId, String title, List<TrackView> tracks) {}

    /** A track. */
    public record TrackView(int trackId, String name, int milliseconds) {}
}
