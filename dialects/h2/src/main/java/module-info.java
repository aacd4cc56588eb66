/** The h2 dialect of Canopy, found through {@link java.util.ServiceLoader} by the dialect SPI. */
module dev.canopy.dialect.h2 {
    requires dev.canopy.dialect;
    requires static org.jspecify;

    exports dev.canopy.dialect.h2;

    provides dev.canopy.dialect.Dialect with dev.canopy.dialect.h2.H2Dialect;
}
