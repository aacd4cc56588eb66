package dev.canopy.bench.contestants.mybatis;

import dev.canopy.bench.views.CommentView;
import dev.canopy.bench.views.PostView;
import dev.canopy.bench.views.UserRef;
import dev.canopy.bench.views.UserView;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/**
 * MyBatis 3.5, as its "Result Maps" guide recommends for a graph loaded by one join: an XML mapper with a nested
 * {@code resultMap} ({@code <collection>} inside {@code <collection>}, an {@code <association>} for the author) and
 * {@code <id>} elements on every level. The configuration is built in Java around the benchmark's data source
 * ("building SqlSessionFactory without XML"); {@link Configuration#addMapper} picks up {@code BlogMapper.xml}.
 */
public final class MyBatisContestant {
    private final SqlSessionFactory factory;

    public MyBatisContestant(DataSource dataSource) {
        Configuration configuration = new Configuration(new Environment("bench", new JdbcTransactionFactory(), dataSource));
        configuration.addMapper(BlogMapper.class);
        this.factory = new SqlSessionFactoryBuilder().build(configuration);
    }

    /** Runs the mapped statement in a new session and maps the beans to the view records. */
    public List<UserView> query() {
        try (SqlSession session = factory.openSession()) {
            return toViews(session.getMapper(BlogMapper.class).usersWithPostsCommentsAuthors());
        }
    }

    private static List<UserView> toViews(List<Rows.User> users) {
        List<UserView> out = new ArrayList<>(users.size());
        for (Rows.User u : users) {
            List<PostView> posts = new ArrayList<>(u.getPosts().size());
            for (Rows.Post p : u.getPosts()) {
                List<CommentView> comments = new ArrayList<>(p.getComments().size());
                for (Rows.Comment c : p.getComments()) {
                    comments.add(new CommentView(c.getId(), c.getBody(), new UserRef(c.getAuthor().getId(), c.getAuthor().getName())));
                }
                posts.add(new PostView(p.getId(), p.getTitle(), comments));
            }
            out.add(new UserView(u.getId(), u.getName(), posts));
        }
        return out;
    }
}
