package dev.canopy.bench.views;

import java.util.List;

/**
 * A user with their posts: the root of the graph every contestant produces. Immutable: the list is copied.
 */
public record UserView(int id, String name, List<PostView> posts) {
    public UserView {
        posts = List.copyOf(posts);
    }
}
