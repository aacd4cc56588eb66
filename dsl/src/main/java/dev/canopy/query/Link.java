package dev.canopy.query;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.error.QueryException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An association with the types of its two models, so that a path through associations is checked by the Java
 * compiler: {@code ARTIST_ALBUMS.then(ALBUM_TRACKS).to(t -> t.name)} is {@code TRACK.name.at("albums", "tracks")},
 * but {@code ARTIST_ALBUMS.then(TRACK_GENRE)} does not compile (a {@code Link<AlbumModel, ?>} is expected), and the
 * column comes from the last model's own fields. Declare one per association whose paths you name:
 * <pre>{@code
 * static final Link<ArtistModel, AlbumModel> ARTIST_ALBUMS = Link.of(Association.hasMany(ARTIST, ALBUM).alias("albums"), ARTIST, ALBUM);
 * Query q = Query.from(ARTIST).include(ARTIST_ALBUMS.association()).order(ARTIST_ALBUMS.to(a -> a.title).asc());
 * }</pre>
 * {@code Association} itself carries no model types (adding them would change every declaration), which is why
 * {@link Column#via} is checked when it is called and this is checked when it is compiled.
 *
 * @param <S> the source model's type
 * @param <T> the target model's type
 */
@CheckReturnValue
public final class Link<S extends Model, T extends Model> {
    private final List<Association> path;
    private final T target;

    private Link(List<Association> path, T target) {
        this.path = List.copyOf(path);
        this.target = target;
    }

    /**
     * {@code association} typed by its models.
     *
     * @throws QueryException when the association does not lead from {@code source} to {@code target}
     */
    public static <S extends Model, T extends Model> Link<S, T> of(Association association, S source, T target) {
        Objects.requireNonNull(association, "association is null");
        if (association.source() != source || association.target() != target) {
            throw new QueryException(association + " leads from " + association.source().name() + " to " + association.target().name()
                    + ", not from " + source.name() + " to " + target.name());
        }
        return new Link<>(List.of(association), target);
    }

    /** The association (for {@code include(...)}); for a path of several, the last one. */
    public Association association() {
        return path.get(path.size() - 1);
    }

    /** The associations from the first source to the last target, in order. */
    public List<Association> path() {
        return path;
    }

    /** This path continued by {@code next}, which must start at this path's target model. */
    public <U extends Model> Link<S, U> then(Link<T, U> next) {
        List<Association> joined = new ArrayList<>(path);
        joined.addAll(next.path);
        return new Link<>(joined, next.target);
    }

    /**
     * A column of the target model reached through this path, chosen from the target's own fields:
     * {@code ALBUM_TRACKS.to(t -> t.name)}.
     *
     * @throws QueryException when the function returns a column of another model
     */
    public <V> ColumnRef<V> to(Function<? super T, Column<V>> column) {
        Column<V> c = Objects.requireNonNull(column.apply(target), "column is null");
        if (c.model() != target) {
            throw new QueryException(c + " is not a column of " + target.name() + ", where the path "
                    + path.stream().map(Association::alias).reduce((a, b) -> a + "." + b).orElse("") + " ends");
        }
        List<String> aliases = new ArrayList<>();
        for (Association a : path) {
            aliases.add(a.alias());
        }
        return ColumnRef.of(aliases, c);
    }

    @Override public String toString() {
        return "Link" + path;
    }
}
