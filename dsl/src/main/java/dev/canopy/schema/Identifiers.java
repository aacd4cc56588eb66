package dev.canopy.schema;

import dev.canopy.error.SchemaException;
import dev.canopy.model.Naming;

/** Checks the names a migration gives before any of them reaches DDL. */
final class Identifiers {
    private Identifiers() {}

    static String check(String name, String what) {
        if (name == null || !Naming.isValidIdentifier(name)) {
            throw new SchemaException("The " + what + " '" + name + "' is not a valid identifier");
        }
        return name;
    }
}
