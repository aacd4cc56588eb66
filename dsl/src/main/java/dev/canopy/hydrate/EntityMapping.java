package dev.canopy.hydrate;

/**
 * Maps an entity to a typed result ({@link HydratedEntity#into(Class)}). The typed layer implements it and hands it to the
 * {@link Hydrator}: hydration does not depend on typed results, typed results read entities.
 */
@FunctionalInterface
public interface EntityMapping {
    <T> T map(HydratedEntity entity, Class<T> type);

    /** For entities made without a typed layer: {@code into} says so. */
    EntityMapping NONE = new EntityMapping() {
        @Override
        public <T> T map(HydratedEntity entity, Class<T> type) {
            throw new dev.canopy.error.MappingException("This " + entity.model().name() + " entity was not made by a Canopy query, so it has no "
                    + "typed mapping; use Canopy.findAll(query, type)");
        }
    };
}
