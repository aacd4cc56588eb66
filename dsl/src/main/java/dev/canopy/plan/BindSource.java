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

    /** The value in slot {@code slot}: a compared value, a bound of a BETWEEN, a limit or an offset. */
    record Value(int slot, DataType<?> type) implements BindSource {
        @Override public @Nullable Object value(@Nullable Object[] values, List<?> parentKeys) {
            return type.convert(values[slot]);
        }
    }

    /** Element {@code index} of the {@code isIn} list in slot {@code slot}. */
    record Element(int slot, int index, DataType<?> type) implements BindSource {
        @Override public @Nullable Object value(@Nullable Object[] values, List<?> parentKeys) {
            return type.convert(((List<?>) values[slot]).get(index));
        }
    }

    /** Elements {@code from} to {@code to} of the {@code isIn} list in slot {@code slot}, as one array of {@code component}. */
    record ArrayChunk(int slot, int from, Class<?> component) implements BindSource {
        @Override public Object value(@Nullable Object[] values, List<?> parentKeys) {
            return Conditions.array(component, (List<?>) values[slot], from);
        }
    }

    /** Parent key {@code index} of the batch a separate include's statement is run for. */
    record ParentKey(int index, DataType<?> type) implements BindSource {
        @Override public @Nullable Object value(@Nullable Object[] values, List<?> parentKeys) {
            return type.convert(parentKeys.get(index));
        }
    }
}
