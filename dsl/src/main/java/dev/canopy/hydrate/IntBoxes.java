package dev.canopy.hydrate;

/**
 * The boxes of the {@code int} values one pass over rows has made, by value, so that a value met again (a foreign key
 * on every row, the key of a to-one include made once per parent) reuses its {@link Integer} instead of allocating one
 * per row. Direct-mapped: a value evicts the one that shared its place; a miss costs what {@link Integer#valueOf}
 * costs. One per pass, never shared between threads; boxes are immutable, so sharing them is invisible.
 */
public final class IntBoxes {
    private static final int SIZE = 1024;
    /** Made at the first value outside the JDK's own cache, so a pass over small values costs nothing. */
    private Integer @org.jspecify.annotations.Nullable [] boxes;

    /** The box of {@code v}: the one this pass made last for it, when it is still there. */
    public Integer box(int v) {
        if (v >= -128 && v <= 127) {
            return Integer.valueOf(v);
        }
        Integer[] all = boxes;
        if (all == null) {
            all = new Integer[SIZE];
            boxes = all;
        }
        int at = (v ^ (v >>> 10)) & (SIZE - 1);
        Integer b = all[at];
        if (b == null || b.intValue() != v) {
            b = Integer.valueOf(v);
            all[at] = b;
        }
        return b;
    }
}
