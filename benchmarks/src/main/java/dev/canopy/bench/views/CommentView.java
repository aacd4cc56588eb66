package dev.canopy.bench.views;

/** A comment with the user who wrote it. */
public record CommentView(int id, String body, UserRef author) {}
