package dev.canopy.conformance;

import static dev.canopy.chinook.Chinook.ALBUM;
import static dev.canopy.chinook.Chinook.ARTIST;
import static dev.canopy.chinook.Chinook.EMPLOYEE;
import static dev.canopy.chinook.Chinook.GENRE;
import static dev.canopy.chinook.Chinook.INVOICE;
import static dev.canopy.chinook.Chinook.SCHEMA;
import static dev.canopy.chinook.Chinook.TRACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.Canopy;
import dev.canopy.error.AmbiguousAssociationException;
import dev.canopy.error.AssociationNotFoundException;
import dev.canopy.error.QueryException;
import dev.canopy.json.QuerySpec;
import dev.canopy.query.Include;
import dev.canopy.query.Query;
import dev.canopy.result.Entity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sequelize's {@code include: { all: true, nested: true }} and {@code include: [{ model: Album }]}: {@link Include#all()},
 * {@link Include#all()}{@code .nested()} and {@link Include#of(dev.canopy.model.Model)}, resolved when a query is bound.
 */
@DisplayName("Include all, nested, and by model")
class IncludeAllAndByModelTest {

    /** Every include path of a bound query, depth first: {@code albums, albums.tracks, ...}. */
    private static List<String> paths(List<Include> includes, String prefix) {
        List<String> out = new ArrayList<>();
        for (Include i : includes) {
            String p = prefix.isEmpty() ? i.alias() : prefix + "." + i.alias();
            out.add(p);
            out.addAll(paths(i.includes(), p));
        }
        return out;
    }

    @Test
    @DisplayName("all() binds to every association of the model, one level, in the schema's order")
    void allIsOneLevel() {
        Query bound = Query.from(TRACK).include(Include.all()).bind(SCHEMA);
        assertThat(paths(bound.includes(), "")).containsExactly("album", "genre", "mediaType", "playlists", "invoiceLines");
        assertThat(bound).isEqualTo(Query.from(TRACK).include("album").include("genre").include("mediaType").include("playlists")
                .include("invoiceLines").bind(SCHEMA));
    }

    @Test
    @DisplayName("all().nested() recurses and stops at a model already on the path from the root, as Sequelize does")
    void nestedStopsAtCycles() {
        Query bound = Query.from(ARTIST).include(Include.all().nested()).bind(SCHEMA);
        assertThat(paths(bound.includes(), "")).containsExactly(
                "albums", "albums.tracks", "albums.tracks.genre", "albums.tracks.mediaType", "albums.tracks.playlists",
                "albums.tracks.invoiceLines", "albums.tracks.invoiceLines.invoice", "albums.tracks.invoiceLines.invoice.customer",
                "albums.tracks.invoiceLines.invoice.customer.supportRep");
        // Employee → manager and reports lead back to Employee, already on the path: the recursion ends there
        Query employees = Query.from(EMPLOYEE).include(Include.all().nested()).bind(SCHEMA);
        assertThat(paths(employees.includes(), "")).containsExactly(
                "customers", "customers.invoices", "customers.invoices.lines", "customers.invoices.lines.track",
                "customers.invoices.lines.track.album", "customers.invoices.lines.track.album.artist",
                "customers.invoices.lines.track.genre", "customers.invoices.lines.track.mediaType",
                "customers.invoices.lines.track.playlists");
    }

    @Test
    @DisplayName("an association included explicitly keeps its own include, and all() adds the others")
    void explicitIncludeWins() {
        Query bound = Query.from(ALBUM).include("tracks", t -> t.where(TRACK.name.startsWith("F"))).include(Include.all().optional())
                .bind(SCHEMA);
        assertThat(paths(bound.includes(), "")).containsExactly("tracks", "artist");
        assertThat(bound.includes().get(0).where()).isNotNull();
        assertThat(bound.includes().get(1).requiredOption()).isFalse();
    }

    @Test
    @DisplayName("all() refuses what only fits one model, and nested() applies to all() only")
    void allRefusesOneModelOptions() {
        assertThatThrownBy(() -> Include.all().where(GENRE.name.eq("Rock"))).isInstanceOf(QueryException.class)
                .hasMessageStartingWith("Include.all() takes no where");
        assertThatThrownBy(() -> Include.of("albums").nested()).isInstanceOf(QueryException.class)
                .hasMessage("nested() applies to Include.all(); include 'albums' names one association");
    }

    @Test
    @DisplayName("an include by model resolves to the one association that leads there, else names the candidates")
    void byModel() {
        assertThat(Query.from(TRACK).include(Include.of(ALBUM).include(Include.of(ARTIST))).bind(SCHEMA))
                .isEqualTo(Query.from(TRACK).include("album", a -> a.include("artist")).bind(SCHEMA));
        assertThatThrownBy(() -> Query.from(EMPLOYEE).include(Include.of(EMPLOYEE)).bind(SCHEMA))
                .isInstanceOf(AmbiguousAssociationException.class)
                .hasMessage("Employee is associated to Employee more than once (manager, reports); include one by alias")
                .satisfies(e -> assertThat(((AmbiguousAssociationException) e).candidates()).containsExactly("manager", "reports"));
        assertThatThrownBy(() -> Query.from(TRACK).include(Include.of(INVOICE)).bind(SCHEMA))
                .isInstanceOf(AssociationNotFoundException.class)
                .hasMessage("Invoice is not associated to Track; Track has: album, genre, mediaType, playlists, invoiceLines");
    }

    @Test
    @DisplayName("the JSON spec reads {\"all\": true, \"nested\": true} and {\"model\": ...}, and writes them back")
    void jsonSpec() {
        Query q = QuerySpec.parse(SCHEMA, "{\"model\": \"Artist\", \"where\": {\"Name\": \"AC/DC\"}, "
                + "\"include\": [{\"all\": true, \"nested\": true}], \"order\": [[\"albums\", \"Title\", \"ASC\"]]}");
        assertThat(q).isEqualTo(Query.from(ARTIST).where(ARTIST.name.eq("AC/DC")).include(Include.all().nested())
                .order(ALBUM.title.at("albums").asc()));
        assertThat(QuerySpec.toJson(q)).contains("{\"all\":true,\"nested\":true}");
        assertThat(QuerySpec.parse(SCHEMA, QuerySpec.toJson(q))).isEqualTo(q);

        Query byModel = QuerySpec.parse(SCHEMA, "{\"model\": \"Track\", \"include\": [{\"model\": \"Album\", \"required\": true}]}");
        assertThat(byModel).isEqualTo(Query.from(TRACK).include(Include.of(ALBUM).required()));
        assertThat(QuerySpec.toJson(byModel)).contains("{\"model\":\"Album\",\"required\":true}");
        assertThat(QuerySpec.parse(SCHEMA, QuerySpec.toJson(byModel))).isEqualTo(byModel);
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("all().nested() loads the same graph as the include tree written out by hand")
    void nestedLoadsTheWrittenOutTree(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        Query all = Query.from(ARTIST).where(ARTIST.name.eq("AC/DC")).include(Include.all().nested());
        Query byHand = Query.from(ARTIST).where(ARTIST.name.eq("AC/DC")).include("albums", albums -> albums
                .include("tracks", tracks -> tracks.include("genre").include("mediaType").include("playlists")
                        .include("invoiceLines", lines -> lines.include("invoice", inv -> inv.include("customer", c -> c.include("supportRep"))))));
        List<Entity> got = db.findAll(all);
        assertThat(got).hasSize(1);
        List<Entity> albums = got.get(0).many("albums");
        assertThat(albums).extracting(a -> a.get(ALBUM.title))
                .containsExactlyInAnyOrder("For Those About To Rock We Salute You", "Let There Be Rock");
        Entity track = albums.stream().flatMap(a -> a.many("tracks").stream()).filter(t -> t.get(TRACK.trackId) == 1).findFirst().orElseThrow();
        assertThat(track.one("genre").get(GENRE.name)).isEqualTo("Rock");
        assertThat(track.many("playlists")).isNotEmpty();
        assertThat(track.many("invoiceLines")).allSatisfy(l -> assertThat(l.one("invoice").one("customer").one("supportRep")).isNotNull());
        assertThat(got.get(0).toJson()).isEqualTo(db.findAll(byHand).get(0).toJson());
        assertThat(db.count(all)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("an include by model and all() run like the includes they stand for")
    void byModelAndAllRun(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        Entity track = db.findOne(Query.from(TRACK).where(TRACK.trackId.eq(1)).include(Include.of(ALBUM).required().include(Include.of(ARTIST))));
        assertThat(track.one("album").get(ALBUM.title)).isEqualTo("For Those About To Rock We Salute You");
        assertThat(track.one("album").one("artist").get(ARTIST.name)).isEqualTo("AC/DC");

        Entity same = db.findOne(Query.from(TRACK).where(TRACK.trackId.eq(1)).include(Include.all()));
        assertThat(same.one("album").get(ALBUM.title)).isEqualTo("For Those About To Rock We Salute You");
        assertThat(same.one("genre").get(GENRE.name)).isEqualTo("Rock");
        assertThat(same.one("mediaType")).isNotNull();
        assertThat(same.many("playlists")).isNotEmpty();
        assertThat(same.toJson()).isEqualTo(db.findOne(Query.from(TRACK).where(TRACK.trackId.eq(1)).include("album").include("genre")
                .include("mediaType").include("playlists").include("invoiceLines")).toJson());
    }
}
