package dev.canopy.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.canopy.Canopy;
import dev.canopy.error.ConnectionException;
import dev.canopy.error.SchemaException;
import dev.canopy.result.Entity;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.DataType;
import dev.canopy.model.Model;
import dev.canopy.model.ReferentialAction;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A models file defines a schema")
class ModelsFileTest {

    private static List<String> names(Model m) {
        return m.columns().stream().map(Column::name).toList();
    }

    @Nested
    @DisplayName("with every attribute listed")
    class Listed {
        static final String MUSIC = """
                {"models": {
                   "Artist": {"table": "Artist", "primaryKey": ["ArtistId"], "timestamps": false,
                              "attributes": {"ArtistId": {"type": "integer", "allowNull": false}, "Name": "string(120)"}},
                   "Album": {"freezeTableName": true, "timestamps": false,
                             "attributes": {"AlbumId": {"type": "integer", "primaryKey": true},
                                            "Title": {"type": "string", "length": 160, "allowNull": false, "field": "album_title"},
                                            "ArtistId": {"type": "integer"},
                                            "Price": {"type": "decimal(8,2)", "defaultValue": 9.99}}},
                   "Track": {"underscored": true, "paranoid": true,
                             "attributes": {"trackId": {"type": "bigint", "primaryKey": true, "autoIncrement": true},
                                            "name": {"type": "text", "unique": true}, "albumId": {"type": "integer"}}},
                   "Playlist": {"timestamps": false, "primaryKey": "PlaylistId", "attributes": {"PlaylistId": "integer", "Name": "string"}},
                   "PlaylistTrack": {"timestamps": false, "primaryKey": ["PlaylistId", "TrackId"],
                                     "attributes": {"PlaylistId": "integer", "TrackId": "bigint"}}},
                 "associations": [
                   {"type": "hasMany", "source": "Artist", "target": "Album", "foreignKey": "ArtistId", "as": "albums", "onDelete": "cascade"},
                   {"type": "belongsTo", "source": "Album", "target": "Artist", "foreignKey": "ArtistId", "as": "artist", "constraints": false},
                   {"type": "hasMany", "source": "Album", "target": "Track", "foreignKey": "albumId", "as": "tracks", "onUpdate": "NO ACTION"},
                   {"type": "belongsToMany", "source": "Playlist", "target": "Track", "through": "PlaylistTrack",
                    "foreignKey": "PlaylistId", "otherKey": "TrackId", "as": "tracks", "onDelete": "SET NULL"}]}
                """;

        @Test
        @DisplayName("models get their table, options, attributes, types, fields, keys and defaults")
        void models() {
            Schema schema = ModelsFile.parse(MUSIC);
            assertThat(schema.models()).extracting(Model::name).containsExactly("Artist", "Album", "Track", "Playlist", "PlaylistTrack");
            Model artist = schema.model("Artist");
            assertThat(names(artist)).containsExactly("ArtistId", "Name");
            assertThat(artist.column("Name").type()).isEqualTo(DataType.string(120));
            assertThat(artist.column("ArtistId").allowNull()).isFalse();
            assertThat(artist.primaryKey()).extracting(Column::name).containsExactly("ArtistId");

            Model album = schema.model("Album");
            assertThat(album.tableName()).isEqualTo("Album");
            assertThat(album.column("Title").field()).isEqualTo("album_title");
            assertThat(album.column("Title").type()).isEqualTo(DataType.string(160));
            assertThat(album.column("Title").allowNull()).isFalse();
            assertThat(album.column("Price").type()).isEqualTo(DataType.decimal(8, 2));
            assertThat(album.column("Price").defaultValue()).isEqualTo(new BigDecimal("9.99"));
            assertThat(album.primaryKey()).extracting(Column::name).containsExactly("AlbumId");

            Model track = schema.model("Track");
            assertThat(track.tableName()).isEqualTo("tracks");
            assertThat(track.options().isParanoid()).isTrue();
            assertThat(names(track)).containsExactly("trackId", "name", "albumId", "createdAt", "updatedAt", "deletedAt");
            assertThat(track.column("albumId").field()).isEqualTo("album_id");
            assertThat(track.column("trackId").isAutoIncrement()).isTrue();
            assertThat(track.column("name").isUnique()).isTrue();
            assertThat(track.column("name").type()).isEqualTo(DataType.TEXT);

            assertThat(schema.model("Playlist").primaryKey()).extracting(Column::name).containsExactly("PlaylistId");
            assertThat(schema.model("PlaylistTrack").primaryKey()).extracting(Column::name).containsExactly("PlaylistId", "TrackId");
        }

