package dev.canopy.conformance;

import static dev.canopy.chinook.Chinook.ALBUM;
import static dev.canopy.chinook.Chinook.ARTIST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.query.Query;
import dev.canopy.result.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Results list the attributes in the order the attributes list asks for them (the key first when it is not listed). */
class AttributeOrderTest {
    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("attributes come back in the order asked for, on the root and on includes, in maps and JSON")
    void attributesInTheOrderAskedFor(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        Entity acdc = db.findOne(Query.from(ARTIST).attributes(ARTIST.name, ARTIST.artistId).where(ARTIST.artistId.eq(1))
                .include("albums", a -> a.attributes(ALBUM.title)));

        assertThat(new ArrayList<>(acdc.toMap().keySet())).containsExactly("Name", "ArtistId", "albums");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> albums = (List<Map<String, Object>>) acdc.toMap().get("albums");
        assertThat(new ArrayList<>(albums.get(0).keySet())).as("the key first, as it was not listed").containsExactly("AlbumId", "Title");
        assertThat(acdc.toJson()).startsWith("{\"Name\":\"AC/DC\",\"ArtistId\":1,\"albums\":[{\"AlbumId\":");
    }
}
