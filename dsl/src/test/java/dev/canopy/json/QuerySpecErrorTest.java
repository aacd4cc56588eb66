package dev.canopy.json;

import static dev.canopy.json.Music.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.canopy.error.QueryException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A wrong query spec fails with the JSON path of the problem and what exists")
class QuerySpecErrorTest {

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // the document
                Arguments.of("{\"model\": \"Track\",}", "$", "malformed JSON at line 1, column 19"),
                Arguments.of("{\"model\": \"Track\",\n \"limit\": 1 2}", "$", "malformed JSON at line 2"),
                Arguments.of("{\"model\": \"Track\", \"model\": \"Album\"}", "$", "Duplicate field 'model'"),
                Arguments.of("[]", "$", "A query spec is a JSON object, not an array"),
                Arguments.of("{}", "$.model", "missing; name the root model, one of: Artist, Album, Genre, Track"),
                Arguments.of("{\"model\": \"Trak\"}", "$.model", "Unknown model 'Trak'; the schema has: Artist, Album"),
                Arguments.of("{\"model\": \"Track\", \"limt\": 1}", "$.limt", "unknown key in a query spec; known keys: model, attributes"),
                // attributes
                Arguments.of("{\"model\": \"Track\", \"attributes\": [\"Name\", \"Nmae\"]}", "$.attributes[1]",
                        "Model Track has no attribute 'Nmae'; Track has: TrackId, Name, AlbumId"),
                Arguments.of("{\"model\": \"Track\", \"attributes\": \"Name\"}", "$.attributes", "expected an array of attribute names"),
                Arguments.of("{\"model\": \"Track\", \"attributes\": {\"include\": [\"x\"]}}", "$.attributes.include[0]",
                        "expected [expression, \"alias\"], not the string \"x\""),
                // computed attributes, group and having
                Arguments.of("{\"model\": \"Artist\", \"attributes\": [[[\"fn\", \"SLEEP\", 1], \"n\"]]}", "$.attributes[0][0][1]",
                        "'SLEEP' is not a function Canopy can call; known: COUNT, SUM"),
                Arguments.of("{\"model\": \"Artist\", \"attributes\": [[[\"fn\", \"COUNT\", [\"col\", \"albums.Titel\"]], \"n\"]]}",
                        "$.attributes[0][0][2][1]", "Model Album has no attribute 'Titel'; Album has: AlbumId, Title"),
                Arguments.of("{\"model\": \"Artist\", \"attributes\": [[[\"fn\", \"COUNT\", [\"col\", \"albumz.Title\"]], \"n\"]]}",
                        "$.attributes[0][0][2][1]", "'albumz' is not an association of Artist"),
                Arguments.of("{\"model\": \"Artist\", \"attributes\": [[[\"fn\", \"MAX\"], \"n\"]]}", "$.attributes[0][0]",
                        "MAX takes 1 argument, not 0"),
                Arguments.of("{\"model\": \"Artist\", \"attributes\": [[[\"fn\", \"COUNT\"], \"bad alias\"]]}", "$.attributes[0][1]",
                        "'bad alias' cannot name a computed attribute"),
                Arguments.of("{\"model\": \"Track\", \"group\": [\"Gnere\"]}", "$.group[0][1]", "Model Track has no attribute 'Gnere'"),
                Arguments.of("{\"model\": \"Track\", \"having\": {\"$expr\": [[\"fn\", \"COUNT\"], {\"$gt\": \"many\"}]}}",
                        "$.having.$expr[1].$gt", "COUNT(*) is BIGINT"),
                Arguments.of("{\"model\": \"Track\", \"having\": {\"$expr\": [[\"fn\", \"COUNT\"], {\"$gtt\": 1}]}}",
                        "$.having.$expr[1].$gtt", "unknown operator '$gtt'"),
                // where
                Arguments.of("{\"model\": \"Track\", \"where\": {\"Nmae\": 1}}", "$.where.Nmae",
                        "Model Track has no attribute 'Nmae'; Track has: TrackId, Name"),
                Arguments.of("{\"model\": \"Track\", \"where\": []}", "$.where", "expected an object of conditions"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"TrackId\": \"abc\"}}", "$.where.TrackId",
                        "Track.TrackId is INTEGER; expected a whole number, not the string \"abc\""),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"TrackId\": 1.5}}", "$.where.TrackId",
                        "expected a whole number, not the number 1.5"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"TrackId\": 3000000000}}", "$.where.TrackId", "out of range for INTEGER"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"UnitPrice\": {\"$gt\": \"cheap\"}}}", "$.where.UnitPrice.$gt",
                        "Track.UnitPrice is DECIMAL(10,2); expected a number, not the string \"cheap\""),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"RecordedAt\": \"yesterday\"}}", "$.where.RecordedAt",
                        "Track.RecordedAt is TIMESTAMP; expected a timestamp"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"Code\": \"nope\"}}", "$.where.Code", "Track.Code is UUID; expected a UUID"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"Explicit\": \"yes\"}}", "$.where.Explicit", "expected true or false"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"Name\": true}}", "$.where.Name", "expected a string, not true"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"Name\": {\"$regex\": \"x\"}}}", "$.where.Name.$regex",
                        "unknown operator '$regex'; operators: $eq, $ne"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"Name\": {}}}", "$.where.Name", "an empty object names no operator"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"$nor\": []}}", "$.where.$nor", "unknown key '$nor'"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"Bytes\": {\"$gt\": null}}}", "$.where.Bytes.$gt", "$gt needs a value, not null"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"Name\": {\"$like\": 5}}}", "$.where.Name.$like",
                        "$like needs a text pattern (a string), not the number 5"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"TrackId\": {\"$in\": 5}}}", "$.where.TrackId.$in", "expected an array of values"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"TrackId\": {\"$in\": [1, null]}}}", "$.where.TrackId.$in[1]",
                        "null is never IN a list"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"TrackId\": {\"$in\": [1, \"x\"]}}}", "$.where.TrackId.$in[1]",
                        "expected a whole number"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"TrackId\": {\"$between\": [1]}}}", "$.where.TrackId.$between",
                        "expected an array of two values [low, high], not an array of 1"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"Composer\": {\"$is\": \"x\"}}}", "$.where.Composer.$is", "$is takes null, true or false"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"$not\": null}}", "$.where.$not", "$not here negates a condition"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"$or\": [{\"Name\": \"a\"}, {\"Nam\": \"b\"}]}}", "$.where.$or[1].Nam",
                        "Model Track has no attribute 'Nam'"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"$or\": 1}}", "$.where.$or", "expected an array of conditions"),
                Arguments.of("{\"model\": \"Track\", \"where\": {\"$album.Title$\": \"x\"}}", "$.where['$album.Title$']",
                        "the path 'album' is not included in the query; included paths: (none)"),
                Arguments.of("{\"model\": \"Track\", \"include\": [\"album\"], \"where\": {\"$album.artist.Name$\": \"x\"}}",
                        "$.where['$album.artist.Name$']", "the path 'album.artist' is not included in the query; included paths: album"),
                Arguments.of("{\"model\": \"Track\", \"include\": [\"album\"], \"where\": {\"$albm.Title$\": \"x\"}}", "$.where['$albm.Title$']",
                        "'albm' is not an association of Track; Track has: album, genre, altGenre, playlists"),
                Arguments.of("{\"model\": \"Track\", \"include\": [\"album\"], \"where\": {\"$album.Titel$\": \"x\"}}", "$.where['$album.Titel$']",
                        "Model Album has no attribute 'Titel'; Album has: AlbumId, Title, ArtistId, Released"),
                Arguments.of("{\"model\": \"Track\", \"include\": [\"album\"], \"where\": {\"$album..Title$\": \"x\"}}", "$.where['$album..Title$']",
                        "has an empty name"),
                // include
                Arguments.of("{\"model\": \"Track\", \"include\": [{\"association\": \"albm\"}]}", "$.include[0].association",
                        "'albm' is not an association of Track; Track has: album, genre, altGenre, playlists"),
                Arguments.of("{\"model\": \"Track\", \"include\": [\"albm\"]}", "$.include[0]", "'albm' is not an association of Track"),
                Arguments.of("{\"model\": \"Track\", \"include\": [{\"model\": \"Genre\"}]}", "$.include[0].model",
                        "Genre is associated to Track more than once (genre, altGenre); include one by alias"),
                Arguments.of("{\"model\": \"Track\", \"include\": [{\"model\": \"Employee\"}]}", "$.include[0].model",
                        "Employee is not associated to Track; Track has: album, genre, altGenre, playlists"),
                Arguments.of("{\"model\": \"Track\", \"include\": [{\"model\": \"Genr\"}]}", "$.include[0].model", "Unknown model 'Genr'"),
                Arguments.of("{\"model\": \"Track\", \"include\": [{\"association\": \"album\", \"model\": \"Genre\"}]}", "$.include[0].model",
                        "association 'album' of Track leads to Album, not Genre"),
                Arguments.of("{\"model\": \"Track\", \"include\": [{\"required\": true}]}", "$.include[0]",
                        "an include names its \"association\" (an alias) or its \"model\"; Track has: album, genre"),
                Arguments.of("{\"model\": \"Track\", \"include\": [{\"association\": \"album\", \"requird\": true}]}", "$.include[0].requird",
                        "unknown key in an include"),
                Arguments.of("{\"model\": \"Track\", \"include\": [{\"association\": \"album\", \"required\": \"yes\"}]}", "$.include[0].required",
                        "expected true or false, not the string \"yes\""),
                Arguments.of("{\"model\": \"Track\", \"include\": [{\"association\": \"album\", \"required\": true, \"right\": true}]}",
                        "$.include[0].right", "cannot be required too"),
                Arguments.of("{\"model\": \"Track\", \"include\": [\"album\", \"album\"]}", "$.include[1]", "'album' is included twice under Track"),
                Arguments.of("{\"model\": \"Track\", \"include\": [5]}", "$.include[0]", "an include is an alias (a string) or an object"),
                Arguments.of("{\"model\": \"Track\", \"include\": [{\"association\": \"album\", \"where\": {\"ArtistId\": \"x\"}}]}",
                        "$.include[0].where.ArtistId", "Album.ArtistId is INTEGER; expected a whole number"),
                Arguments.of("{\"model\": \"Track\", \"include\": [{\"association\": \"album\", \"include\": [\"genre\", {\"association\": \"artst\"}]}]}",
                        "$.include[0].include[0]", "'genre' is not an association of Album; Album has: artist, tracks"),
                Arguments.of("{\"model\": \"Track\", \"include\": [{\"association\": \"album\", \"include\": [\"artist\", {\"association\": \"artst\"}]}]}",
                        "$.include[0].include[1].association", "'artst' is not an association of Album; Album has: artist, tracks"),
                Arguments.of("{\"model\": \"Track\", \"include\": [{\"association\": \"album\", \"where\": {\"$artist.Name$\": \"x\"}}]}",
                        "$.include[0].where", "an include's where names columns of its own model"),
                Arguments.of("{\"model\": \"Track\", \"include\": [{\"association\": \"album\", \"attributes\": {\"exclude\": [\"Nope\"]}}]}",
                        "$.include[0].attributes.exclude[0]", "Model Album has no attribute 'Nope'"),
                Arguments.of("{\"model\": \"Track\", \"include\": [{\"association\": \"album\", \"separate\": true}]}", "$.include[0].separate",
                        "Include 'album' is to-one"),
                Arguments.of("{\"model\": \"Track\", \"include\": [{\"association\": \"album\", \"limit\": 2}]}", "$.include[0].limit",
                        "Include 'album' is to-one; a per-parent limit applies to to-many includes"),
                Arguments.of("{\"model\": \"Artist\", \"include\": [{\"association\": \"albums\", \"limit\": -2}]}", "$.include[0].limit",
                        "expected a whole number, 0 or more"),
                Arguments.of("{\"model\": \"Artist\", \"include\": [{\"association\": \"albums\", \"separate\": false, \"limit\": 2}]}",
                        "$.include[0].limit", "a per-parent limit needs a separate query"),
                Arguments.of("{\"model\": \"Artist\", \"include\": [{\"association\": \"albums\", \"order\": [[\"tracks\", \"Name\"]]}]}",
                        "$.include[0].order[0]", "the path 'albums.tracks' is not included in the query; included paths: albums"),
                Arguments.of("{\"model\": \"Artist\", \"include\": [{\"association\": \"albums\", \"order\": [[\"Name\", \"ASC\"]]}]}",
                        "$.include[0].order[0]", "Model Album has no attribute 'Name'"),
                // order and paging
                Arguments.of("{\"model\": \"Track\", \"order\": [[\"Nmae\", \"DESC\"]]}", "$.order[0]", "Model Track has no attribute 'Nmae'"),
                Arguments.of("{\"model\": \"Track\", \"order\": [[\"album\", \"Title\", \"DESC\"]]}", "$.order[0]",
                        "the path 'album' is not included in the query"),
                Arguments.of("{\"model\": \"Track\", \"include\": [\"album\"], \"order\": [[\"albm\", \"Title\"]]}", "$.order[0]",
                        "'albm' is not an association of Track"),
                Arguments.of("{\"model\": \"Track\", \"order\": [[\"Name\", 1]]}", "$.order[0][1]", "expected a string, not the number 1"),
                Arguments.of("{\"model\": \"Track\", \"order\": [[\"DESC\"]]}", "$.order[0]", "Model Track has no attribute 'DESC'"),
                Arguments.of("{\"model\": \"Track\", \"order\": \"Name\"}", "$.order", "expected an array of terms"),
                Arguments.of("{\"model\": \"Track\", \"order\": [[\"Name\", \"SIDEWAYS\"]]}", "$.order[0][1]",
                        "unknown direction 'SIDEWAYS'; a direction is ASC, DESC, NULLS FIRST, NULLS LAST, ASC NULLS FIRST"),
                Arguments.of("{\"model\": \"Track\", \"include\": [\"album\"], \"order\": [[\"album\", \"Title\", \"UP\"]]}", "$.order[0][2]",
                        "unknown direction 'UP'"),
                Arguments.of("{\"model\": \"Artist\", \"include\": [{\"association\": \"albums\", \"order\": [[\"Title\", \"DOWN\"]]}]}",
                        "$.include[0].order[0][1]", "unknown direction 'DOWN'"),
                Arguments.of("{\"model\": \"Track\", \"limit\": 3000000000}", "$.limit",
                        "expected a whole number from 0 to 2147483647, not the number 3000000000"),
                Arguments.of("{\"model\": \"Track\", \"offset\": 99999999999999999999}", "$.offset",
                        "expected a whole number from 0 to 2147483647, not the number 99999999999999999999"),
                Arguments.of("{\"model\": \"Track\", \"limit\": -1}", "$.limit", "expected a whole number, 0 or more, not the number -1"),
                Arguments.of("{\"model\": \"Track\", \"offset\": \"10\"}", "$.offset", "expected a whole number, 0 or more, not the string \"10\""),
                Arguments.of("{\"model\": \"Track\", \"paranoid\": 0}", "$.paranoid", "expected true or false, not the number 0"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("mistakes")
    @DisplayName("each mistake names its JSON path and says what is wrong")
    void mistakeNamesItsPath(String spec, String path, String message) {
        SpecException e = catchThrowableOfType(SpecException.class, () -> QuerySpec.parse(SCHEMA, spec));
        assertThat(e).as("spec %s", spec).isNotNull();
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.getMessage()).startsWith(path + ": ").contains(message);
    }

    @Test
    @DisplayName("a spec error is a QueryException, and wraps Canopy's own exception as its cause")
    void specExceptionIsQueryException() {
        SpecException e = catchThrowableOfType(SpecException.class,
                () -> QuerySpec.parse(SCHEMA, "{\"model\": \"Track\", \"include\": [{\"association\": \"albm\"}]}"));
        assertThat(e).isInstanceOf(QueryException.class);
        assertThat(e.getCause()).isInstanceOf(dev.canopy.error.AssociationNotFoundException.class);
        assertThat(e.detail()).isEqualTo(e.getCause().getMessage());
    }

    @Test
    @DisplayName("empty and blank documents fail at $")
    void emptyDocument() {
        assertThat(catchThrowableOfType(SpecException.class, () -> QuerySpec.parse(SCHEMA, "  ")).getMessage())
                .isEqualTo("$: the JSON text is empty");
    }
}
