package dev.canopy.chinook;

import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * The Chinook sample database (a digital media store: artists, albums, tracks, playlists, customers, invoices) as
 * typed Canopy models and associations, so that the demo, samples, tests and benchmarks query one well-known schema.
 *
 * <p>Every model maps one table of {@code chinook/chinook-schema.sql} as it is: the table name frozen (no plural),
 * no timestamps, and attribute names equal to the PascalCase column names ({@code "TrackId"}, {@code "UnitPrice"}),
 * so a JSON query spec names the same attributes the table has. Java fields are the camelCase of those names.
 * Association aliases are camelCase ({@code albums}, {@code mediaType}, {@code supportRep}) and never collide with
 * an attribute. {@code chinook/models.json} describes the same models for the {@code canopy} CLI.
 * <pre>{@code
 * ChinookData.load(dataSource);
 * Chinook.SCHEMA.association(Chinook.ARTIST, "albums");
 * }</pre>
 */
public final class Chinook {
    private Chinook() {}

    /** Chinook's naming: the table is named like the model, and there are no createdAt / updatedAt columns. */
    private static ModelOptions frozen() {
        return ModelOptions.defaults().freezeTableName().timestamps(false);
    }

    // ---- models, one per table ------------------------------------------------------------------------------------

    /** {@code Artist}: the performer of albums; the root of the artist → album → track chain. */
    public static final class ArtistModel extends Model {
        public final Column<Integer> artistId = integer("ArtistId").primaryKey();
        public final Column<String> name = string("Name", 120);

        private ArtistModel() { super("Artist", frozen()); }
    }

    /** {@code Album}: an artist's album (Title NOT NULL); the middle of the artist → album → track chain. */
    public static final class AlbumModel extends Model {
        public final Column<Integer> albumId = integer("AlbumId").primaryKey();
        public final Column<String> title = string("Title", 160).notNull();
        public final Column<Integer> artistId = integer("ArtistId").notNull();

        private AlbumModel() { super("Album", frozen()); }
    }

    /** {@code Employee}: staff, with a self-reference (ReportsTo) for the manager / reports hierarchy. */
    public static final class EmployeeModel extends Model {
        public final Column<Integer> employeeId = integer("EmployeeId").primaryKey();
        public final Column<String> lastName = string("LastName", 20).notNull();
        public final Column<String> firstName = string("FirstName", 20).notNull();
        public final Column<String> title = string("Title", 30);
        public final Column<Integer> reportsTo = integer("ReportsTo");
        public final Column<LocalDateTime> birthDate = timestamp("BirthDate");
        public final Column<LocalDateTime> hireDate = timestamp("HireDate");
        public final Column<String> address = string("Address", 70);
        public final Column<String> city = string("City", 40);
        public final Column<String> state = string("State", 40);
        public final Column<String> country = string("Country", 40);
        public final Column<String> postalCode = string("PostalCode", 10);
        public final Column<String> phone = string("Phone", 24);
        public final Column<String> fax = string("Fax", 24);
        public final Column<String> email = string("Email", 60);

        private EmployeeModel() { super("Employee", frozen()); }
    }

    /** {@code Customer}: a buyer, looked after by a support employee (SupportRepId, nullable). */
    public static final class CustomerModel extends Model {
        public final Column<Integer> customerId = integer("CustomerId").primaryKey();
        public final Column<String> firstName = string("FirstName", 40).notNull();
        public final Column<String> lastName = string("LastName", 20).notNull();
        public final Column<String> company = string("Company", 80);
        public final Column<String> address = string("Address", 70);
        public final Column<String> city = string("City", 40);
        public final Column<String> state = string("State", 40);
        public final Column<String> country = string("Country", 40);
        public final Column<String> postalCode = string("PostalCode", 10);
        public final Column<String> phone = string("Phone", 24);
        public final Column<String> fax = string("Fax", 24);
        public final Column<String> email = string("Email", 60).notNull();
        public final Column<Integer> supportRepId = integer("SupportRepId");

        private CustomerModel() { super("Customer", frozen()); }
    }

    /** {@code Genre}: a small lookup table of music genres, referenced by tracks (optional to-one). */
    public static final class GenreModel extends Model {
        public final Column<Integer> genreId = integer("GenreId").primaryKey();
        public final Column<String> name = string("Name", 120);

        private GenreModel() { super("Genre", frozen()); }
    }

    /** {@code MediaType}: a lookup table of file formats, referenced by every track (required to-one). */
    public static final class MediaTypeModel extends Model {
        public final Column<Integer> mediaTypeId = integer("MediaTypeId").primaryKey();
        public final Column<String> name = string("Name", 120);

        private MediaTypeModel() { super("MediaType", frozen()); }
    }

