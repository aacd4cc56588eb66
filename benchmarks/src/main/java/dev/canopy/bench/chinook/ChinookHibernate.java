package dev.canopy.bench.chinook;

import dev.canopy.bench.chinook.ChinookViews.AlbumView;
import dev.canopy.bench.chinook.ChinookViews.ArtistView;
import dev.canopy.bench.chinook.ChinookViews.TrackView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * Hibernate ORM 7: HQL {@code join fetch} of albums and tracks in a read-only query, entities mapped to the records
 * inside the session (albums are a {@code Set}: Hibernate cannot join-fetch two bags). Quoted names in backticks,
 * which Hibernate turns into the dialect's quotes.
 */
public final class ChinookHibernate implements AutoCloseable {
    static {
        System.setProperty("org.jboss.logging.provider", "slf4j");
    }

    static final String HQL = "from ChinookArtist ar left join fetch ar.albums al left join fetch al.tracks t"
            + " order by ar.id, al.id, t.id";

    private final SessionFactory sessionFactory;

    public ChinookHibernate(DataSource dataSource) {
        Configuration configuration = new Configuration()
                .addAnnotatedClass(ArtistEntity.class)
                .addAnnotatedClass(AlbumEntity.class)
                .addAnnotatedClass(TrackEntity.class)
                .setProperty(AvailableSettings.HBM2DDL_AUTO, "none")
                .setProperty(AvailableSettings.SHOW_SQL, "false");
        configuration.getProperties().put(AvailableSettings.DATASOURCE, dataSource);
        this.sessionFactory = configuration.buildSessionFactory();
    }

    public List<ArtistView> query() {
        try (Session session = sessionFactory.openSession()) {
            List<ArtistEntity> artists = session.createSelectionQuery(HQL, ArtistEntity.class).setReadOnly(true).getResultList();
            List<ArtistView> out = new ArrayList<>(artists.size());
            for (ArtistEntity a : artists) {
                List<AlbumView> albums = new ArrayList<>(a.albums.size());
                for (AlbumEntity al : a.albums) {
                    List<TrackView> tracks = new ArrayList<>(al.tracks.size());
                    for (TrackEntity t : al.tracks) {
                        tracks.add(new TrackView(t.id, t.name, t.milliseconds));
                    }
                    albums.add(new AlbumView(al.id, al.title, tracks));
                }
                out.add(new ArtistView(a.id, a.name, albums));
            }
            return out;
        }
    }

    @Override
    public void close() {
        sessionFactory.close();
    }

    @Entity(name = "ChinookArtist")
    @Table(name = "`Artist`")
    public static class ArtistEntity {
        @Id
        @Column(name = "`ArtistId`")
        Integer id;
        @Column(name = "`Name`")
        String name;
        @OneToMany(mappedBy = "artist")
        @OrderBy("id")
        Set<AlbumEntity> albums = new LinkedHashSet<>();

        protected ArtistEntity() {}
    }

    @Entity(name = "ChinookAlbum")
    @Table(name = "`Album`")
    public static class AlbumEntity {
        @Id
        @Column(name = "`AlbumId`")
        Integer id;
        @Column(name = "`Title`")
        String title;
        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "`ArtistId`")
        ArtistEntity artist;
        @OneToMany(mappedBy = "album")
        @OrderBy("id")
        List<TrackEntity> tracks = new ArrayList<>();

        protected AlbumEntity() {}
    }

    @Entity(name = "ChinookTrack")
    @Table(name = "`Track`")
    public static class TrackEntity {
        @Id
        @Column(name = "`TrackId`")
        Integer id;
        @Column(name = "`Name`")
        String name;
        @Column(name = "`Milliseconds`")
        int milliseconds;
        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "`AlbumId`")
        AlbumEntity album;

        protected TrackEntity() {}
    }
}
