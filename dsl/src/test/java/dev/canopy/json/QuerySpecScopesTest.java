package dev.canopy.json;

import static dev.canopy.json.Music.ALBUM;
import static dev.canopy.json.Music.ARTIST;
import static dev.canopy.json.Music.TRACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.canopy.error.QueryException;
import dev.canopy.model.Association;
import dev.canopy.model.Schema;
import dev.canopy.query.Include;
import dev.canopy.query.Query;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Scopes in a query spec: \"scope\" and \"unscoped\" on the root and on includes")
class QuerySpecScopesTest {

    /** Music's models with Sequelize-style scopes on Track and Album. */
    static final Schema SCOPED = Schema.builder()
            .models(ARTIST, ALBUM, TRACK)
            .associations(
                    Association.belongsTo(ALBUM, ARTIST).alias("artist").foreignKey("ArtistId"),
                    Association.hasMany(ALBUM, TRACK).alias("tracks").foreignKey("AlbumId"),
                    Association.belongsTo(TRACK, ALBUM).alias("album").foreignKey("AlbumId"))
            .defaultScope(Query.from(TRACK).where(TRACK.explicit.eq(false)))
            .scope("cheap", Query.from(TRACK).where(TRACK.unitPrice.lt(new BigDecimal("1.00"))))
            .scope("byName", Query.from(TRACK).order(TRACK.name.asc()))
            .scope(TRACK, "pricedAt", args -> Query.from(TRACK).where(TRACK.unitPrice.eq((BigDecimal) args.get(0))))
            .scope(TRACK, "composedBy", args -> Query.from(TRACK).where(TRACK.composer.eq((String) args.get(0))))
            .scope("withTracks", Query.from(ALBUM).include("tracks"))
            .build();

