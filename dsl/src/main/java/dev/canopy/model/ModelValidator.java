package dev.canopy.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A check of a row as a whole (Sequelize's model {@code validate: { bothCoordsOrNone() {...} }}), declared on a
 * model with {@link Model#validate(String, ModelValidator)} and run before any SQL of a write, after the attribute
 * validators. It is given the attributes of the row written by name: on create every attribute given, on update
 * only those being changed (as Sequelize builds the instance from the values given), so a check of two attributes
 * should pass when one of them is absent.
 * <pre>{@code
 * validate("startBeforeEnd", row -> row.get("start") == null || row.get("end") == null
 *         || ((LocalDate) row.get("start")).isBefore((LocalDate) row.get("end")) ? null : "start must be before end");
 * }</pre>
 */
@FunctionalInterface
public interface ModelValidator {
    /** Null when the row passes; otherwise what is wrong with it (never its values: they may be secret). */
    @Nullable String check(Map<String, @Nullable Object> row);
}
