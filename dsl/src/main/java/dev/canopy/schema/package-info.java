/**
 * Schema: DDL from models (Sequelize's {@code sync}). Tables are created in an order where every foreign key
 * points at a table that already exists; the DDL is rendered by jOOQ for the dialect in use.
 */
@NullMarked
package dev.canopy.schema;

import org.jspecify.annotations.NullMarked;
