package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.canopy.chinook.Chinook.ALBUM;
import static dev.canopy.chinook.Chinook.ARTIST;
import static dev.canopy.chinook.Chinook.PLAYLIST;
import static dev.canopy.chinook.Chinook.PLAYLIST_TRACK;
import static dev.canopy.chinook.Chinook.TRACK;
import static dev.canopy.query.Expr.avg;
import static dev.canopy.query.Expr.coalesce;
import static dev.canopy.query.Expr.col;
import static dev.canopy.query.Expr.count;
import static dev.canopy.query.Expr.lower;
import static dev.canopy.query.Expr.max;
import static dev.canopy.query.Expr.value;

import dev.canopy.Canopy;
import dev.canopy.model.Column;
import dev.canopy.model.DataType;
import dev.canopy.model.Model;
import dev.canopy.query.Query;
import dev.canopy.result.Attribute;
import dev.canopy.result.Entity;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Typed results read from the rows directly give exactly the graph the Entity path gives, on random include trees
 * over Chinook ({@link GeneratedQuery}), on every database. For each query a record per include-tree node is
 * generated and compiled (every attribute the node reads, the primary key as a primitive {@code int} where it can be,
 * every include as a record or a list of records); {@code findAll(query, Root.class)} and
 * {@code stream(query, Root.class)} must equal, component by component and in order, the records one builds from
 * {@code findAll(query)}'s entities.
 */
class TypedGraphTest {

    /** One generated record per node of a query's include tree. */
    private record Shape(String className, Model model, List<Column<?>> columns, List<Link> links) {}

    private record Link(String alias, boolean many, Shape target) {}

    @TestFactory
    Stream<DynamicTest> typedResultsAreTheEntityGraphOnRandomIncludeTrees() throws Exception {
        int tries = Integer.getInteger("canopy.typed.tries", 25);
        long base = Long.getLong("canopy.property.seed", 20261201L);
        List<DynamicTest> tests = new ArrayList<>();
        for (TestDatabase kind : TestDatabase.values()) {
            tests.add(DynamicTest.dynamicTest(kind + ": " + tries + " random include trees", () -> check(kind, base, tries)));
        }
        return tests.stream();
    }

