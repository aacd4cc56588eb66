package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import dev.canopy.result.Entity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Through-table attributes of a belongsToMany (issue 17), Sequelize's {@code through: { attributes, where }}: a playlist's
 * entries carry their position, read per link and filtered on, joined and separate, on every database.
 */
class ThroughAttributesTest {
    static final class List_ extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name", 40);
        List_() { super("Mix", ModelOptions.defaults().timestamps(false)); }
    }

    static final class Song extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> title = string("title", 40);
        Song() { super("Song", ModelOptions.defaults().timestamps(false)); }
    }

    static final class Entry extends Model {
        final Column<Integer> mixId = integer("mixId").primaryKey();
        final Column<Integer> songId = integer("songId").primaryKey();
        final Column<Integer> position = integer("position").notNull();
        Entry() { super("Entry", ModelOptions.defaults().timestamps(false)); }
    }

    static final List_ MIX = new List_();
    static final Song SONG = new Song();
    static final Entry ENTRY = new Entry();
    static final Association MIX_SONGS = Association.belongsToMany(MIX, SONG, ENTRY).alias("songs").foreignKey("mixId").otherKey("songId");
    static final Schema SCHEMA = Schema.builder().models(MIX, SONG, ENTRY).associations(MIX_SONGS).build();

    private static void seed(Canopy db) {
        db.sync(SCHEMA);
        Rows.insert(db, MIX, "id", 1, "name", "one");
        Rows.insert(db, MIX, "id", 2, "name", "two");
        for (int s = 1; s <= 4; s++) {
            Rows.insert(db, SONG, "id", s, "title", "song " + s);
        }
        // mix 1: songs 3, 1, 4 at positions 1, 2, 3; mix 2: song 1 at position 5
        Rows.insert(db, ENTRY, "mixId", 1, "songId", 3, "position", 1);
        Rows.insert(db, ENTRY, "mixId", 1, "songId", 1, "position", 2);
        Rows.insert(db, ENTRY, "mixId", 1, "songId", 4, "position", 3);
        Rows.insert(db, ENTRY, "mixId", 2, "songId", 1, "position", 5);
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("each song of a mix carries its own position in that mix, joined or separate")
    void junctionAttributesComeBackOnEachChild(TestDatabase kind) {
        kind.with("through", SCHEMA, h -> {
            seed(h.db);
            for (boolean separate : List.of(false, true)) {
                List<Entity> mixes = h.db.findAll(Query.from(MIX).include(MIX_SONGS, s -> s.through(ENTRY.position).separate(separate))
                        .order(MIX.id.asc()));
                Entity one = mixes.get(0);
                assertThat(one.many("songs")).extracting(s -> s.get(SONG.id)).containsExactlyInAnyOrder(1, 3, 4);
                for (Entity song : one.many("songs")) {
                    int expected = song.get(SONG.id) == 3 ? 1 : song.get(SONG.id) == 1 ? 2 : 3;
                    assertThat(song.get("Entry")).isEqualTo(Map.of("position", expected));
                }
                Entity songOneInMixTwo = mixes.get(1).many("songs").get(0);
                assertThat(songOneInMixTwo.get("Entry")).isEqualTo(Map.of("position", 5));
                assertThat(songOneInMixTwo.toJson()).contains("\"Entry\":{\"position\":5}");
            }
        });
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a where on the junction keeps only the links that pass, and a required one filters the mixes")
    void junctionWhereFiltersTheLinks(TestDatabase kind) {
        kind.with("through_where", SCHEMA, h -> {
            seed(h.db);
            for (boolean separate : List.of(false, true)) {
                List<Entity> mixes = h.db.findAll(Query.from(MIX)
                        .include(MIX_SONGS, s -> s.through(ENTRY.position.le(2), ENTRY.position).separate(separate)).order(MIX.id.asc()));
                assertThat(mixes.get(0).many("songs")).extracting(s -> s.get(SONG.id)).containsExactlyInAnyOrder(1, 3);
                assertThat(mixes.get(1).many("songs")).isEmpty();
                List<Entity> required = h.db.findAll(Query.from(MIX)
                        .include(MIX_SONGS, s -> s.required().through(ENTRY.position.ge(5)).separate(separate)).order(MIX.id.asc()));
                assertThat(required).extracting(m -> m.get(MIX.id)).containsExactly(2);
            }
        });
    }
}
