package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.chinook.Chinook;
import dev.canopy.result.Entity;
import dev.canopy.query.Include;
import dev.canopy.query.Query;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A belongsToMany under a belongsToMany: track 2838's playlists, each with its tracks. Rendered as parenthesised nested
 * joins, SQLite built the inner join in full before joining it (seconds for one track); rendered flat, it is
 * milliseconds, with the same graph.
 */
@DisplayName("Nested belongsToMany")
class NestedBelongsToManyTest {
    static final Query PLAYLISTS_OF_A_TRACK = Query.from(Chinook.TRACK).where(Chinook.TRACK.trackId.eq(2838))
            .include(Include.of(Chinook.TRACK_PLAYLISTS).include(Include.of(Chinook.PLAYLIST_TRACKS)));

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("track 2838's playlists with their tracks: the same graph everywhere, within 3 seconds")
    void playlistsWithTheirTracks(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        db.findAll(Query.from(Chinook.TRACK).where(Chinook.TRACK.trackId.eq(1)));
        long start = System.nanoTime();
        List<Entity> tracks = db.findAll(PLAYLISTS_OF_A_TRACK);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(tracks).hasSize(1);
        Map<Integer, Integer> tracksPerPlaylist = new TreeMap<>();
        for (Entity p : tracks.get(0).many("playlists")) {
            tracksPerPlaylist.put(p.get(Chinook.PLAYLIST.playlistId), p.many("tracks").size());
            assertThat(p.many("tracks")).anyMatch(t -> t.get(Chinook.TRACK.trackId) == 2838);
        }
        assertThat(tracksPerPlaylist).isEqualTo(expected());
        assertThat(millis).as("milliseconds for the query on " + kind).isLessThan(3_000);
    }

    /** Counted with plain SQL over the junction table, independently of the planner. */
    private static Map<Integer, Integer> expected() {
        Canopy h2 = ChinookFixture.chinook(TestDatabase.H2);
        Map<Integer, Integer> out = new TreeMap<>();
        for (List<Object> row : Jdbc.rows(h2, "SELECT \"PlaylistId\", COUNT(*) FROM \"PlaylistTrack\" WHERE \"PlaylistId\" IN"
                + " (SELECT \"PlaylistId\" FROM \"PlaylistTrack\" WHERE \"TrackId\" = 2838) GROUP BY \"PlaylistId\"")) {
            out.put(((Number) row.get(0)).intValue(), ((Number) row.get(1)).intValue());
        }
        assertThat(out).isNotEmpty();
        return out;
    }
}
