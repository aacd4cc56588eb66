/** What the module's packages share and do not export: factories of exported classes whose constructors stay hidden. */
@NullMarked
package dev.canopy.internal;

import org.jspecify.annotations.NullMarked;
