package dev.canopy;

import dev.canopy.plan.Plan;
import dev.canopy.plan.Planner;
import dev.canopy.query.Query;
import dev.canopy.typed.TypedResults;

/** Plans the test queries over {@link Blog#SCHEMA} without a connection, as a Canopy serving that schema would. */
public final class Plans {
    /** Typed mappers of plans over the blog schema, one cache as a Canopy keeps. */
    public static final TypedResults TYPED = new TypedResults(Blog.SCHEMA);

    private Plans() {}

    public static Plan plan(Query query) {
        return new Planner().plan(query.bind(Blog.SCHEMA));
    }
}
