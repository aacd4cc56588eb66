package dev.canopy.bench.contestants.hibernate;

import dev.canopy.bench.views.CommentView;
import dev.canopy.bench.views.PostView;
import dev.canopy.bench.views.UserRef;
import dev.canopy.bench.views.UserView;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * Hibernate ORM 7, as its user guide recommends for loading an association graph in one query: {@code join fetch}
 * in HQL into entities, in a read-only query (no dirty-checking snapshots), then mapped to the view records inside
 * the session. (Hibernate's DTO projections, {@code select new ...}, are flat: they cannot build nested lists.)
 */
public final class HibernateContestant implements AutoCloseable {
    static {
        System.setProperty("org.jboss.logging.provider", "slf4j");
    }

    /** Root entities are de-duplicated by Hibernate 6+ on its own; no {@code distinct} needed. */
    public static final String HQL = "from UserEntity u left join fetch u.posts p left join fetch p.comments c"
            + " left join fetch c.author order by u.id, p.id, c.id";

    private final SessionFactory sessionFactory;

    /** A session factory on {@code dataSource}; Hibernate finds the dialect from the connection's metadata. */
    public HibernateContestant(DataSource dataSource) {
        Configuration configuration = new Configuration()
                .addAnnotatedClass(UserEntity.class)
                .addAnnotatedClass(PostEntity.class)
                .addAnnotatedClass(CommentEntity.class)
                .setProperty(AvailableSettings.HBM2DDL_AUTO, "none")
                .setProperty(AvailableSettings.SHOW_SQL, "false");
        configuration.getProperties().put(AvailableSettings.DATASOURCE, dataSource);
        this.sessionFactory = configuration.buildSessionFactory();
    }

    /** Runs the query in a new session and maps the entities to the view records. */
    public List<UserView> query() {
        try (Session session = sessionFactory.openSession()) {
            List<UserEntity> users = session.createSelectionQuery(HQL, UserEntity.class).setReadOnly(true).getResultList();
            return toViews(users);
        }
    }

    private static List<UserView> toViews(List<UserEntity> users) {
        List<UserView> out = new ArrayList<>(users.size());
        for (UserEntity u : users) {
            List<PostView> posts = new ArrayList<>(u.getPosts().size());
            for (PostEntity p : u.getPosts()) {
                List<CommentView> comments = new ArrayList<>(p.getComments().size());
                for (CommentEntity c : p.getComments()) {
                    comments.add(new CommentView(c.getId(), c.getBody(), new UserRef(c.getAuthor().getId(), c.getAuthor().getName())));
                }
                posts.add(new PostView(p.getId(), p.getTitle(), comments));
            }
            out.add(new UserView(u.getId(), u.getName(), posts));
        }
        return out;
    }

    @Override
    public void close() {
        sessionFactory.close();
    }
}
