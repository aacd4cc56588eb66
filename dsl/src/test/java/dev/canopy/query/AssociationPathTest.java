package dev.canopy.query;

import static dev.canopy.Blog.COMMENT;
import static dev.canopy.Blog.COMMENT_USER;
import static dev.canopy.Blog.POST;
import static dev.canopy.Blog.POST_COMMENTS;
import static dev.canopy.Blog.TAG;
import static dev.canopy.Blog.USER;
import static dev.canopy.Blog.USER_POSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.Canopy;
import dev.canopy.dialect.Dialect;
import dev.canopy.error.QueryException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Typed association paths: column.via(associations...)")
class AssociationPathTest {

    @Test
    @DisplayName("via(associations) is the same reference as at(aliases), and renders the same SQL")
    void sameAsAliasPath() {
        assertThat(POST.title.via(USER_POSTS)).isEqualTo(POST.title.at("posts"));
        assertThat(COMMENT.body.via(USER_POSTS, POST_COMMENTS)).isEqualTo(COMMENT.body.at("posts", "comments"));
        Query typed = Query.from(USER).include(USER_POSTS, p -> p.include(POST_COMMENTS))
                .order(POST.title.via(USER_POSTS).asc(), COMMENT.body.via(USER_POSTS, POST_COMMENTS).desc());
        Query strings = Query.from(USER).include("posts", p -> p.include("comments"))
                .order(POST.title.at("posts").asc(), COMMENT.body.at("posts", "comments").desc());
        assertThat(typed).isEqualTo(strings);
        assertThat(Canopy.toSql(typed, dev.canopy.Blog.SCHEMA, Dialect.named("h2"))).isEqualTo(Canopy.toSql(strings, dev.canopy.Blog.SCHEMA, Dialect.named("h2")));
    }

    @Test
    @DisplayName("an association that does not start where the previous one ends is refused, naming both")
    void brokenChain() {
        assertThatThrownBy(() -> COMMENT.body.via(POST_COMMENTS, USER_POSTS))
                .isInstanceOf(QueryException.class)
                .hasMessage("Comment.body.via(comments, posts): 'posts' (User -> Post) does not start at Comment, where the path before it ends");
    }

    @Test
    @DisplayName("a column of another model than the path's end is refused, naming both models")
    void wrongColumn() {
        assertThatThrownBy(() -> TAG.label.via(USER_POSTS))
                .isInstanceOf(QueryException.class)
                .hasMessage("Tag.label.via(posts): the path ends at Post, but label is a column of Tag");
        assertThat(USER.name.via(USER_POSTS, POST_COMMENTS, COMMENT_USER)).isEqualTo(USER.name.at("posts", "comments", "user"));
    }

    @Test
    @DisplayName("an empty path is refused")
    void emptyPath() {
        assertThatThrownBy(() -> POST.title.via())
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("name at least one association");
    }
}
