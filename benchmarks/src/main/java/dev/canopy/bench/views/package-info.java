/**
 * The immutable records every contestant's result is mapped to, so that results can be compared for equality:
 * {@code UserView(id, name, posts) -> PostView(id, title, comments) -> CommentView(id, body, author: UserRef)}.
 */
package dev.canopy.bench.views;
