package dev.canopy;

import dev.canopy.plan.BindSlots;
import dev.canopy.plan.BindSource;
import dev.canopy.render.Renderer;
import dev.canopy.sql.SqlStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.Param;
import org.jspecify.annotations.Nullable;

/**
 * SQL rendered once for a query shape, with the source of each of its bind values ({@link BindSource}): a query of
 * the same shape runs it with its own values ({@link dev.canopy.plan.Shape#values()}) and, for a separate include,
 * its batch of parent keys, without planning or rendering again. Immutable.
 */
final class SqlTemplate {
    private final String sql;
    private final BindSource[] sources;

    private SqlTemplate(String sql, BindSource[] sources) {
        this.sql = sql;
        this.sources = sources;
    }

    /**
     * The template of a rendered statement, or null when its SQL depends on the values themselves: a parameter the
     * planner made for a value was rendered inline, a bind has no known source, or the sources do not give back the
     * values the statement was rendered with (checked here, once, with the values it was planned from), or cannot read
     * them at all (a slot past {@code values}: the plan was made from a query whose values do not line up with the
     * shape's, as when binding expands an {@code Include.all()}). The caller then renders the statement by value.
     */
    static @Nullable SqlTemplate of(Renderer.Rendered rendered, BindSlots slots, List<Param<?>> keyParams,
                                    @Nullable Object[] values, List<?> keys) {
        if (rendered.params() == null) {
            return null;
        }
        Map<Param<?>, Integer> keyIndex = new IdentityHashMap<>();
        for (int i = 0; i < keyParams.size(); i++) {
            keyIndex.put(keyParams.get(i), i);
        }
        List<BindSource> out = new ArrayList<>(rendered.params().size());
        for (Param<?> p : rendered.params()) {
            BindSource s = slots.of(p);
            Integer k = keyIndex.get(p);
            if (s == null && k != null) {
                s = new BindSource.ParentKey(k, p.getDataType());
            }
            if (p.isInline()) {
                if (s != null) {
                    return null;
                }
                continue;
            }
            if (s == null || !s.readable(values, keys) || !Objects.deepEquals(s.value(values, keys), p.getValue())) {
                return null;
            }
            out.add(s);
        }
        return new SqlTemplate(rendered.sql(), out.toArray(new BindSource[0]));
    }

    /** The statement for a query's values (and a batch of parent keys, for a separate include). */
    SqlStatement bind(@Nullable Object[] values, List<?> keys) {
        Object[] binds = new Object[sources.length];
        for (int i = 0; i < binds.length; i++) {
            binds[i] = sources[i].value(values, keys);
        }
        return new SqlStatement(sql, Arrays.asList(binds));
    }
}
