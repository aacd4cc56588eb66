package dev.canopy.bench.chinook;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.canopy.bench.chinook.ChinookViews.AlbumView;
import dev.canopy.bench.chinook.ChinookViews.ArtistView;
import dev.canopy.bench.chinook.ChinookViews.TrackView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** jOOQ 3.19 without code generation: the same join, grouped per level with {@code Result.intoGroups}. */
public final class ChinookJooq {
    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private static final Table<?> AR = table(name("Artist")).as("ar");
    private static final Table<?> AL = table(name("Album")).as("al");
    private static final Table<?> T = table(name("Track")).as("t");
    private static final Field<Integer> AR_ID = field(name("ar", "ArtistId"), SQLDataType.INTEGER);
    private static final Field<String> AR_NAME = field(name("ar", "Name"), SQLDataType.VARCHAR);
    private static final Field<Integer> AL_ID = field(name("al", "AlbumId"), SQLDataType.INTEGER);
    private static final Field<Integer> AL_ARTIST = field(name("al", "ArtistId"), SQLDataType.INTEGER);
    private static final Field<String> AL_TITLE = field(name("al", "Title"), SQLDataType.VARCHAR);
    private static final Field<Integer> T_ID = field(name("t", "TrackId"), SQLDataType.INTEGER);
    private static final Field<Integer> T_ALBUM = field(name("t", "AlbumId"), SQLDataType.INTEGER);
    private static final Field<String> T_NAME = field(name("t", "Name"), SQLDataType.VARCHAR);
    private static final Field<Integer> T_MS = field(name("t", "Milliseconds"), SQLDataType.INTEGER);

    private final DSLContext ctx;

    public ChinookJooq(DataSource dataSource, SQLDialect dialect) {
        this.ctx = DSL.using(dataSource, dialect);
    }

    /** The join, then the grouping. */
    public List<ArtistView> join() {
        Result<? extends Record> rows = ctx.select(AR_ID, AR_NAME, AL_ID, AL_TITLE, T_ID, T_NAME, T_MS)
                .from(AR)
                .leftJoin(AL).on(AL_ARTIST.eq(AR_ID))
                .leftJoin(T).on(T_ALBUM.eq(AL_ID))
                .orderBy(AR_ID, AL_ID, T_ID)
                .fetch();
        Map<Record, ? extends Result<? extends Record>> byArtist = rows.intoGroups(new Field<?>[] {AR_ID, AR_NAME});
        List<ArtistView> out = new ArrayList<>(byArtist.size());
        for (Map.Entry<Record, ? extends Result<? extends Record>> a : byArtist.entrySet()) {
            List<AlbumView> albums = new ArrayList<>();
            for (Map.Entry<Record, ? extends Result<? extends Record>> al : a.getValue().intoGroups(new Field<?>[] {AL_ID, AL_TITLE}).entrySet()) {
                Integer albumId = al.getKey().get(AL_ID);
                if (albumId == null) {
                    continue;
                }
                List<TrackView> tracks = new ArrayList<>(al.getValue().size());
                for (Record t : al.getValue()) {
                    Integer trackId = t.get(T_ID);
                    if (trackId != null) {
                        tracks.add(new TrackView(trackId, t.get(T_NAME), t.get(T_MS)));
                    }
                }
                albums.add(new AlbumView(albumId, al.getKey().get(AL_TITLE), tracks));
            }
            out.add(new ArtistView(a.getKey().get(AR_ID), a.getKey().get(AR_NAME), albums));
        }
        return out;
    }
}
