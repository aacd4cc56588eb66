package dev.canopy.bench.views;

/** A user named from elsewhere in the graph: a comment's author. */
public record UserRef(int id, String name) {}
