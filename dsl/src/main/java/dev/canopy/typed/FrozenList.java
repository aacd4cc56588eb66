package dev.canopy.typed;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An unmodifiable list over the first {@code size} elements of an array the direct reader filled and no longer
 * touches: one object per list, where copying into an immutable list would cost a second array. Equal to any list
 * with the same elements ({@link List#equals}).
 */
final class FrozenList extends AbstractList<Object> implements RandomAccess {
    private final Object[] items;
    private final int size;

    FrozenList(Object[] items, int size) {
        this.items = items;
        this.size = size;
    }

    @Override
    public Object get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size);
        }
        return items[index];
    }

    /** A copy of the elements, without the iterator {@link java.util.AbstractCollection#toArray()} would make. */
    @Override
    public Object[] toArray() {
        return java.util.Arrays.copyOf(items, size);
    }

    @Override
    public int size() {
        return size;
    }
}
