package dev.canopy.query;

import dev.canopy.model.Column;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What a belongsToMany include reads of and asks of its junction rows: Sequelize's
 * {@code through: { attributes: ['Position'], where: { Position: { [Op.lt]: 3 } } }}. The attributes come back on each
 * child under the junction model's name ({@code track.get("PlaylistTrack")}, a map; {@code "PlaylistTrack": {...}} in
 * JSON), as Sequelize's {@code track.PlaylistTrack}; the where filters which links count, in the join's ON clause.
 *
 * @param attributes the junction's columns to read (none: the link is not shown)
 * @param where      the condition on the junction's columns, or null
 */
public record Through(List<Column<?>> attributes, @Nullable Condition where) {
    public Through {
        attributes = List.copyOf(Objects.requireNonNull(attributes, "attributes is null"));
    }

    @Override public String toString() {
        return "through(" + attributes.stream().map(Column::name).collect(Collectors.joining(", ")) + (where == null ? "" : " where " + where) + ")";
    }
}
