package dev.canopy.model;

/** What a foreign key does when the row it refers to is deleted or its key updated. */
public enum ReferentialAction {
    CASCADE, SET_NULL, SET_DEFAULT, RESTRICT, NO_ACTION;

    /** The SQL words: {@code SET NULL}. */
    public String sql() {
        return name().replace('_', ' ');
    }
}