    private static void check(TestDatabase kind, long base, int tries) throws Exception {
        Canopy db = ChinookFixture.chinook(kind);
        ReferenceChinook ref = IncludeTreePropertiesTest.reference(kind);
        SplittableRandom seeds = new SplittableRandom(base);
        Map<String, String> sources = new LinkedHashMap<>();
        List<GeneratedQuery> queries = new ArrayList<>();
        List<Shape> roots = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            long seed = seeds.nextLong();
            GeneratedQuery q = GeneratedQuery.generate(seed, ref);
            int[] counter = {0};
            String prefix = "T" + kind.name() + "_" + i + "_";
            Shape root = shape(prefix, counter, q.root, q.attributes, q.includes, sources);
            queries.add(q);
            roots.add(root);
        }
        Path dir = Files.createTempDirectory("canopy-typed");
        ClassLoader loader = SourceCompiler.compile(dir, sources);
        int compared = 0;
        for (int i = 0; i < queries.size(); i++) {
            GeneratedQuery q = queries.get(i);
            Shape root = roots.get(i);
            Class<?> type = loader.loadClass(root.className());
            List<Entity> entities = db.findAll(q.canopy());
            List<Object> expected = entities.stream().map(e -> fromEntity(e, root)).collect(Collectors.toList());
            List<?> typed = db.findAll(q.canopy(), type);
            assertThat(typed.stream().map(TypedGraphTest::fromRecord).collect(Collectors.toList()))
                    .as("findAll(%s, %s) on %s", q, root.className(), kind).isEqualTo(expected);
            List<?> streamed;
            try (Stream<?> s = db.stream(q.canopy(), type)) {
                streamed = s.collect(Collectors.toList());
            }
            assertThat(streamed).as("stream(%s, %s) on %s", q, root.className(), kind).isEqualTo(typed);
            compared += expected.size();
        }
        assertThat(compared).as("roots compared on %s", kind).isPositive();
    }

    // ---- computed attributes and junction attributes ----------------------------------------------------------------

    record AlbumRow(int albumId, String title) {}

    /** A root with a to-many include (read through a shell) and per-root aggregates. */
    record ArtistStats(int artistId, String name, long trackCount, @Nullable BigDecimal average, String composer, List<AlbumRow> albums) {}

    /** A node read at once (to-one include only), with computed attributes over itself and its include. */
    record TrackLowered(int trackId, String lowered, String albumTitle, AlbumRow album) {}

    /** A grouped report's row: no key, the grouped column and the aggregates. */
    record GenreCount(@Nullable Integer genreId, long n, @Nullable Integer longest) {}

    /** A playlist's track with the junction's attributes: by the camel-joined name, and named exactly. */
    record TrackLink(int trackId, String name, int playlistTrackTrackId, @Attribute("PlaylistTrack.PlaylistId") int playlist) {}

    record PlaylistRow(int playlistId, String name, List<TrackLink> tracks) {}

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("records read from the rows get the computed attributes the entities get: per-root aggregates, functions, grouped reports")
    void computedAttributesReadDirectlyAreTheEntityGraph(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        Query artists = Query.from(ARTIST)
                .attributes(ARTIST.artistId, ARTIST.name, count(TRACK.trackId.at("albums", "tracks")).alias("trackCount"),
                        avg(TRACK.milliseconds.at("albums", "tracks")).alias("average"),
                        coalesce(max(TRACK.composer.at("albums", "tracks")), value("nobody")).alias("composer"))
                .include("albums")
                .order(col("trackCount").desc(), ARTIST.artistId.asc())
                .limit(25);
        List<ArtistStats> expectedArtists = db.findAll(artists).stream().map(e -> new ArtistStats(e.get(ARTIST.artistId), e.get(ARTIST.name),
                (Long) e.get("trackCount"), (BigDecimal) e.get("average"), (String) e.get("composer"),
                e.many("albums").stream().map(a -> new AlbumRow(a.get(ALBUM.albumId), a.get(ALBUM.title))).toList())).toList();
        assertThat(expectedArtists).hasSize(25).allSatisfy(a -> assertThat(a.albums()).isNotEmpty());
        typedEqualsEntities(db, artists, ArtistStats.class, expectedArtists);

        Query tracks = Query.from(TRACK)
                .addAttributes(lower(TRACK.name).alias("lowered"), lower(ALBUM.title.at("album")).alias("albumTitle"))
                .include("album")
                .where(TRACK.trackId.le(60))
                .order(TRACK.trackId.asc());
        List<TrackLowered> expectedTracks = db.findAll(tracks).stream().map(e -> new TrackLowered(e.get(TRACK.trackId), (String) e.get("lowered"),
                (String) e.get("albumTitle"), new AlbumRow(e.one("album").get(ALBUM.albumId), e.one("album").get(ALBUM.title)))).toList();
        assertThat(expectedTracks).hasSize(60);
        typedEqualsEntities(db, tracks, TrackLowered.class, expectedTracks);

        Query genres = Query.from(TRACK)
                .attributes(TRACK.genreId, count().alias("n"), max(TRACK.milliseconds).alias("longest"))
                .group(TRACK.genreId)
                .order(TRACK.genreId.asc());
        List<GenreCount> expectedGenres = db.findAll(genres).stream().map(e -> new GenreCount(e.get(TRACK.genreId), (Long) e.get("n"),
                (Integer) e.get("longest"))).toList();
        assertThat(expectedGenres).hasSizeGreaterThan(10);
        typedEqualsEntities(db, genres, GenreCount.class, expectedGenres);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("records read from the rows get a belongsToMany's junction attributes the entities get, joined and separate")
    void throughAttributesReadDirectlyAreTheEntityGraph(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        for (boolean separate : List.of(false, true)) {
            // the small playlists (11 to 18), with a where on the junction
            Query q = Query.from(PLAYLIST).where(PLAYLIST.playlistId.between(11, 18))
                    .include("tracks", t -> t.through(PLAYLIST_TRACK.trackId.gt(100), PLAYLIST_TRACK.trackId, PLAYLIST_TRACK.playlistId)
                            .separate(separate).order(TRACK.trackId.asc()))
                    .order(PLAYLIST.playlistId.asc());
            List<PlaylistRow> expected = db.findAll(q).stream().map(p -> new PlaylistRow(p.get(PLAYLIST.playlistId), p.get(PLAYLIST.name),
                    p.many("tracks").stream().map(t -> {
                        Map<?, ?> link = (Map<?, ?>) t.get("PlaylistTrack");
                        return new TrackLink(t.get(TRACK.trackId), t.get(TRACK.name), (Integer) link.get("TrackId"), (Integer) link.get("PlaylistId"));
                    }).toList())).toList();
            assertThat(expected).as("separate: %s", separate).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.tracks()).allSatisfy(t -> assertThat(t.playlistTrackTrackId()).isEqualTo(t.trackId()).isGreaterThan(100)))
                    .anySatisfy(p -> assertThat(p.tracks()).isNotEmpty());
            typedEqualsEntities(db, q, PlaylistRow.class, expected);
        }
    }

    /** {@code findAll(query, type)} and {@code stream(query, type)} equal the records built from the entities. */
    private static <T> void typedEqualsEntities(Canopy db, Query q, Class<T> type, List<T> expected) {
        assertThat(db.findAll(q, type)).as("findAll(%s, %s)", q, type.getSimpleName()).isEqualTo(expected);
        try (Stream<T> s = db.stream(q, type)) {
            assertThat(s.collect(Collectors.toList())).as("stream(%s, %s)", q, type.getSimpleName()).isEqualTo(expected);
        }
    }

    // ---- the generated records ---------------------------------------------------------------------------------------

    private static Shape shape(String prefix, int[] counter, Model model, @Nullable List<Column<?>> attributes, List<GeneratedQuery.Node> includes,
                               Map<String, String> sources) {
        String name = prefix + counter[0]++;
        List<Column<?>> columns = new ArrayList<>(attributes != null ? attributes : model.columns());
        for (Column<?> pk : model.primaryKey()) {
            if (!columns.contains(pk)) {
                columns.add(pk);
            }
        }
        List<Link> links = new ArrayList<>();
        for (GeneratedQuery.Node n : includes) {
            links.add(new Link(n.assoc().alias(), n.assoc().isToMany(), shape(prefix, counter, n.assoc().target(), n.attributes(), n.children(), sources)));
        }
        StringBuilder b = new StringBuilder("public record ").append(name).append("(");
        List<String> components = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column<?> c = columns.get(i);
            boolean primitive = c.type().kind() == DataType.Kind.INTEGER && !c.allowNull();
            String type = primitive ? "int" : c.type().javaType().getName();
            components.add("@dev.canopy.result.Attribute(\"" + c.name() + "\") " + type + " a" + i);
        }
        for (int i = 0; i < links.size(); i++) {
            Link l = links.get(i);
            String type = l.many() ? "java.util.List<" + l.target().className() + ">" : l.target().className();
            components.add("@dev.canopy.result.Included(\"" + l.alias() + "\") " + type + " l" + i);
        }
        b.append(String.join(", ", components)).append(") {}\n");
        sources.put(name + ".java", b.toString());
        return new Shape(name, model, columns, links);
    }

    /** The graph as nested lists: the component values in order, an include as a list, a list of lists or null. */
    private static Object fromEntity(Entity e, Shape s) {
        List<Object> out = new ArrayList<>();
        for (Column<?> c : s.columns()) {
            out.add(e.get(c));
        }
        for (Link l : s.links()) {
            if (l.many()) {
                out.add(e.many(l.alias()).stream().map(c -> fromEntity(c, l.target())).collect(Collectors.toList()));
            } else {
                Entity one = e.one(l.alias());
                out.add(one == null ? null : fromEntity(one, l.target()));
            }
        }
        return out;
    }

    private static @Nullable Object fromRecord(@Nullable Object r) {
        if (r == null) {
            return null;
        }
        if (r instanceof List<?> list) {
            return list.stream().map(TypedGraphTest::fromRecord).collect(Collectors.toList());
        }
        if (!r.getClass().isRecord()) {
            return r;
        }
        List<Object> out = new ArrayList<>();
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
            try {
                out.add(fromRecord(rc.getAccessor().invoke(r)));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }
}
