package dev.canopy.conformance;

import static dev.canopy.chinook.Chinook.ALBUM;
import static dev.canopy.chinook.Chinook.ARTIST;
import static dev.canopy.chinook.Chinook.CUSTOMER;
import static dev.canopy.chinook.Chinook.PLAYLIST;
import static dev.canopy.chinook.Chinook.TRACK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.Page;
import dev.canopy.sql.StatementEvent;
import dev.canopy.result.Entity;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Limit and offset count roots, and every fetch strategy returns the same graph, on every database (issue
 * "Correct pagination"). Expected values come from hand-written SQL on the same database.
 */
class PagingAndStrategiesTest {

    static final class Post extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> title = string("title", 40);
        Post() { super("Post", ModelOptions.defaults().timestamps(false)); }
    }

    static final class Comment extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> body = string("body", 40);
        final Column<Integer> postId = integer("postId");
        Comment() { super("Comment", ModelOptions.defaults().timestamps(false)); }
    }

    static final class Tag extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> label = string("label", 40);
        Tag() { super("Tag", ModelOptions.defaults().timestamps(false)); }
    }

    static final class PostTag extends Model {
        final Column<Integer> postId = integer("postId").primaryKey();
        final Column<Integer> tagId = integer("tagId").primaryKey();
        PostTag() { super("PostTag", ModelOptions.defaults().timestamps(false)); }
    }

    static final Post POST = new Post();
    static final Comment COMMENT = new Comment();
    static final Tag TAG = new Tag();
    static final PostTag POST_TAG = new PostTag();
    static final Schema BLOG = Schema.of(
            Association.hasMany(POST, COMMENT).alias("comments").foreignKey("postId"),
            Association.belongsToMany(POST, TAG, POST_TAG).alias("tags").foreignKey("postId").otherKey("tagId"));

    /** A Canopy on the shared Chinook database of {@code kind} that records the statements it runs. */
    private static Canopy recording(TestDatabase kind, List<StatementEvent> events) {
        Canopy shared = ChinookFixture.chinook(kind);
        return Canopy.using(shared.dataSource(), shared.dialect(), dev.canopy.chinook.Chinook.SCHEMA, events::add);
    }

    private static List<Integer> ids(List<Entity> roots, Column<Integer> id) {
        return roots.stream().map(e -> e.get(id)).collect(Collectors.toList());
    }

    @Nested
    @DisplayName("a page is a prefix")
    class Paging {
        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("the first 5 artists by name come with every one of their albums")
        void firstFiveArtistsWithAllAlbums(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            List<Entity> page = db.findAll(Query.from(ARTIST).include("albums").order(ARTIST.name.asc()).limit(5).offset(2));
            List<Integer> expected = Jdbc.ints(db, "SELECT \"ArtistId\" FROM \"Artist\" ORDER BY \"Name\", \"ArtistId\"").subList(2, 7);
            assertThat(ids(page, ARTIST.artistId)).isEqualTo(expected);
            for (Entity artist : page) {
                assertThat(artist.many("albums")).extracting(a -> a.get(ALBUM.albumId)).containsExactlyInAnyOrderElementsOf(
                        Jdbc.ints(db, "SELECT \"AlbumId\" FROM \"Album\" WHERE \"ArtistId\" = ?", artist.get(ARTIST.artistId)));
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("the first 3 artists that have an album starting with A are 3 artists, with only those albums")
        void requiredWhereFiltersTheRootsInsideThePage(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            List<Entity> page = db.findAll(Query.from(ARTIST).include("albums", a -> a.where(ALBUM.title.startsWith("A")))
                    .order(ARTIST.name.asc()).limit(3));
            List<Integer> expected = Jdbc.ints(db, "SELECT DISTINCT a.\"ArtistId\", a.\"Name\" FROM \"Artist\" a JOIN \"Album\" b ON b.\"ArtistId\" = a.\"ArtistId\""
                    + " WHERE b.\"Title\" LIKE 'A%' ORDER BY a.\"Name\", a.\"ArtistId\"").subList(0, 3);
            assertThat(ids(page, ARTIST.artistId)).isEqualTo(expected);
            assertThat(page).allSatisfy(a -> assertThat(a.many("albums")).isNotEmpty()
                    .allSatisfy(al -> assertThat(al.get(ALBUM.title)).startsWith("A")));
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("paging playlists with their tracks (belongsToMany) and the tracks' albums counts playlists")
        void belongsToManyAndNestedIncludes(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Query q = Query.from(PLAYLIST).include("tracks", t -> t.include("album")).order(PLAYLIST.playlistId.asc());
            List<Entity> all = db.findAll(q);
            List<Entity> page = db.findAll(q.limit(4).offset(3));
            assertThat(page).isEqualTo(all.subList(3, 7));
            assertThat(ids(page, PLAYLIST.playlistId)).isEqualTo(
                    Jdbc.ints(db, "SELECT \"PlaylistId\" FROM \"Playlist\" ORDER BY \"PlaylistId\"").subList(3, 7));
            assertThat(page.stream().mapToInt(p -> p.many("tracks").size()).sum()).isEqualTo(Jdbc.count(db,
                    "SELECT COUNT(*) FROM \"PlaylistTrack\" WHERE \"PlaylistId\" IN (?, ?, ?, ?)", ids(page, PLAYLIST.playlistId).toArray()));
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("ordering the page by a column of an included to-one model works with the root page")
        void orderByToOneColumnWithThePage(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Query q = Query.from(ALBUM).include("artist").include("tracks").order(ARTIST.name.at("artist").desc(), ALBUM.title.asc());
            List<Entity> all = db.findAll(q);
            assertThat(db.findAll(q.limit(6).offset(10))).isEqualTo(all.subList(10, 16));
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("count and findAndCountAll count distinct roots whatever the includes")
        void countCountsRoots(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Query q = Query.from(ARTIST).include("albums", a -> a.required().include("tracks")).order(ARTIST.name.asc()).limit(10);
            long expected = Jdbc.count(db, "SELECT COUNT(DISTINCT \"ArtistId\") FROM \"Album\"");
            Page page = db.findAndCountAll(q);
            assertThat(page.count()).isEqualTo(expected);
            assertThat(page.rows()).hasSize(10);
        }
    }

    @Nested
    @DisplayName("fetch strategies")
    class Strategies {
        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a post's comments and tags (sibling to-many includes) load separately: the same graph from the sum of the rows, not their product")
        void autoAvoidsTheCartesianProduct(TestDatabase kind) {
            kind.with("cartesian", BLOG, h -> {
                h.db.sync(BLOG);
                for (int p = 1; p <= 6; p++) {
                    Rows.insert(h.db, POST, "id", p, "title", "post" + p);
                    for (int c = 1; c <= 5; c++) {
                        Rows.insert(h.db, COMMENT, "id", p * 10 + c, "body", "c" + c, "postId", p);
                    }
                }
                for (int t = 1; t <= 4; t++) {
                    Rows.insert(h.db, TAG, "id", t, "label", "tag" + t);
                    for (int p = 1; p <= 6; p++) {
                        Rows.insert(h.db, POST_TAG, "postId", p, "tagId", t);
                    }
                }
                List<StatementEvent> events = new ArrayList<>();
                Canopy db = Canopy.using(h.db.dataSource(), h.dialect(), BLOG, events::add);
                List<Entity> byJoin = db.findAll(Query.from(POST).include("comments", c -> c.separate(false))
                        .include("tags", t -> t.separate(false)).order(POST.id.asc()));
                long joinRows = events.stream().mapToLong(StatementEvent::rows).sum();
                events.clear();
                List<Entity> byAuto = db.findAll(Query.from(POST).include("comments").include("tags").order(POST.id.asc()));
                long autoRows = events.stream().mapToLong(StatementEvent::rows).sum();

                assertThat(byAuto).isEqualTo(byJoin).hasSize(6).allSatisfy(p -> {
                    assertThat(p.many("comments")).hasSize(5);
                    assertThat(p.many("tags")).hasSize(4);
                });
                assertThat(joinRows).isEqualTo(6 * 5 * 4);
                assertThat(events).hasSize(2);
                assertThat(autoRows).isEqualTo(6 * 5 + 6 * 4);
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a separate include with nested includes above and below it returns the joined graph")
        void separateWithNestedIncludes(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Query joined = Query.from(ARTIST).where(ARTIST.name.startsWith("A"))
                    .include("albums", a -> a.separate(false).include("tracks", t -> t.separate(false).include("genre")))
                    .order(ARTIST.artistId.asc());
            Query separate = Query.from(ARTIST).where(ARTIST.name.startsWith("A"))
                    .include("albums", a -> a.separate(false).include("tracks", t -> t.separate().include("genre")))
                    .order(ARTIST.artistId.asc());
            assertThat(db.findAll(separate)).isEqualTo(db.findAll(joined)).isNotEmpty();
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("each artist with their 3 newest albums: a per-parent limit")
        void perParentLimit(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            List<Entity> artists = db.findAll(Query.from(ARTIST).where(ARTIST.artistId.le(30))
                    .include("albums", a -> a.order(ALBUM.albumId.desc()).limit(3)).order(ARTIST.artistId.asc()));
            assertThat(artists).hasSize(30);
            for (Entity artist : artists) {
                List<Integer> newest = Jdbc.ints(db, "SELECT \"AlbumId\" FROM \"Album\" WHERE \"ArtistId\" = ? ORDER BY \"AlbumId\" DESC",
                        artist.get(ARTIST.artistId));
                assertThat(artist.many("albums")).extracting(a -> a.get(ALBUM.albumId)).isEqualTo(newest.subList(0, Math.min(3, newest.size())));
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a stream yields the same roots as findAll")
        void streamMatchesFindAll(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Query q = Query.from(CUSTOMER).include("invoices", i -> i.include("lines", l -> l.include("track"))).order(CUSTOMER.customerId.asc());
            List<Entity> all = db.findAll(q);
            try (Stream<Entity> s = db.stream(q)) {
                assertThat(s.collect(Collectors.toList())).isEqualTo(all);
            }
            assertThat(all).hasSize((int) Jdbc.count(db, "SELECT COUNT(*) FROM \"Customer\""));
            assertThat(all.get(0).many("invoices").get(0).many("lines").get(0).one("track").get(TRACK.name)).isNotNull();
        }
    }
}
