package dev.canopy.plan;

import java.util.List;
import org.jooq.DataType;
import org.jspecify.annotations.Nullable;

/**
 * Where one bind value of a rendered statement comes from, so that SQL rendered once for a query's shape can be run
 * with the values of any query of that shape: a value of the query ({@link Shape#values}, by slot), an element of an
 * {@code isIn} list, a chunk of a long list bound as one array, or a separate include's parent key. Each takes the
 * value as the planner would have bound it: converted to its column's type, as {@code DSL.val(value, field)} does.
 */
public sealed interface BindSource permits BindSource.Value, BindSource.Element, BindSource.ArrayChunk, BindSource.ParentKey {

    /** The bind value for a query whose values are {@code values} (see {@link Shape}), under {@code parentKeys}. */
    @Nullable Object value(@Nullable Object[] values, List<?> parentKeys);

    /**
     * Whether {@code values} and {@code parentKeys} hold what {@link #value} reads here: false when a plan's slots do
     * not line up with the values of the query it is checked against, which must then not run from a template.
     */
    boolean readable(@Nullable Object[] values, List<?> parentKeys);

    /** The value in slot {@code slot}: a compared value, a bound of a BETWEEN, a limit or an offset. */
    record Value(int slot, DataType<?> type) implements BindSource {
        @Override public @Nullable Object value(@Nullable Object[] values, List<?> parentKeys) {
            return type.convert(values[slot]);
        }

        @Override public boolean readable(@Nullable Object[] values, List<?> parentKeys) {
            return slot < values.length;
        }
    }

    /** Element {@code index} of the {@code isIn} list in slot {@code slot}. */
    record Element(int slot, int index, DataType<?> type) implements BindSource {
        @Override public @Nullable Object value(@Nullable Object[] values, List<?> parentKeys) {
            return type.convert(((List<?>) values[slot]).get(index));
        }

        @Override public boolean readable(@Nullable Object[] values, List<?> parentKeys) {
            return slot < values.length && values[slot] instanceof List<?> list && index < list.size();
        }
    }

    /** Elements {@code from} on (at most {@link Conditions#ARRAY_CHUNK}) of the {@code isIn} list in slot {@code slot}, as one array of {@code type}. */
    record ArrayChunk(int slot, int from, DataType<?> type) implements BindSource {
        @Override public Object value(@Nullable Object[] values, List<?> parentKeys) {
            return Conditions.array(type, (List<?>) values[slot], from);
        }

        @Override public boolean readable(@Nullable Object[] values, List<?> parentKeys) {
            return slot < values.length && values[slot] instanceof List<?> list && from < list.size();
        }
    }

    /** Parent key {@code index} of the batch a separate include's statement is run for. */
    record ParentKey(int index, DataType<?> type) implements BindSource {
        @Override public @Nullable Object value(@Nullable Object[] values, List<?> parentKeys) {
            return type.convert(parentKeys.get(index));
        }

        @Override public boolean readable(@Nullable Object[] values, List<?> parentKeys) {
            return index < parentKeys.size();
        }
    }
}
