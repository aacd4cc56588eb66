package dev.canopy.bench.views;

import java.util.List;

/** A post with its comments, in id order. Immutable: the list is copied. */
public record PostView(int id, String title, List<CommentView> comments) {
    public PostView {
        comments = List.copyOf(comments);
    }
}
