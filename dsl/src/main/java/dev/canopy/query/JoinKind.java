package dev.canopy.query;

/** How an include joins its parent: required (INNER), optional (LEFT OUTER) or right (RIGHT OUTER). */
public enum JoinKind { INNER, LEFT, RIGHT }