        @Test
        @DisplayName("associations get their kind, keys, alias and referential options")
        void associations() {
            Schema schema = ModelsFile.parse(MUSIC);
            Association albums = schema.association(schema.model("Artist"), "albums");
            assertThat(albums.kind()).isEqualTo(Association.Kind.HAS_MANY);
            assertThat(albums.foreignKey()).isEqualTo("ArtistId");
            assertThat(albums.onDelete()).isEqualTo(ReferentialAction.CASCADE);
            assertThat(schema.association(schema.model("Album"), "artist").constraints()).isFalse();
            assertThat(schema.association(schema.model("Album"), "tracks").onUpdate()).isEqualTo(ReferentialAction.NO_ACTION);
            Association tracks = schema.association(schema.model("Playlist"), "tracks");
            assertThat(tracks.kind()).isEqualTo(Association.Kind.BELONGS_TO_MANY);
            assertThat(tracks.through()).isSameAs(schema.model("PlaylistTrack"));
            assertThat(tracks.otherKey()).isEqualTo("TrackId");
            assertThat(tracks.onDelete()).isEqualTo(ReferentialAction.SET_NULL);
        }

        @Test
        @DisplayName("a query spec parses against the schema the file defines")
        void specAgainstFile() {
            Schema schema = ModelsFile.parse(MUSIC);
            Query q = QuerySpec.parse(schema, "{\"model\": \"Artist\", \"include\": [{\"model\": \"Album\", \"where\": {\"Price\": {\"$lt\": 10}}}]}");
            assertThat(q.bind(schema).includes().get(0).alias()).isEqualTo("albums");
        }

        @Test
        @DisplayName("Sequelize's defaults hold: timestamps on, plural table name, a foreign key nobody declared is added")
        void sequelizeDefaults() {
            Schema schema = ModelsFile.parse("""
                    {"models": {"User": {"attributes": {"id": {"type": "integer", "primaryKey": true}}},
                                "Task": {"attributes": {"id": {"type": "integer", "primaryKey": true}, "title": "string"}}},
                     "associations": [{"type": "hasMany", "source": "User", "target": "Task"}]}
                    """);
            Model task = schema.model("Task");
            assertThat(task.tableName()).isEqualTo("Tasks");
            assertThat(names(task)).containsExactly("id", "title", "UserId", "createdAt", "updatedAt");
            assertThat(schema.association(schema.model("User"), "Tasks").foreignKey()).isEqualTo("UserId");
        }

