package dev.canopy.conformance;

import static dev.canopy.chinook.Chinook.ALBUM;
import static dev.canopy.chinook.Chinook.ARTIST;
import static dev.canopy.chinook.Chinook.TRACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.Canopy;
import dev.canopy.error.AssociationNotFoundException;
import dev.canopy.error.SchemaException;
import dev.canopy.result.Entity;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema is passed, never found: the same model objects serve two schemas with different associations, each
 * Canopy resolves queries in its own, and a schema build that fails changes no model.
 */
class SchemasTest {
    /** Chinook's artists and albums, as a catalogue sees them: albums are "records", and tracks are not reachable. */
    static final Association ARTIST_RECORDS = Association.hasMany(ARTIST, ALBUM).alias("records").foreignKey("ArtistId");
    static final Association RECORD_ARTIST = Association.belongsTo(ALBUM, ARTIST).alias("performer").foreignKey("ArtistId");
    static final Schema CATALOGUE = Schema.builder().models(ARTIST, ALBUM).associations(ARTIST_RECORDS, RECORD_ARTIST).build();

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("the same models in two schemas: each Canopy resolves aliases in its own schema, on one pool")
    void sameModelsTwoSchemas(TestDatabase kind) {
        Canopy chinook = ChinookFixture.chinook(kind);
        Canopy catalogue = chinook.withSchema(CATALOGUE);

        Query byChinook = Query.from(ARTIST).where(ARTIST.name.eq("AC/DC")).include("albums", a -> a.include("tracks"))
                .order(ALBUM.title.at("albums").asc());
        Query byCatalogue = Query.from(ARTIST).where(ARTIST.name.eq("AC/DC")).include("records", r -> r.include("performer"))
                .order(ALBUM.title.at("records").asc());

        Entity acdc = chinook.findOne(byChinook);
        Entity same = catalogue.findOne(byCatalogue);
        assertThat(acdc.many("albums")).extracting(a -> a.get(ALBUM.title))
                .containsExactly("For Those About To Rock We Salute You", "Let There Be Rock");
        assertThat(acdc.many("albums").get(0).many("tracks")).hasSize(10).allSatisfy(t -> assertThat(t.get(TRACK.name)).isNotBlank());
        assertThat(same.many("records")).extracting(a -> a.get(ALBUM.title))
                .containsExactly("For Those About To Rock We Salute You", "Let There Be Rock");
        assertThat(same.many("records")).allSatisfy(r -> assertThat(r.one("performer").get(ARTIST.name)).isEqualTo("AC/DC"));

        assertThatThrownBy(() -> catalogue.findAll(byChinook)).isInstanceOf(AssociationNotFoundException.class)
                .hasMessage("'albums' is not an association of Artist; Artist has: records");
        assertThatThrownBy(() -> chinook.findAll(byCatalogue)).isInstanceOf(AssociationNotFoundException.class)
                .hasMessageStartingWith("'records' is not an association of Artist; Artist has: albums");
        assertThat(catalogue.count(byCatalogue)).isEqualTo(1);
        assertThat(chinook.schema()).isSameAs(dev.canopy.chinook.Chinook.SCHEMA);
        assertThat(catalogue.schema()).isSameAs(CATALOGUE);
    }

    static final class Shelf extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name", 40);

        Shelf() { super("Shelf", ModelOptions.defaults()); }
    }

    static final class Book extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> shelfCode = string("shelfCode", 10);

        Book() { super("Book", ModelOptions.defaults().timestamps(false)); }
    }

    @Test
    @DisplayName("a schema build that fails leaves its models open and unchanged, so a corrected build works")
    void failedBuildChangesNothing() {
        Shelf shelf = new Shelf();
        Book book = new Book();
        List<String> before = book.columns().stream().map(Column::name).toList();

        Association wrongType = Association.belongsTo(book, shelf).alias("shelf").foreignKey("shelfCode");
        Association implicitKey = Association.hasMany(shelf, book).alias("books");
        assertThatThrownBy(() -> Schema.of(implicitKey, wrongType)).isInstanceOf(SchemaException.class)
                .hasMessageContaining("foreign key Book.shelfCode is STRING");

        assertThat(book.isSealed()).isFalse();
        assertThat(shelf.isSealed()).isFalse();
        assertThat(book.columns().stream().map(Column::name).toList()).as("no implicit ShelfId, no timestamps").isEqualTo(before);
        assertThat(shelf.findColumn("createdAt")).isNull();

        Schema fixed = Schema.of(implicitKey, Association.belongsTo(book, shelf).alias("shelf").foreignKey("ShelfId"));
        assertThat(book.isSealed()).isTrue();
        assertThat(book.column("ShelfId").type()).isEqualTo(shelf.id.type());
        assertThat(shelf.findColumn("createdAt")).isNotNull();
        assertThat(fixed.association(shelf, "books").keys().target()).isSameAs(book.column("ShelfId"));
        assertThat(fixed.association(book, "shelf").foreignKeyColumn()).isSameAs(book.column("ShelfId"));
    }
}
