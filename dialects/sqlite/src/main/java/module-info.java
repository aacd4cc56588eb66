/** The sqlite dialect of Canopy, found through {@link java.util.ServiceLoader} by the dialect SPI. */
module dev.canopy.dialect.sqlite {
    requires dev.canopy.dialect;
    requires static org.jspecify;
    requires org.xerial.sqlitejdbc;

    exports dev.canopy.dialect.sqlite;

    provides dev.canopy.dialect.Dialect with dev.canopy.dialect.sqlite.SqliteDialect;
}
