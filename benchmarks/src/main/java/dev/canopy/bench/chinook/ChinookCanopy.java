package dev.canopy.bench.chinook;

import static dev.canopy.chinook.Chinook.ALBUM;
import static dev.canopy.chinook.Chinook.ARTIST;
import static dev.canopy.chinook.Chinook.TRACK;

import dev.canopy.bench.chinook.ChinookViews.AlbumView;
import dev.canopy.bench.chinook.ChinookViews.ArtistView;
import dev.canopy.bench.chinook.ChinookViews.TrackView;
import dev.canopy.query.Query;
import dev.canopy.result.Entity;
import java.util.ArrayList;
import java.util.List;

/** Canopy's query of the graph, reading the columns the hand-written join reads, and the Entity → record mapping used to check it. */
public final class ChinookCanopy {
    private ChinookCanopy() {}

    /** Every artist in key order, their albums, the albums' tracks. */
    public static final Query QUERY = Query.from(ARTIST).attributes(ARTIST.artistId, ARTIST.name)
            .include("albums", a -> a.attributes(ALBUM.albumId, ALBUM.title)
                    .include("tracks", t -> t.attributes(TRACK.trackId, TRACK.name, TRACK.milliseconds)))
            .order(ARTIST.artistId.asc());

    /** The entities as the view records (for the equality check only). */
    public static List<ArtistView> toViews(List<Entity> artists) {
        List<ArtistView> out = new ArrayList<>(artists.size());
        for (Entity a : artists) {
            List<AlbumView> albums = new ArrayList<>();
            for (Entity al : a.many("albums")) {
                List<TrackView> tracks = new ArrayList<>();
                for (Entity t : al.many("tracks")) {
                    tracks.add(new TrackView(t.get(TRACK.trackId), t.get(TRACK.name), t.get(TRACK.milliseconds)));
                }
                albums.add(new AlbumView(al.get(ALBUM.albumId), al.get(ALBUM.title), tracks));
            }
            out.add(new ArtistView(a.get(ARTIST.artistId), a.get(ARTIST.name), albums));
        }
        return out;
    }
}