    /** {@code Track}: a song, the hub of the schema (album, genre, media type, playlists, invoice lines). */
    public static final class TrackModel extends Model {
        public final Column<Integer> trackId = integer("TrackId").primaryKey();
        public final Column<String> name = string("Name", 200).notNull();
        public final Column<Integer> albumId = integer("AlbumId");
        public final Column<Integer> mediaTypeId = integer("MediaTypeId").notNull();
        public final Column<Integer> genreId = integer("GenreId");
        public final Column<String> composer = string("Composer", 220);
        public final Column<Integer> milliseconds = integer("Milliseconds").notNull();
        public final Column<Integer> bytes = integer("Bytes");
        public final Column<BigDecimal> unitPrice = decimal("UnitPrice", 10, 2).notNull();

        private TrackModel() { super("Track", frozen()); }
    }

    /** {@code Invoice}: a customer's purchase, with a timestamp and a NUMERIC(10,2) total. */
    public static final class InvoiceModel extends Model {
        public final Column<Integer> invoiceId = integer("InvoiceId").primaryKey();
        public final Column<Integer> customerId = integer("CustomerId").notNull();
        public final Column<LocalDateTime> invoiceDate = timestamp("InvoiceDate").notNull();
        public final Column<String> billingAddress = string("BillingAddress", 70);
        public final Column<String> billingCity = string("BillingCity", 40);
        public final Column<String> billingState = string("BillingState", 40);
        public final Column<String> billingCountry = string("BillingCountry", 40);
        public final Column<String> billingPostalCode = string("BillingPostalCode", 10);
        public final Column<BigDecimal> total = decimal("Total", 10, 2).notNull();

        private InvoiceModel() { super("Invoice", frozen()); }
    }

    /** {@code InvoiceLine}: one track bought on an invoice; links invoices to tracks. */
    public static final class InvoiceLineModel extends Model {
        public final Column<Integer> invoiceLineId = integer("InvoiceLineId").primaryKey();
        public final Column<Integer> invoiceId = integer("InvoiceId").notNull();
        public final Column<Integer> trackId = integer("TrackId").notNull();
        public final Column<BigDecimal> unitPrice = decimal("UnitPrice", 10, 2).notNull();
        public final Column<Integer> quantity = integer("Quantity").notNull();

        private InvoiceLineModel() { super("InvoiceLine", frozen()); }
    }

    /** {@code Playlist}: a named list of tracks, the many-to-many side of {@link #PLAYLIST_TRACKS}. */
    public static final class PlaylistModel extends Model {
        public final Column<Integer> playlistId = integer("PlaylistId").primaryKey();
        public final Column<String> name = string("Name", 120);

        private PlaylistModel() { super("Playlist", frozen()); }
    }

    /** {@code PlaylistTrack}: the junction of playlists and tracks, with a composite primary key (PlaylistId, TrackId). */
    public static final class PlaylistTrackModel extends Model {
        public final Column<Integer> playlistId = integer("PlaylistId").primaryKey();
        public final Column<Integer> trackId = integer("TrackId").primaryKey();

        private PlaylistTrackModel() { super("PlaylistTrack", frozen()); }
    }

    public static final ArtistModel ARTIST = new ArtistModel();
    public static final AlbumModel ALBUM = new AlbumModel();
    public static final EmployeeModel EMPLOYEE = new EmployeeModel();
    public static final CustomerModel CUSTOMER = new CustomerModel();
    public static final GenreModel GENRE = new GenreModel();
    public static final MediaTypeModel MEDIA_TYPE = new MediaTypeModel();
    public static final TrackModel TRACK = new TrackModel();
    public static final InvoiceModel INVOICE = new InvoiceModel();
    public static final InvoiceLineModel INVOICE_LINE = new InvoiceLineModel();
    public static final PlaylistModel PLAYLIST = new PlaylistModel();
    public static final PlaylistTrackModel PLAYLIST_TRACK = new PlaylistTrackModel();

    // ---- associations, both directions of every foreign key --------------------------------------------------------

