package dev.canopy;

import dev.canopy.result.Entity;
import java.util.List;

/**
 * One page of roots and how many roots the query finds without limit and offset (Sequelize's
 * {@code findAndCountAll}).
 *
 * @param rows  the roots of the page, each with its includes
 * @param count the number of distinct roots of the whole query
 */
public record Page(List<Entity> rows, long count) {
    public Page {
        rows = List.copyOf(rows);
    }
}
