package dev.canopy.bench.chinook;

import dev.canopy.bench.chinook.ChinookViews.AlbumView;
import dev.canopy.bench.chinook.ChinookViews.ArtistView;
import dev.canopy.bench.chinook.ChinookViews.TrackView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The hand-written loop for Chinook's artist → album → track graph: one join read by index, each level compared
 * with the previous row's key and falling back to a map by key (as {@code HandWrittenJdbc} does for the blog).
 */
public final class ChinookJdbc {
    /** The join: every artist, their albums and the albums' tracks (outer joins: artists without albums stay). */
    public static final String SQL = "select ar.\"ArtistId\", ar.\"Name\", al.\"AlbumId\", al.\"Title\", t.\"TrackId\", t.\"Name\", t.\"Milliseconds\""
            + " from \"Artist\" ar"
            + " left join \"Album\" al on al.\"ArtistId\" = ar.\"ArtistId\""
            + " left join \"Track\" t on t.\"AlbumId\" = al.\"AlbumId\""
            + " order by ar.\"ArtistId\", al.\"AlbumId\", t.\"TrackId\"";

    private ChinookJdbc() {}

    /** Runs the join and reads it. */
    public static List<ArtistView> query(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(SQL); ResultSet rs = ps.executeQuery()) {
            return read(rs);
        }
    }

    static List<ArtistView> read(ResultSet rs) throws SQLException {
        Map<Integer, Acc> artists = new LinkedHashMap<>();
        Map<Integer, Acc> albums = new HashMap<>();
        Acc artist = null;
        Acc album = null;
        while (rs.next()) {
            int artistId = rs.getInt(1);
            if (artist == null || artist.id != artistId) {
                artist = artists.get(artistId);
                if (artist == null) {
                    artist = new Acc(artistId, rs.getString(2));
                    artists.put(artistId, artist);
                }
            }
            int albumId = rs.getInt(3);
            if (rs.wasNull()) {
                continue;
            }
            if (album == null || album.id != albumId) {
                album = albums.get(albumId);
                if (album == null) {
                    album = new Acc(albumId, rs.getString(4));
                    albums.put(albumId, album);
                    artist.children.add(album);
                }
            }
            int trackId = rs.getInt(5);
            if (rs.wasNull()) {
                continue;
            }
            album.children.add(new TrackView(trackId, rs.getString(6), rs.getInt(7)));
        }
        List<ArtistView> out = new ArrayList<>(artists.size());
        for (Acc a : artists.values()) {
            List<AlbumView> views = new ArrayList<>(a.children.size());
            for (Object o : a.children) {
                Acc al = (Acc) o;
                List<TrackView> tracks = new ArrayList<>(al.children.size());
                for (Object t : al.children) {
                    tracks.add((TrackView) t);
                }
                views.add(new AlbumView(al.id, al.name, tracks));
            }
            out.add(new ArtistView(a.id, a.name, views));
        }
        return out;
    }

    private static final class Acc {
        final int id;
        final String name;
        final List<Object> children = new ArrayList<>();

        Acc(int id, String name) {
            this.id = id;
            this.name = name;
        }
    }
}
