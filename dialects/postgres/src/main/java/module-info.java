/** The postgres dialect of Canopy, found through {@link java.util.ServiceLoader} by the dialect SPI. */
module dev.canopy.dialect.postgres {
    requires dev.canopy.dialect;
    requires static org.jspecify;

    exports dev.canopy.dialect.postgres;

    provides dev.canopy.dialect.Dialect with dev.canopy.dialect.postgres.PostgresDialect;
}
