package dev.canopy.query;

import dev.canopy.error.QueryException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Objects;

/**
 * A column reached through association values rather than alias strings: {@code TRACK.name.via(ARTIST_ALBUMS,
 * ALBUM_TRACKS)} is {@code TRACK.name.at("albums", "tracks")}, except that a path that does not connect fails when it
 * is built, naming the link that breaks. The string form stays for paths read from JSON.
 *
 * <p>Why at call time: {@link Association} and {@link Column} do not carry their models as type parameters (adding
 * them would break every declared association), so Java cannot check the chain at compile time. canopy-kotlin adds a
 * typed form that the Kotlin compiler checks.
 */
public final class AssociationPath {
    private AssociationPath() {}

    /**
     * The column as reached from the first association's source through each association in turn.
     *
     * @throws QueryException when the path is empty, an association does not start where the previous one ends, or the
     *                        column is not a column of the last association's target
     */
    public static <T> ColumnRef<T> of(Column<T> column, Association... path) {
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(path, "path is null");
        if (path.length == 0) {
            throw new QueryException(column.model().name() + "." + column.name() + ".via(): name at least one association");
        }
        List<String> aliases = new ArrayList<>();
        @org.jspecify.annotations.Nullable Model at = null;
        for (Association a : path) {
            Objects.requireNonNull(a, "an association of the path of " + column + " is null");
            if (at != null && a.source() != at) {
                throw new QueryException(describe(column, path) + ": '" + a.alias() + "' (" + a.source().name() + " -> "
                        + a.target().name() + ") does not start at " + at.name() + ", where the path before it ends");
            }
            aliases.add(a.alias());
            at = a.target();
        }
        if (column.model() != at) {
            throw new QueryException(describe(column, path) + ": the path ends at " + at.name() + ", but "
                    + column.name() + " is a column of " + column.model().name());
        }
        return ColumnRef.of(aliases, column);
    }

    private static String describe(Column<?> column, Association[] path) {
        return column.model().name() + "." + column.name() + ".via(" + Arrays.stream(path).map(Association::alias).collect(Collectors.joining(", ")) + ")";
    }
}
