package dev.canopy.bench.contestants;

import dev.canopy.bench.views.CommentView;
import dev.canopy.bench.views.PostView;
import dev.canopy.bench.views.UserRef;
import dev.canopy.bench.views.UserView;
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
 * The practical limit: one join, read by column index in a hand-written loop. Each level compares its key with the
 * previous row's first (rows come ordered by user, post, comment) and falls back to a map by key, so the loop is
 * also right for rows in any order. Every other contestant is compared with this one.
 */
public final class HandWrittenJdbc {
    /**
     * The join every contestant runs, with one label per column; its columns are in the order Canopy's plan of
     * {@code BlogModels.usersWithPostsCommentsAuthors()} selects them, so that the hydration benchmarks can feed
     * every contestant the very same rows (checked when a benchmark starts).
     */
    public static final String SQL = "select u.id as u_id, u.name as u_name, p.id as p_id, p.title as p_title,"
            + " c.id as c_id, c.body as c_body, c.user_id as c_user_id, a.id as a_id, a.name as a_name"
            + " from users u"
            + " left join posts p on p.author_id = u.id"
            + " left join comments c on c.post_id = p.id"
            + " left join users a on a.id = c.user_id"
            + " order by u.id, p.id, c.id";

    /** The labels of {@link #SQL}'s columns, in order. */
    public static final String[] LABELS = {"u_id", "u_name", "p_id", "p_title", "c_id", "c_body", "c_user_id", "a_id", "a_name"};

    private HandWrittenJdbc() {}

    /** Runs the join and reads it. */
    public static List<UserView> query(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(SQL); ResultSet rs = ps.executeQuery()) {
            return read(rs);
        }
    }

    /** Reads the rows of {@link #SQL} (by index) into the graph. */
    public static List<UserView> read(ResultSet rs) throws SQLException {
        Map<Integer, UserAcc> users = new LinkedHashMap<>();
        Map<Integer, PostAcc> posts = new HashMap<>();
        UserAcc user = null;
        PostAcc post = null;
        while (rs.next()) {
            int userId = rs.getInt(1);
            if (user == null || user.id != userId) {
                user = users.get(userId);
                if (user == null) {
                    user = new UserAcc(userId, rs.getString(2));
                    users.put(userId, user);
                }
            }
            int postId = rs.getInt(3);
            if (rs.wasNull()) {
                continue;
            }
            if (post == null || post.id != postId) {
                post = posts.get(postId);
                if (post == null) {
                    post = new PostAcc(postId, rs.getString(4));
                    posts.put(postId, post);
                    user.posts.add(post);
                }
            }
            int commentId = rs.getInt(5);
            if (rs.wasNull()) {
                continue;
            }
            post.comments.add(new CommentView(commentId, rs.getString(6), new UserRef(rs.getInt(8), rs.getString(9))));
        }
        List<UserView> out = new ArrayList<>(users.size());
        for (UserAcc u : users.values()) {
            List<PostView> views = new ArrayList<>(u.posts.size());
            for (PostAcc p : u.posts) {
                views.add(new PostView(p.id, p.title, p.comments));
            }
            out.add(new UserView(u.id, u.name, views));
        }
        return out;
    }

    private static final class UserAcc {
        final int id;
        final String name;
        final List<PostAcc> posts = new ArrayList<>();

        UserAcc(int id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    private static final class PostAcc {
        final int id;
        final String title;
        final List<CommentView> comments = new ArrayList<>();

        PostAcc(int id, String title) {
            this.id = id;
            this.title = title;
        }
    }
}
