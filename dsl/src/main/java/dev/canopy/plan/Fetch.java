package dev.canopy.plan;

import dev.canopy.model.Column;

/**
 * A to-many include loaded by its own query: once the parent statement has run, the parents' keys go into
 * {@code IN (...)} batches of {@link Plan#statement(java.util.List)}, and each child row comes back with the key of
 * its parent in result column 1, to be stitched under every parent entity with that key.
 *
 * @param parentNode the node (of the parent plan) whose entities are the parents
 * @param link       the link index of the include in the parent node's {@link PlanNode#links()}
 * @param parentKey  the parent's column the children refer to (the association's source key)
 * @param plan       the keyed plan of the children, with their own joins and separate includes
 */
public record Fetch(int parentNode, int link, Column<?> parentKey, Plan plan) {}
