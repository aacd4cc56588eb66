/** The mysql dialect of Canopy, found through {@link java.util.ServiceLoader} by the dialect SPI. */
module dev.canopy.dialect.mysql {
    requires dev.canopy.dialect;
    requires static org.jspecify;

    exports dev.canopy.dialect.mysql;

    provides dev.canopy.dialect.Dialect with dev.canopy.dialect.mysql.MySqlDialect, dev.canopy.dialect.mysql.MariaDbDialect;
}
