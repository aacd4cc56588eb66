package dev.canopy.query;

import static dev.canopy.Blog.COMMENT;
import static dev.canopy.Blog.POST;
import static dev.canopy.Blog.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.Blog;
import dev.canopy.error.QueryException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed association paths in Java: the compiler checks that each link starts where the previous one ends. */
public class LinkTest {
    public static final Link<Blog.UserModel, Blog.PostModel> USER_POSTS = Link.of(Blog.USER_POSTS, USER, POST);
    public static final Link<Blog.PostModel, Blog.CommentModel> POST_COMMENTS = Link.of(Blog.POST_COMMENTS, POST, COMMENT);

    @TempDir
    Path dir;

    @Test
    @DisplayName("a typed path is the same reference as the alias path")
    void sameAsAliasPath() {
        assertThat(USER_POSTS.then(POST_COMMENTS).to(c -> c.body)).isEqualTo(COMMENT.body.at("posts", "comments"));
        assertThat(USER_POSTS.to(p -> p.title)).isEqualTo(POST.title.at("posts"));
        assertThat(USER_POSTS.then(POST_COMMENTS).association()).isSameAs(Blog.POST_COMMENTS);
    }

    @Test
    @DisplayName("a link whose models do not match its association, or a column of another model, fails at once")
    void mismatchesFail() {
        assertThatThrownBy(() -> Link.of(Blog.USER_POSTS, POST, USER)).isInstanceOf(QueryException.class)
                .hasMessageContaining("not from Post to User");
        assertThatThrownBy(() -> USER_POSTS.to(p -> USER.name)).isInstanceOf(QueryException.class)
                .hasMessageContaining("is not a column of Post");
    }

    @Test
    @DisplayName("a path through a link that does not start where the previous one ends does not compile")
    void wrongPathDoesNotCompile() throws IOException {
        assertThat(compile("USER_POSTS.then(POST_COMMENTS).to(c -> c.body)")).isEmpty();
        assertThat(compile("POST_COMMENTS.then(USER_POSTS).to(p -> p.title)")).anySatisfy(e -> assertThat(e).contains("cannot be converted to dev.canopy.query.Link<dev.canopy.Blog.CommentModel,U>"));
        assertThat(compile("USER_POSTS.to(p -> p.body)")).anySatisfy(e -> assertThat(e).contains("cannot find symbol"));
    }

    private List<String> compile(String expression) throws IOException {
        return dev.canopy.build.Javac.errors(dir, "package probe;\nimport static dev.canopy.query.LinkTest.*;\n"
                + "class Probe { Object f() { return " + expression + "; } }\n", false);
    }
}