        static Stream<Arguments> mistakes() {
            String ok = "\"Artist\": {\"timestamps\": false, \"attributes\": {\"ArtistId\": {\"type\": \"integer\", \"primaryKey\": true}}}";
            String album = "\"Album\": {\"timestamps\": false, \"attributes\": {\"AlbumId\": {\"type\": \"integer\", \"primaryKey\": true}, "
                    + "\"ArtistId\": \"integer\", \"Code\": \"string\"}}";
            return Stream.of(
                    Arguments.of("{\"models\": {", "$", "malformed JSON at line 1, column"),
                    Arguments.of("[]", "$", "A models file is a JSON object"),
                    Arguments.of("{\"modles\": {}}", "$.modles", "unknown key in a models file; known keys: models, associations"),
                    Arguments.of("{\"models\": {}}", "$.models", "expected an object of models by name"),
                    Arguments.of("{\"models\": {\"Track\": {\"attributes\": {\"Name\": {\"type\": \"strng\"}}}}}",
                            "$.models.Track.attributes.Name.type", "unknown type 'strng'; known: integer, bigint, decimal, string"),
                    Arguments.of("{\"models\": {\"Track\": {\"attributes\": {\"Name\": {\"field\": \"name\"}}}}}",
                            "$.models.Track.attributes.Name.type", "missing; without a database connection every attribute has a type"),
                    Arguments.of("{\"models\": {\"Track\": {\"timestamps\": false}}}", "$.models.Track.attributes",
                            "missing; without a database connection every model lists its attributes"),
                    Arguments.of("{\"models\": {\"Track\": {\"attributes\": {\"Name\": {\"type\": \"string\", \"lenght\": 5}}}}}",
                            "$.models.Track.attributes.Name.lenght", "unknown key in an attribute; known keys: type, length"),
                    Arguments.of("{\"models\": {\"Track\": {\"tabel\": \"t\", \"attributes\": {}}}}", "$.models.Track.tabel",
                            "unknown key in a model; known keys: table, primaryKey"),
                    Arguments.of("{\"models\": {\"Track\": {\"attributes\": {\"Id\": \"integer\"}, \"primaryKey\": [\"TrackId\"]}}}",
                            "$.models.Track.primaryKey[0]", "unknown attribute 'TrackId'; the model has: Id"),
                    Arguments.of("{\"models\": {\"Track\": {\"attributes\": {\"Id\": {\"type\": \"integer\", \"defaultValue\": \"x\"}}}}}",
                            "$.models.Track.attributes.Id.defaultValue", "the attribute is INTEGER; expected a whole number"),
                    Arguments.of("{\"models\": {\"Track\": {\"timestamps\": false, \"paranoid\": true, \"attributes\": {}}}}",
                            "$.models.Track.paranoid", "a paranoid model needs timestamps"),
                    Arguments.of("{\"models\": {" + ok + "}, \"associations\": [{\"type\": \"hasMany\", \"source\": \"Artist\", \"target\": \"Albm\"}]}",
                            "$.associations[0].target", "unknown model 'Albm'; models: Artist"),
                    Arguments.of("{\"models\": {" + ok + "}, \"associations\": [{\"source\": \"Artist\", \"target\": \"Artist\"}]}",
                            "$.associations[0].type", "missing; one of belongsTo, hasOne, hasMany, belongsToMany"),
                    Arguments.of("{\"models\": {" + ok + "}, \"associations\": [{\"type\": \"hasLots\", \"source\": \"Artist\", \"target\": \"Artist\"}]}",
                            "$.associations[0].type", "unknown association type 'hasLots'"),
                    Arguments.of("{\"models\": {" + ok + ", " + album + "}, \"associations\": [{\"type\": \"belongsToMany\", \"source\": \"Artist\", "
                            + "\"target\": \"Album\"}]}", "$.associations[0].through", "missing; a belongsToMany association names its junction model"),
                    Arguments.of("{\"models\": {" + ok + ", " + album + "}, \"associations\": [{\"type\": \"hasMany\", \"source\": \"Artist\", "
                            + "\"target\": \"Album\", \"foreignKey\": \"ArtistId\", \"onDelete\": \"explode\"}]}",
                            "$.associations[0].onDelete", "unknown action 'explode'; one of CASCADE, SET NULL"),
                    Arguments.of("{\"models\": {" + ok + ", " + album + "}, \"associations\": [{\"type\": \"hasMany\", \"source\": \"Artist\", "
                            + "\"target\": \"Album\", \"foreignKey\": \"ArtistId\", \"as\": \"albums\"}, {\"type\": \"hasMany\", \"source\": \"Artist\", "
                            + "\"target\": \"Album\", \"foreignKey\": \"ArtistId\", \"as\": \"albums\"}]}",
                            "$.associations[1]", "Artist already has an association named 'albums'"),
                    Arguments.of("{\"models\": {" + ok + ", " + album + "}, \"associations\": [{\"type\": \"belongsTo\", \"source\": \"Album\", "
                            + "\"target\": \"Artist\", \"foreignKey\": \"Code\", \"as\": \"artist\"}]}",
                            "$.associations[0]", "foreign key Album.Code is STRING(255) but refers to Artist.ArtistId of type INTEGER"),
                    Arguments.of("{\"models\": {" + ok + ", " + album + "}, \"associations\": [{\"type\": \"belongsTo\", \"source\": \"Album\", "
                            + "\"target\": \"Artist\", \"foreignKey\": \"ArtistId\", \"targetKey\": \"Nope\"}]}",
                            "$.associations[0].targetKey", "Artist has no attribute 'Nope'"),
                    Arguments.of("{\"models\": {" + ok + "}, \"associations\": [{\"type\": \"hasMany\", \"source\": \"Artist\", \"target\": \"Artist\", "
                            + "\"through\": \"Artist\"}]}", "$.associations[0].through", "only a belongsToMany association goes through a junction model"));
        }

