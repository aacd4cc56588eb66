/**
 * The dialect SPI: what a database module tells Canopy (capabilities, type mapping, vendor error codes, pool
 * defaults) and how Canopy finds one ({@link dev.canopy.dialect.Dialect#forUrl}, through {@link java.util.ServiceLoader}).
 * jOOQ's {@code SQLDialect} is part of it on purpose: it is the bridge to the renderer.
 */
module dev.canopy.dialect {
    requires transitive java.sql;
    requires transitive org.jooq;
    requires static org.jspecify;

    exports dev.canopy.dialect;

    uses dev.canopy.dialect.Dialect;
}
