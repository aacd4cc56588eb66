package dev.canopy;

import static dev.canopy.Blog.POST;
import static dev.canopy.Blog.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.dialect.h2.H2Dialect;
import dev.canopy.plan.Plan;
import dev.canopy.plan.Planner;
import dev.canopy.plan.Shape;
import dev.canopy.query.Query;
import dev.canopy.render.Renderer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A statement rendered once for a query shape is a template only when its binds can be read back from the values of
 * the query it was planned from; otherwise the caller renders it by value.
 */
class SqlTemplateTest {
    private static final H2Dialect H2 = new H2Dialect();
    private static final Renderer RENDERER = new Renderer(H2);

    private static Query query() {
        return Query.from(USER).where(USER.name.startsWith("A").and(USER.id.between(3, 9)))
                .include("posts", p -> p.where(POST.title.ne("draft")).required()).limit(5).bind(Blog.SCHEMA);
    }

    @Test
    @DisplayName("with the shape's values a template gives back exactly the statement the plan renders")
    void templateOfTheShapesValues() {
        Query q = query();
        Plan plan = new Planner(H2.capabilities()).plan(q);
        SqlTemplate t = SqlTemplate.of(RENDERER.renderParams(plan.statement()), plan.binds(), List.of(), Shape.of(q, true).values(), List.of());

        assertThat(t).isNotNull();
        assertThat(t.bind(Shape.of(q, true).values(), List.of())).isEqualTo(RENDERER.render(plan.statement()));
    }

    @Test
    @DisplayName("values that do not reach the plan's slots make no template (the caller renders by value), not an exception")
    void valuesShorterThanTheSlots() {
        Query q = query();
        Plan plan = new Planner(H2.capabilities()).plan(q);
        Object[] values = Shape.of(q, true).values();
        Renderer.Rendered rendered = RENDERER.renderParams(plan.statement());

        for (int n = 0; n < values.length; n++) {
            assertThat(SqlTemplate.of(rendered, plan.binds(), List.of(), Arrays.copyOf(values, n), List.of()))
                    .as("%d of %d values", n, values.length).isNull();
        }
    }
}
