package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.chinook.Chinook;
import dev.canopy.result.Entity;
import dev.canopy.query.Include;
import dev.canopy.query.Query;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An include ordered by its own key is ordered by that term alone: no second, contradicting term on the same key. */
@DisplayName("Include order")
class IncludeOrderTest {
    static final Query ALBUMS_NEWEST_FIRST = Query.from(Chinook.ARTIST).where(Chinook.ARTIST.name.eq("Iron Maiden"))
            .include(Include.of(Chinook.ARTIST_ALBUMS).order(Chinook.ALBUM.albumId.desc()));

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("an include ordered by its own key gets no redundant tie-breaker on that key, and its children come in that order")
    void noRedundantTieBreaker(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        String sql = db.toSql(ALBUMS_NEWEST_FIRST).sql();
        String orderBy = sql.substring(sql.lastIndexOf("order by"));
        assertThat(Pattern.compile("AlbumId\\W+(asc|desc)").matcher(orderBy).results().count()).as(orderBy).isEqualTo(1);
        List<Entity> albums = db.findAll(ALBUMS_NEWEST_FIRST).get(0).many("albums");
        assertThat(albums).hasSize(21);
        assertThat(albums.stream().map(a -> a.get(Chinook.ALBUM.albumId)).toList()).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }
}