    static Stream<Arguments> queries() {
        return Stream.of(
                Arguments.of("one named scope", Query.from(TRACK).scope("cheap"),
                        "{\"model\":\"Track\",\"scope\":\"cheap\"}"),
                Arguments.of("two scopes, one with arguments (Sequelize's {method: [...]})",
                        Query.from(TRACK).scope("cheap").scope("composedBy", "F. Baltes").scope("pricedAt", new BigDecimal("0.99")),
                        "{\"model\":\"Track\",\"scope\":[\"cheap\",{\"method\":[\"composedBy\",\"F. Baltes\"]},{\"method\":[\"pricedAt\",0.99]}]}"),
                Arguments.of("the default scope named with another", Query.from(TRACK).scope("defaultScope").scope("byName"),
                        "{\"model\":\"Track\",\"scope\":[\"defaultScope\",\"byName\"]}"),
                Arguments.of("unscoped", Query.from(TRACK).unscoped().where(TRACK.name.eq("x")),
                        "{\"model\":\"Track\",\"unscoped\":true,\"where\":{\"Name\":\"x\"}}"),
                Arguments.of("a scoped include, required", Query.from(ALBUM).include(Include.of("tracks").scope("cheap").required()),
                        "{\"model\":\"Album\",\"include\":[{\"association\":\"tracks\",\"scope\":\"cheap\",\"required\":true}]}"),
                Arguments.of("an unscoped include", Query.from(ALBUM).scope("withTracks").include(Include.of("tracks").unscoped()),
                        "{\"model\":\"Album\",\"scope\":\"withTracks\",\"include\":[{\"association\":\"tracks\",\"unscoped\":true}]}"),
                Arguments.of("an include by model with two scopes",
                        Query.from(ALBUM).include(Include.of(TRACK).scope("byName").scope("pricedAt", new BigDecimal("1.99"))),
                        "{\"model\":\"Album\",\"include\":[{\"model\":\"Track\",\"scope\":[\"byName\",{\"method\":[\"pricedAt\",1.99]}]}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    @DisplayName("a query with scopes is written with \"scope\"/\"unscoped\" and reads back to an equal query")
    void roundTrip(String label, Query q, String json) {
        assertThat(QuerySpec.toJson(q)).isEqualTo(json);
        assertThat(QuerySpec.parse(SCOPED, json)).isEqualTo(q);
    }

    @Test
    @DisplayName("a scope asked for in a spec is merged when the query is bound, as the same scope asked for in Java")
    void boundLikeJava() {
        Query json = QuerySpec.parse(SCOPED, "{\"model\": \"Album\", \"include\": [{\"association\": \"tracks\", \"scope\": [\"cheap\", "
                + "{\"method\": [\"composedBy\", \"F. Baltes\"]}]}]}");
        Query bound = json.bind(SCOPED);
        Include tracks = bound.includes().get(0);
        assertThat(tracks.where()).isEqualTo(TRACK.unitPrice.lt(new BigDecimal("1.00")).and(TRACK.composer.eq("F. Baltes")));
        assertThat(tracks.isRequired()).as("a scope's where filters the children, it does not drop the parent").isFalse();
        assertThat(bound).isEqualTo(Query.from(ALBUM).include(Include.of("tracks").scope("cheap").scope("composedBy", "F. Baltes")).bind(SCOPED));

        Query unscopedInclude = QuerySpec.parse(SCOPED, "{\"model\": \"Album\", \"include\": [{\"association\": \"tracks\", \"unscoped\": true}]}");
        assertThat(unscopedInclude.bind(SCOPED).includes().get(0).where()).as("no default scope").isNull();
        Query defaulted = QuerySpec.parse(SCOPED, "{\"model\": \"Album\", \"include\": [\"tracks\"]}");
        assertThat(defaulted.bind(SCOPED).includes().get(0).where()).isEqualTo(TRACK.explicit.eq(false));
    }

    @Test
    @DisplayName("an include's named scopes survive being merged with the same include from a root scope")
    void includeScopesSurviveMerging() {
        Query q = QuerySpec.parse(SCOPED, "{\"model\": \"Album\", \"scope\": \"withTracks\", \"include\": [{\"association\": \"tracks\", \"scope\": \"cheap\"}]}");
        assertThat(q.bind(SCOPED).includes().get(0).where()).isEqualTo(TRACK.unitPrice.lt(new BigDecimal("1.00")));
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("{\"model\": \"Track\", \"scope\": \"chep\"}", "$.scope",
                        "'chep' is not a scope of Track; Track has: defaultScope, cheap, byName, pricedAt, composedBy"),
                Arguments.of("{\"model\": \"Album\", \"include\": [{\"association\": \"tracks\", \"scope\": [\"cheap\", \"nope\"]}]}",
                        "$.include[0].scope[1]", "'nope' is not a scope of Track; Track has: defaultScope, cheap, byName, pricedAt, composedBy"),
                Arguments.of("{\"model\": \"Album\", \"include\": [{\"association\": \"artist\", \"scope\": \"cheap\"}]}",
                        "$.include[0].scope", "'cheap' is not a scope of Artist; Artist has: (no scopes)"),
                Arguments.of("{\"model\": \"Album\", \"scope\": {\"method\": [\"nope\", 1]}}", "$.scope.method[0]",
                        "'nope' is not a scope of Album; Album has: withTracks"),
                Arguments.of("{\"model\": \"Track\", \"scope\": {\"method\": []}}", "$.scope.method",
                        "expected [\"scope name\", arguments...], not an array"),
                Arguments.of("{\"model\": \"Track\", \"scope\": {\"name\": \"cheap\"}}", "$.scope.name", "unknown key in a scope with arguments"),
                Arguments.of("{\"model\": \"Track\", \"scope\": 3}", "$.scope", "expected a scope name or {\"method\": [name, arguments...]}, not the number 3"),
                Arguments.of("{\"model\": \"Track\", \"scope\": []}", "$.scope", "a non-empty array of them"),
                Arguments.of("{\"model\": \"Track\", \"scope\": {\"method\": [\"pricedAt\", {\"a\": 1}]}}", "$.scope.method[1]",
                        "a scope argument is a string, number, boolean, null or an array of them"),
                Arguments.of("{\"model\": \"Track\", \"unscoped\": false}", "$.unscoped", "expected true"),
                Arguments.of("{\"model\": \"Track\", \"unscoped\": true, \"scope\": \"cheap\"}", "$.unscoped", "give one of the two"),
                Arguments.of("{\"model\": \"Album\", \"include\": [{\"all\": true, \"scope\": \"cheap\"}]}", "$.include[0].scope",
                        "unknown key in an include of all associations"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("mistakes")
    @DisplayName("a mistake in \"scope\" or \"unscoped\" names its JSON path and the scopes that exist")
    void mistakes(String json, String path, String message) {
        SpecException e = catchThrowableOfType(() -> QuerySpec.parse(SCOPED, json), SpecException.class);
        assertThat(e).as(json).isNotNull();
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.detail()).contains(message);
    }

    @Test
    @DisplayName("Include.scope refuses Include.all(), and a bound query names the scopes the included model has")
    void javaMistakes() {
        assertThat(catchThrowableOfType(() -> Include.all().scope("cheap"), QueryException.class)).hasMessageContaining("takes no scope");
        QueryException e = catchThrowableOfType(() -> Query.from(ALBUM).include(Include.of("tracks").scope("nope")).bind(SCOPED),
                QueryException.class);
        assertThat(e).hasMessageContaining("'nope' is not a scope of Track; Track has: cheap, byName, pricedAt, composedBy and defaultScope");
        assertThat(SCOPED.scopeNames(TRACK)).isEqualTo(List.of("defaultScope", "cheap", "byName", "pricedAt", "composedBy"));
    }
}
