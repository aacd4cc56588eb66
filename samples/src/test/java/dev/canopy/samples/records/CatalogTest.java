package dev.canopy.samples.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.chinook.ChinookData;
import dev.canopy.samples.records.Catalog.AlbumView;
import dev.canopy.samples.records.Catalog.ArtistView;
import dev.canopy.samples.records.Catalog.EmployeeView;
import dev.canopy.samples.records.Catalog.GenreView;
import dev.canopy.samples.records.Catalog.Person;
import dev.canopy.samples.records.Catalog.PlaylistTrack;
import dev.canopy.samples.records.Catalog.PlaylistView;
import dev.canopy.samples.records.Catalog.TrackView;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Java catalog sample returns what Chinook holds; its twin is dev.canopy.samples.dataclasses.CatalogTest. */
class CatalogTest {
    private static Canopy db;

    @BeforeAll
    static void load() {
        db = Canopy.connect("jdbc:h2:mem:catalog-java-test;DB_CLOSE_DELAY=-1", dev.canopy.chinook.Chinook.SCHEMA);
        ChinookData.load(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    @DisplayName("an artist comes with their albums, and each album with its tracks and their genre")
    void artists() {
        List<ArtistView> artists = Catalog.artists(db, "AC/DC");
        assertThat(artists).hasSize(1);
        ArtistView acdc = artists.get(0);
        assertThat(acdc.artistId()).isEqualTo(1);
        assertThat(acdc.albums()).extracting(AlbumView::title, a -> a.tracks().size())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("For Those About To Rock We Salute You", 10),
                        org.assertj.core.groups.Tuple.tuple("Let There Be Rock", 8));
        assertThat(acdc.albums().get(0).tracks().get(0)).isEqualTo(new TrackView("For Those About To Rock (We Salute You)",
                "Angus Young, Malcolm Young, Brian Johnson", 343719, new BigDecimal("0.99"), new GenreView("Rock")));
    }

    @Test
    @DisplayName("an employee comes with their manager and their reports")
    void employee() {
        assertThat(Catalog.employee(db, 2)).isEqualTo(new EmployeeView("Nancy", "Edwards", "Sales Manager", new Person("Andrew", "Adams"),
                List.of(new Person("Steve", "Johnson"), new Person("Margaret", "Park"), new Person("Jane", "Peacock"))));
        assertThat(Catalog.employee(db, 1).manager()).isNull();
        assertThat(Catalog.employee(db, 99)).isNull();
    }

    @Test
    @DisplayName("a playlist comes with its tracks, a component bound by @Attribute, a nullable one as Optional")
    void playlist() {
        assertThat(Catalog.playlist(db, 18)).isEqualTo(new PlaylistView("On-The-Go 1",
                List.of(new PlaylistTrack(597, "Now's The Time", Optional.of("Miles Davis")))));
    }

    @Test
    @DisplayName("the sample runs")
    void runs() {
        Catalog.main(new String[0]);
    }
}
