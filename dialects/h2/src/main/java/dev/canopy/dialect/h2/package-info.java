/** The H2 dialect (Canopy's embedded default), found through {@link java.util.ServiceLoader}. */
@NullMarked
package dev.canopy.dialect.h2;

import org.jspecify.annotations.NullMarked;
