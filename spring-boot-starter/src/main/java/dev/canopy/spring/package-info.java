/**
 * Canopy in a Spring Boot application: {@link dev.canopy.spring.CanopyAutoConfiguration} makes a
 * {@link dev.canopy.Canopy} bean from the application's {@code DataSource} (the dialect read from the connection's
 * URL) and its {@link dev.canopy.model.Schema} bean, whose statements run on the connection of the Spring-managed
 * transaction in progress, are logged through SLF4J ({@code logging.level.dev.canopy.sql=debug}) and, when the
 * application has Micrometer, timed per statement shape. An application that defines its own {@code Canopy} bean
 * keeps it.
 */
@NullMarked
package dev.canopy.spring;

import org.jspecify.annotations.NullMarked;
