package dev.canopy.query;

/**
 * What an attributes list holds: a {@link dev.canopy.model.Column} of the model, or a {@link Computed} attribute
 * (an expression with an alias). Sequelize's {@code attributes: ['Name', [fn('COUNT', ...), 'n']]}.
 */
public interface Selection {
}
