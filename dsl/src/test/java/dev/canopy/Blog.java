package dev.canopy;

import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A small blog schema for the dsl module's own tests: users with posts, comments, tags (many to many), a profile
 * (hasOne) and an organization; one of each association kind, a self-association and reserved-word names.
 */
public final class Blog {
    private Blog() {}

    public static final class UserModel extends Model {
        public final Column<Integer> id = integer("id").primaryKey();
        public final Column<String> name = string("name", 80).notNull();
        public final Column<String> email = string("email", 120);
        public final Column<Integer> organizationId = integer("organizationId");
        public final Column<Integer> mentorId = integer("mentorId");
        private UserModel() { super("User", ModelOptions.defaults().timestamps(false)); }
    }

    public static final class OrganizationModel extends Model {
        public final Column<Integer> id = integer("id").primaryKey();
        public final Column<String> name = string("name", 80);
        private OrganizationModel() { super("Organization", ModelOptions.defaults().timestamps(false)); }
    }

    public static final class PostModel extends Model {
        public final Column<Integer> id = integer("id").primaryKey();
        public final Column<String> title = string("title", 200);
        public final Column<Integer> authorId = integer("authorId");
        public final Column<LocalDate> publishedOn = date("publishedOn");
        public final Column<BigDecimal> score = decimal("score", 6, 2);
        private PostModel() { super("Post", ModelOptions.defaults().timestamps(false)); }
    }

    public static final class CommentModel extends Model {
        public final Column<Integer> id = integer("id").primaryKey();
        public final Column<String> body = text("body");
        public final Column<Integer> postId = integer("postId");
        public final Column<Integer> userId = integer("userId");
        private CommentModel() { super("Comment", ModelOptions.defaults().timestamps(false)); }
    }

    public static final class TagModel extends Model {
        public final Column<Integer> id = integer("id").primaryKey();
        public final Column<String> label = string("label", 40);
        private TagModel() { super("Tag", ModelOptions.defaults().timestamps(false)); }
    }

    public static final class PostTagModel extends Model {
        public final Column<Integer> postId = integer("postId").primaryKey();
        public final Column<Integer> tagId = integer("tagId").primaryKey();
        private PostTagModel() { super("PostTag", ModelOptions.defaults().timestamps(false)); }
    }

    public static final class ProfileModel extends Model {
        public final Column<Integer> id = integer("id").primaryKey();
        public final Column<String> bio = text("bio");
        public final Column<Integer> userId = integer("userId");
        private ProfileModel() { super("Profile", ModelOptions.defaults().timestamps(false)); }
    }

    public static final UserModel USER = new UserModel();
    public static final OrganizationModel ORGANIZATION = new OrganizationModel();
    public static final PostModel POST = new PostModel();
    public static final CommentModel COMMENT = new CommentModel();
    public static final TagModel TAG = new TagModel();
    public static final PostTagModel POST_TAG = new PostTagModel();
    public static final ProfileModel PROFILE = new ProfileModel();

    public static final Association USER_POSTS = Association.hasMany(USER, POST).alias("posts").foreignKey("authorId");
    public static final Association POST_AUTHOR = Association.belongsTo(POST, USER).alias("author").foreignKey("authorId");
    public static final Association POST_COMMENTS = Association.hasMany(POST, COMMENT).alias("comments").foreignKey("postId");
    public static final Association COMMENT_USER = Association.belongsTo(COMMENT, USER).alias("user");
    public static final Association POST_TAGS = Association.belongsToMany(POST, TAG, POST_TAG).alias("tags").foreignKey("postId").otherKey("tagId");
    public static final Association USER_PROFILE = Association.hasOne(USER, PROFILE).alias("profile").foreignKey("userId");
    public static final Association USER_ORGANIZATION = Association.belongsTo(USER, ORGANIZATION).alias("organization");
    public static final Association USER_MENTOR = Association.belongsTo(USER, USER).alias("mentor").foreignKey("mentorId");

    public static final Schema SCHEMA = Schema.builder()
            .models(USER, ORGANIZATION, POST, COMMENT, TAG, POST_TAG, PROFILE)
            .associations(USER_POSTS, POST_AUTHOR, POST_COMMENTS, COMMENT_USER, POST_TAGS, USER_PROFILE, USER_ORGANIZATION, USER_MENTOR)
            .build();
}
