package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.chinook.DemoQueries;
import dev.canopy.result.Entity;
import dev.canopy.hydrate.Json;
import dev.canopy.query.Query;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The demo's queries return the same graphs, as JSON, on every database as on H2. */
class DemoQueriesTest {

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("the demo's include queries return the same graphs as on H2")
    void demoQueriesReturnTheSameGraphs(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        Canopy h2 = ChinookFixture.chinook(TestDatabase.H2);
        for (Map.Entry<String, Query> e : DemoQueries.graphs().entrySet()) {
            String expected = json(h2.findAll(e.getValue()));
            assertThat(json(db.findAll(e.getValue()))).as(e.getKey()).isEqualTo(expected);
            assertThat(expected).as(e.getKey()).isNotEqualTo("[]");
        }
        for (Map.Entry<String, Query> e : DemoQueries.counts().entrySet()) {
            assertThat(db.count(e.getValue())).as(e.getKey()).isEqualTo(h2.count(e.getValue())).isPositive();
        }
    }

    private static String json(List<Entity> roots) {
        return Json.write(roots.stream().map(Entity::toMap).collect(Collectors.toList()));
    }
}
