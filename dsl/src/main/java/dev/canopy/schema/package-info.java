/**
 * Schema: the schema API (Sequelize's QueryInterface: {@link dev.canopy.schema.SchemaApi}) that creates and changes
 * tables, columns, indexes and constraints the same way on every database, rendered by jOOQ's DDL (SQLite's missing
 * ALTERs by its documented table rebuild), and {@code sync}, which brings a database to a schema's models through it.
 * Migrations and seeders ({@code dev.canopy.migrate}) are its other clients.
 */
@NullMarked
package dev.canopy.schema;

import org.jspecify.annotations.NullMarked;