        @ParameterizedTest(name = "{1}: {2}")
        @MethodSource("mistakes")
        @DisplayName("each mistake names its JSON path")
        void mistakeNamesItsPath(String json, String path, String message) {
            ModelsFileException e = catchThrowableOfType(ModelsFileException.class, () -> ModelsFile.parse(json));
            assertThat(e).as(json).isNotNull().isInstanceOf(SchemaException.class);
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.getMessage()).startsWith(path + ": ").contains(message);
        }
    }

    @Nested
    @DisplayName("completed from a database's metadata")
    class FromDatabase {
        private static final JdbcDataSource DS = new JdbcDataSource();

        @BeforeAll
        static void tables() throws SQLException {
            DS.setURL("jdbc:h2:mem:models-file-meta;DB_CLOSE_DELAY=-1");
            try (Connection c = DS.getConnection(); Statement st = c.createStatement()) {
                st.execute("create table artist (artist_id int primary key, name varchar(120) not null, "
                        + "created_at timestamp not null, updated_at timestamp not null)");
                st.execute("create table album (album_id int primary key, title varchar(160) not null, artist_id int not null, "
                        + "released date, price decimal(8,2), big_count bigint, is_live boolean, notes clob, code uuid, cover blob, "
                        + "created_at timestamp not null, updated_at timestamp not null)");
                st.execute("create table \"Genre\" (\"GenreId\" int primary key, \"Name\" varchar(50))");
                st.execute("create table \"PlaylistTrack\" (\"PlaylistId\" int, \"TrackId\" int, primary key (\"TrackId\", \"PlaylistId\"))");
                st.execute("insert into artist values (1, 'AC/DC', now(), now()), (2, 'Accept', now(), now())");
                st.execute("insert into album (album_id, title, artist_id, price, created_at, updated_at) values "
                        + "(10, 'Back in Black', 1, 9.99, now(), now()), (11, 'Balls to the Wall', 2, 8.99, now(), now()), "
                        + "(12, 'Highway to Hell', 1, 7.99, now(), now())");
            }
        }

        private static final String UNDERSCORED = """
                {"models": {"Artist": {"table": "artist", "underscored": true},
                            "Album": {"table": "album", "underscored": true,
                                      "attributes": {"title": {"allowNull": true}, "releasedOn": {"field": "released"}}}},
                 "associations": [
                   {"type": "hasMany", "source": "Artist", "target": "Album", "foreignKey": "artistId", "as": "albums"},
                   {"type": "belongsTo", "source": "Album", "target": "Artist", "foreignKey": "artistId", "as": "artist"}]}
                """;

        @Test
        @DisplayName("unlisted columns become camelCase attributes of an underscored model, typed from java.sql.Types")
        void underscoredCamelCase() {
            Schema schema = ModelsFile.parse(UNDERSCORED, DS);
            Model artist = schema.model("Artist");
            assertThat(artist.tableName()).isEqualTo("ARTIST");
            assertThat(names(artist)).containsExactly("artistId", "name", "createdAt", "updatedAt");
            assertThat(artist.column("artistId").field()).isEqualTo("ARTIST_ID");
            assertThat(artist.primaryKey()).extracting(Column::name).containsExactly("artistId");
            assertThat(artist.column("name").allowNull()).isFalse();

            Model album = schema.model("Album");
            assertThat(names(album)).containsExactly("albumId", "title", "artistId", "releasedOn", "price", "bigCount", "isLive", "notes",
                    "code", "createdAt", "updatedAt");
            assertThat(album.column("title").allowNull()).isTrue();
            assertThat(album.column("title").type()).isEqualTo(DataType.string(160));
            assertThat(album.column("releasedOn").field()).isEqualTo("RELEASED");
            assertThat(album.column("releasedOn").type()).isEqualTo(DataType.DATE);
            assertThat(album.column("price").type()).isEqualTo(DataType.decimal(8, 2));
            assertThat(album.column("bigCount").type()).isEqualTo(DataType.BIGINT);
            assertThat(album.column("isLive").type()).isEqualTo(DataType.BOOLEAN);
            assertThat(album.column("notes").type()).isEqualTo(DataType.TEXT);
            assertThat(album.column("code").type()).isEqualTo(DataType.UUID_TYPE);
            assertThat(album.column("createdAt").type()).isEqualTo(DataType.TIMESTAMP);
            assertThat(album.findColumn("cover")).as("a BLOB has no Canopy type and is left out").isNull();
        }

        @Test
        @DisplayName("a parsed spec runs against the introspected models")
        void querySpecRuns() {
            Schema schema = ModelsFile.parse(UNDERSCORED, DS);
            try (Canopy db = Canopy.connect("jdbc:h2:mem:models-file-meta;DB_CLOSE_DELAY=-1")) {
                Query q = QuerySpec.parse(schema, """
                        {"model": "Artist", "attributes": ["name"],
                         "include": [{"association": "albums", "attributes": ["title", "price"], "where": {"price": {"$gt": 8}}}],
                         "order": [["name", "ASC"], ["albums", "title", "ASC"]]}
                        """);
                List<Map<String, Object>> artists = db.findAll(q).stream().map(Entity::toMap).toList();
                assertThat(artists).extracting(a -> a.get("name")).containsExactly("AC/DC", "Accept");
                assertThat(QuerySpecExecutionTest.pluck(artists.get(0).get("albums"), "title")).containsExactly("Back in Black");
                assertThat(((Map<?, ?>) ((List<?>) artists.get(1).get("albums")).get(0)).get("price")).isEqualTo(new BigDecimal("8.99"));
            }
        }

        @Test
        @DisplayName("a model that is not underscored names attributes like the columns; the primary key comes from the database")
        void plainNamesAndKey() {
            Schema schema = ModelsFile.parse("""
                    {"models": {"Genre": {"freezeTableName": true, "timestamps": false},
                                "PlaylistTrack": {"freezeTableName": true, "timestamps": false}}}
                    """, DS);
            assertThat(names(schema.model("Genre"))).containsExactly("GenreId", "Name");
            assertThat(schema.model("Genre").primaryKey()).extracting(Column::name).containsExactly("GenreId");
            assertThat(schema.model("PlaylistTrack").primaryKey()).extracting(Column::name).containsExactly("PlaylistId", "TrackId");
        }

        @Test
        @DisplayName("listed attributes win over the database: type and primary key")
        void listedWins() {
            Schema schema = ModelsFile.parse("""
                    {"models": {"Genre": {"table": "Genre", "timestamps": false, "primaryKey": ["Name"],
                                          "attributes": {"Name": {"type": "text"}}}}}
                    """, DS);
            assertThat(schema.model("Genre").column("Name").type()).isEqualTo(DataType.TEXT);
            assertThat(schema.model("Genre").primaryKey()).extracting(Column::name).containsExactly("Name");
        }

        static Stream<Arguments> mistakes() {
            return Stream.of(
                    Arguments.of("{\"models\": {\"Label\": {\"timestamps\": false}}}", "$.models.Label",
                            "table 'Labels' (model Label's table name; set \"table\" to name another) is not in the database; its tables: ALBUM, ARTIST, Genre, PlaylistTrack"),
                    Arguments.of("{\"models\": {\"Label\": {\"table\": \"label\", \"timestamps\": false}}}", "$.models.Label.table",
                            "table 'label' is not in the database; its tables: ALBUM, ARTIST, Genre, PlaylistTrack"),
                    Arguments.of("{\"models\": {\"Album\": {\"table\": \"album\", \"underscored\": true, \"attributes\": {\"rating\": {}}}}}",
                            "$.models.Album.attributes.rating", "table ALBUM has no column 'rating'; its columns: ALBUM_ID, TITLE"),
                    Arguments.of("{\"models\": {\"Album\": {\"table\": \"album\", \"attributes\": {\"cover\": {\"field\": \"COVER\"}}}}}",
                            "$.models.Album.attributes.cover.type", "column 'COVER' is BINARY LARGE OBJECT, which has no Canopy type"),
                    Arguments.of("{\"models\": {\"Genre\": {\"freezeTableName\": true}}}", "$.models.Genre",
                            "model Genre has timestamps (Sequelize's default) but its table Genre has no column for 'createdAt'"),
                    Arguments.of("{\"models\": {\"Artist\": {\"table\": \"artist\", \"underscored\": true}, "
                            + "\"Album\": {\"table\": \"album\", \"underscored\": true}}, \"associations\": [{\"type\": \"belongsTo\", "
                            + "\"source\": \"Album\", \"target\": \"Artist\", \"foreignKey\": \"artistID\"}]}",
                            "$.associations[0].foreignKey", "Album has no attribute 'artistID' for the foreign key of"),
                    Arguments.of("{\"models\": {\"Artist\": {\"table\": \"artist\", \"underscored\": true}, "
                            + "\"Album\": {\"table\": \"album\", \"underscored\": true}}, \"associations\": [{\"type\": \"belongsTo\", "
                            + "\"source\": \"Album\", \"target\": \"Artist\"}]}",
                            "$.associations[0]", "Album has no attribute 'ArtistArtistId' for the foreign key of Album.belongsTo(Artist as Artist)"));
        }

        @ParameterizedTest(name = "{1}: {2}")
        @MethodSource("mistakes")
        @DisplayName("a file that does not match the database fails with the JSON path and what the database has")
        void mismatchNamesItsPath(String json, String path, String message) {
            ModelsFileException e = catchThrowableOfType(ModelsFileException.class, () -> ModelsFile.parse(json, DS));
            assertThat(e).as(json).isNotNull();
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.getMessage()).startsWith(path + ": ").contains(message);
        }

        @Test
        @DisplayName("an unreachable database is a ConnectionException, not a models-file error")
        void unreachable() {
            JdbcDataSource nowhere = new JdbcDataSource();
            nowhere.setURL("jdbc:h2:tcp://127.0.0.1:1/none");
            assertThatThrownBy(() -> ModelsFile.parse("{\"models\": {\"A\": {}}}", nowhere))
                    .isInstanceOf(ConnectionException.class)
                    .hasMessageStartingWith("Cannot connect to read the models' tables");
        }
    }
}
