package dev.canopy.bench.data;

import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;

/**
 * The benchmark's blog schema as Canopy models: users, their posts, comments on posts, each comment written by a
 * user. Tables and columns are lower-case snake_case ({@code users}, {@code author_id}), so the same names work
 * unquoted in every contestant's SQL and quoted in Canopy's, on H2 (with {@code DATABASE_TO_LOWER}), MariaDB and
 * PostgreSQL.
 */
public final class BlogModels {
    private BlogModels() {}

    private static ModelOptions table(String name) {
        return ModelOptions.defaults().timestamps(false).underscored().table(name);
    }

    /** {@code users(id, name)}. */
    public static final class UserModel extends Model {
        public final Column<Integer> id = integer("id").primaryKey();
        public final Column<String> name = string("name", 80).notNull();
        private UserModel() { super("User", table("users")); }
    }

    /** {@code posts(id, author_id, title)}: each post belongs to its author. */
    public static final class PostModel extends Model {
        public final Column<Integer> id = integer("id").primaryKey();
        public final Column<Integer> authorId = integer("authorId").notNull();
        public final Column<String> title = string("title", 200).notNull();
        private PostModel() { super("Post", table("posts")); }
    }

    /** {@code comments(id, post_id, user_id, body)}: each comment is on a post and written by a user. */
    public static final class CommentModel extends Model {
        public final Column<Integer> id = integer("id").primaryKey();
        public final Column<String> body = string("body", 500).notNull();
        public final Column<Integer> postId = integer("postId").notNull();
        public final Column<Integer> userId = integer("userId").notNull();
        private CommentModel() { super("Comment", table("comments")); }
    }

    public static final UserModel USER = new UserModel();
    public static final PostModel POST = new PostModel();
    public static final CommentModel COMMENT = new CommentModel();

    public static final Association USER_POSTS = Association.hasMany(USER, POST).alias("posts").foreignKey("authorId");
    public static final Association POST_AUTHOR = Association.belongsTo(POST, USER).alias("author").foreignKey("authorId");
    public static final Association POST_COMMENTS = Association.hasMany(POST, COMMENT).alias("comments").foreignKey("postId");
    public static final Association COMMENT_AUTHOR = Association.belongsTo(COMMENT, USER).alias("author").foreignKey("userId");
    /** The comments a user wrote: the second to-many sibling of the cartesian scenario. */
    public static final Association USER_COMMENTS = Association.hasMany(USER, COMMENT).alias("comments").foreignKey("userId");

    public static final Schema SCHEMA = Schema.builder()
            .models(USER, POST, COMMENT)
            .associations(USER_POSTS, POST_AUTHOR, POST_COMMENTS, COMMENT_AUTHOR, USER_COMMENTS)
            .build();

    /**
     * The benchmarks' main query, three levels deep: every user with their posts, each post with its comments, each
     * comment with its author. Attributes are the ones the view records hold (keys are always read). Built anew on
     * each call, so callers get equal but distinct values.
     */
    public static Query usersWithPostsCommentsAuthors() {
        return Query.from(USER).attributes(USER.id, USER.name)
                .include("posts", posts -> posts.attributes(POST.id, POST.title)
                        .include("comments", comments -> comments.attributes(COMMENT.id, COMMENT.body)
                                .include("author", author -> author.attributes(USER.id, USER.name))));
    }

    /** Fetch strategies of the two sibling to-many includes of {@link #usersWithPostsAndComments}. */
    public enum Strategy {
        /** One statement joining both siblings: the cartesian product posts × comments per user. */
        SINGLE_JOIN,
        /** Both siblings in separate keyed {@code IN (...)} queries. */
        SEPARATE,
        /** The planner's default: the first to-many sibling joined, the other separate. */
        AUTO
    }

    /** Every user with their posts and, beside them, the comments they wrote: two sibling to-many includes. */
    public static Query usersWithPostsAndComments(Strategy strategy) {
        Boolean separate = strategy == Strategy.SINGLE_JOIN ? Boolean.FALSE : strategy == Strategy.SEPARATE ? Boolean.TRUE : null;
        return Query.from(USER).attributes(USER.id, USER.name)
                .include("posts", posts -> {
                    var p = posts.attributes(POST.id, POST.title);
                    return separate == null ? p : p.separate(separate);
                })
                .include("comments", comments -> {
                    var c = comments.attributes(COMMENT.id, COMMENT.body);
                    return separate == null ? c : c.separate(separate);
                });
    }
}
