package dev.canopy.bench.chinook;

import dev.canopy.bench.chinook.ChinookViews.AlbumView;
import dev.canopy.bench.chinook.ChinookViews.ArtistView;
import dev.canopy.bench.chinook.ChinookViews.TrackView;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/** MyBatis 3.5: the join in an XML mapper ({@code ChinookMapper.xml}) with nested result maps into beans, then records. */
public final class ChinookMyBatis {
    private final SqlSessionFactory factory;

    public ChinookMyBatis(DataSource dataSource) {
        Configuration configuration = new Configuration(new Environment("bench", new JdbcTransactionFactory(), dataSource));
        configuration.addMapper(ChinookMapper.class);
        this.factory = new SqlSessionFactoryBuilder().build(configuration);
    }

    public List<ArtistView> query() {
        try (SqlSession session = factory.openSession()) {
            List<Artist> artists = session.getMapper(ChinookMapper.class).artistsWithAlbumsTracks();
            List<ArtistView> out = new ArrayList<>(artists.size());
            for (Artist a : artists) {
                List<AlbumView> albums = new ArrayList<>(a.getAlbums().size());
                for (Album al : a.getAlbums()) {
                    List<TrackView> tracks = new ArrayList<>(al.getTracks().size());
                    for (Track t : al.getTracks()) {
                        tracks.add(new TrackView(t.getId(), t.getName(), t.getMilliseconds()));
                    }
                    albums.add(new AlbumView(al.getId(), al.getTitle(), tracks));
                }
                out.add(new ArtistView(a.getId(), a.getName(), albums));
            }
            return out;
        }
    }

    public static final class Artist {
        private int id;
        private String name;
        private List<Album> albums = new ArrayList<>();

        public int getId() { return id; }
        public void setId(int id) { this.id = id; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public List<Album> getAlbums() { return albums; }
        public void setAlbums(List<Album> albums) { this.albums = albums; }
    }

    public static final class Album {
        private int id;
        private String title;
        private List<Track> tracks = new ArrayList<>();

        public int getId() { return id; }
        public void setId(int id) { this.id = id; }
        public String getTitle() { return title; }
        public void setTitle(String title) { this.title = title; }
        public List<Track> getTracks() { return tracks; }
        public void setTracks(List<Track> tracks) { this.tracks = tracks; }
    }

    public static final class Track {
        private int id;
        private String name;
        private int milliseconds;

        public int getId() { return id; }
        public void setId(int id) { this.id = id; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public int getMilliseconds() { return milliseconds; }
        public void setMilliseconds(int milliseconds) { this.milliseconds = milliseconds; }
    }
}