    /** Artist → its albums. */
    public static final Association ARTIST_ALBUMS = Association.hasMany(ARTIST, ALBUM).alias("albums").foreignKey("ArtistId");
    /** Album → its artist. */
    public static final Association ALBUM_ARTIST = Association.belongsTo(ALBUM, ARTIST).alias("artist").foreignKey("ArtistId");
    /** Album → its tracks. */
    public static final Association ALBUM_TRACKS = Association.hasMany(ALBUM, TRACK).alias("tracks").foreignKey("AlbumId");
    /** Track → its album (AlbumId may be null). */
    public static final Association TRACK_ALBUM = Association.belongsTo(TRACK, ALBUM).alias("album").foreignKey("AlbumId");
    /** Genre → its tracks. */
    public static final Association GENRE_TRACKS = Association.hasMany(GENRE, TRACK).alias("tracks").foreignKey("GenreId");
    /** Track → its genre (GenreId may be null). */
    public static final Association TRACK_GENRE = Association.belongsTo(TRACK, GENRE).alias("genre").foreignKey("GenreId");
    /** MediaType → its tracks. */
    public static final Association MEDIA_TYPE_TRACKS = Association.hasMany(MEDIA_TYPE, TRACK).alias("tracks").foreignKey("MediaTypeId");
    /** Track → its media type. */
    public static final Association TRACK_MEDIA_TYPE = Association.belongsTo(TRACK, MEDIA_TYPE).alias("mediaType").foreignKey("MediaTypeId");
    /** Playlist → its tracks, through PlaylistTrack. */
    public static final Association PLAYLIST_TRACKS =
            Association.belongsToMany(PLAYLIST, TRACK, PLAYLIST_TRACK).alias("tracks").foreignKey("PlaylistId").otherKey("TrackId");
    /** Track → the playlists it is on, through PlaylistTrack. */
    public static final Association TRACK_PLAYLISTS =
            Association.belongsToMany(TRACK, PLAYLIST, PLAYLIST_TRACK).alias("playlists").foreignKey("TrackId").otherKey("PlaylistId");
    /** Employee → the employee they report to (null for the general manager). */
    public static final Association EMPLOYEE_MANAGER = Association.belongsTo(EMPLOYEE, EMPLOYEE).alias("manager").foreignKey("ReportsTo");
    /** Employee → the employees who report to them. */
    public static final Association EMPLOYEE_REPORTS = Association.hasMany(EMPLOYEE, EMPLOYEE).alias("reports").foreignKey("ReportsTo");
    /** Customer → their support representative. */
    public static final Association CUSTOMER_SUPPORT_REP =
            Association.belongsTo(CUSTOMER, EMPLOYEE).alias("supportRep").foreignKey("SupportRepId");
    /** Employee → the customers they support. */
    public static final Association EMPLOYEE_CUSTOMERS =
            Association.hasMany(EMPLOYEE, CUSTOMER).alias("customers").foreignKey("SupportRepId");
    /** Customer → their invoices. */
    public static final Association CUSTOMER_INVOICES = Association.hasMany(CUSTOMER, INVOICE).alias("invoices").foreignKey("CustomerId");
    /** Invoice → its customer. */
    public static final Association INVOICE_CUSTOMER = Association.belongsTo(INVOICE, CUSTOMER).alias("customer").foreignKey("CustomerId");
    /** Invoice → its lines. */
    public static final Association INVOICE_LINES = Association.hasMany(INVOICE, INVOICE_LINE).alias("lines").foreignKey("InvoiceId");
    /** InvoiceLine → its invoice. */
    public static final Association INVOICE_LINE_INVOICE = Association.belongsTo(INVOICE_LINE, INVOICE).alias("invoice").foreignKey("InvoiceId");
    /** Track → the invoice lines that sold it. */
    public static final Association TRACK_INVOICE_LINES = Association.hasMany(TRACK, INVOICE_LINE).alias("invoiceLines").foreignKey("TrackId");
    /** InvoiceLine → the track it sold. */
    public static final Association INVOICE_LINE_TRACK = Association.belongsTo(INVOICE_LINE, TRACK).alias("track").foreignKey("TrackId");

    /**
     * Every Chinook model and association, checked and sealed. Declared after all the constants it uses: static
     * initialisers run in textual order.
     */
    public static final Schema SCHEMA = Schema.builder()
            .models(ARTIST, ALBUM, EMPLOYEE, CUSTOMER, GENRE, MEDIA_TYPE, TRACK, INVOICE, INVOICE_LINE, PLAYLIST, PLAYLIST_TRACK)
            .associations(ARTIST_ALBUMS, ALBUM_ARTIST, ALBUM_TRACKS, TRACK_ALBUM, GENRE_TRACKS, TRACK_GENRE,
                    MEDIA_TYPE_TRACKS, TRACK_MEDIA_TYPE, PLAYLIST_TRACKS, TRACK_PLAYLISTS, EMPLOYEE_MANAGER, EMPLOYEE_REPORTS,
                    CUSTOMER_SUPPORT_REP, EMPLOYEE_CUSTOMERS, CUSTOMER_INVOICES, INVOICE_CUSTOMER, INVOICE_LINES,
                    INVOICE_LINE_INVOICE, TRACK_INVOICE_LINES, INVOICE_LINE_TRACK)
            .build();
}
