package dev.canopy.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.model.Association;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import dev.canopy.translate.Translator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SchemaIntrospector: models and associations from a live database")
class SchemaIntrospectorTest {
    static final JdbcDataSource DS = new JdbcDataSource();

    @BeforeAll
    static void tables() throws SQLException {
        DS.setURL("jdbc:h2:mem:introspect;DB_CLOSE_DELAY=-1");
        try (Connection c = DS.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"zones\" (\"zid\" INT NOT NULL PRIMARY KEY, \"zone_name\" VARCHAR(64))");
            s.execute("CREATE TABLE \"events\" (\"event_id\" INT NOT NULL PRIMARY KEY, \"event_name\" VARCHAR(64) NOT NULL,"
                    + " \"event_tz\" INT REFERENCES \"zones\" (\"zid\"), \"event_creator_fk\" INT NOT NULL, \"owner_zone\" INT REFERENCES \"zones\" (\"zid\"))");
            s.execute("CREATE TABLE \"people\" (\"id\" INT NOT NULL PRIMARY KEY, \"name\" VARCHAR(40), \"manager_id\" INT REFERENCES \"people\" (\"id\"),"
                    + " \"created_at\" TIMESTAMP NOT NULL, \"updated_at\" TIMESTAMP NOT NULL)");
            s.execute("CREATE TABLE \"event_people\" (\"event_id\" INT NOT NULL REFERENCES \"events\" (\"event_id\"),"
                    + " \"person_id\" INT NOT NULL REFERENCES \"people\" (\"id\"), \"role\" VARCHAR(20), PRIMARY KEY (\"event_id\", \"person_id\"))");
            s.execute("CREATE TABLE \"teams\" (\"id\" INT NOT NULL PRIMARY KEY, \"name\" VARCHAR(40))");
            s.execute("CREATE TABLE \"matches\" (\"id\" INT NOT NULL PRIMARY KEY, \"away_team_id\" INT NOT NULL REFERENCES \"teams\" (\"id\"),"
                    + " \"home_team_id\" INT NOT NULL REFERENCES \"teams\" (\"id\"), \"venue_id\" INT REFERENCES \"zones\" (\"zid\"))");
            s.execute("CREATE TABLE \"passports\" (\"id\" INT NOT NULL PRIMARY KEY, \"person_id\" INT NOT NULL UNIQUE REFERENCES \"people\" (\"id\"))");
        }
    }

    static String aliases(Schema schema, String model) {
        return schema.associationsOf(schema.model(model)).stream()
                .map(a -> a.alias() + ":" + kind(a) + "(" + a.target().name() + ")").sorted().collect(Collectors.joining(", "));
    }

    static String kind(Association a) {
        return a.kind().name().toLowerCase();
    }

    @Test
    @DisplayName("tables become singular models; foreign keys both directions with Sequelize's names; a junction a belongsToMany each way")
    void conventions() {
        Schema schema = SchemaIntrospector.read(DS, true);
        assertThat(schema.models()).extracting(Model::name).containsExactly("EventPerson", "Event", "Match", "Passport", "Person", "Team", "Zone");
        Model event = schema.model("Event");
        assertThat(event.tableName()).isEqualTo("events");
        assertThat(event.columns()).extracting(c -> c.name() + "=" + c.field())
                .containsExactly("eventId=event_id", "eventName=event_name", "eventTz=event_tz", "eventCreatorFk=event_creator_fk", "ownerZone=owner_zone");
        assertThat(aliases(schema, "Event")).isEqualTo("eventTzZone:belongs_to(Zone), ownerZoneZone:belongs_to(Zone), people:belongs_to_many(Person)");
        assertThat(aliases(schema, "Zone")).isEqualTo("eventTzEvents:has_many(Event), matches:has_many(Match), ownerZoneEvents:has_many(Event)");
        assertThat(aliases(schema, "Person")).isEqualTo("events:belongs_to_many(Event), passport:has_one(Passport), people:has_many(Person),"
                + " person:belongs_to(Person)");
        assertThat(schema.model("Person").options().hasTimestamps()).isTrue();
        assertThat(schema.model("Zone").options().hasTimestamps()).isFalse();
    }

    @Test
    @DisplayName("the models file it writes reads back to the same models, and the seed's SQL translates against it")
    void roundTrip() {
        Schema schema = SchemaIntrospector.read(DS, true);
        String json = ModelsFile.toJson(schema);
        Schema back = ModelsFile.parse(json);
        assertThat(back.models()).extracting(Model::name).containsExactlyElementsOf(schema.models().stream().map(Model::name).toList());
        for (Model m : schema.models()) {
            assertThat(back.model(m.name()).columns()).extracting(c -> c.name() + " " + c.field() + " " + c.type() + " " + c.allowNull()
                    + " " + c.isPrimaryKey()).containsExactlyElementsOf(m.columns().stream().map(c -> c.name() + " " + c.field() + " "
                    + c.type() + " " + c.allowNull() + " " + c.isPrimaryKey()).toList());
            assertThat(aliases(back, m.name())).isEqualTo(aliases(schema, m.name()));
        }
        assertThat(ModelsFile.parse(json, DS).models()).hasSize(7);
        assertThat(ModelsFile.toJson(back)).isEqualTo(json);
        assertThat(Translator.of(back).translate("SELECT * FROM events LEFT JOIN zones ON event_tz = zid WHERE event_creator_fk = 116").toJson())
                .isEqualTo("{\"model\":\"Event\",\"where\":{\"eventCreatorFk\":116},\"include\":[{\"association\":\"eventTzZone\"}]}");
    }

    @Test
    @DisplayName("without underscored, attributes are the column names")
    void columnNames() {
        Schema schema = SchemaIntrospector.read(DS, false);
        assertThat(schema.model("Event").columns()).extracting(c -> c.name()).startsWith("event_id", "event_name");
        assertThat(aliases(schema, "Event")).isEqualTo("eventTz:belongs_to(Zone), ownerZone:belongs_to(Zone), people:belongs_to_many(Person)");
    }

    @Test
    @DisplayName("two foreign keys to one table are both named from their columns, each way: awayTeam/homeTeam, awayTeamMatches/homeTeamMatches")
    void twoKeysToOneTable() {
        for (boolean underscored : new boolean[] {true, false}) {
            Schema schema = SchemaIntrospector.read(DS, underscored);
            assertThat(aliases(schema, "Match")).isEqualTo("awayTeam:belongs_to(Team), homeTeam:belongs_to(Team), zone:belongs_to(Zone)");
            assertThat(aliases(schema, "Team")).isEqualTo("awayTeamMatches:has_many(Match), homeTeamMatches:has_many(Match)");
        }
    }

    @Test
    @DisplayName("singular model names")
    void singular() {
        assertThat(SchemaIntrospector.modelName("user_logins")).isEqualTo("UserLogin");
        assertThat(SchemaIntrospector.modelName("Categories")).isEqualTo("Category");
        assertThat(SchemaIntrospector.modelName("PlaylistTrack")).isEqualTo("PlaylistTrack");
        assertThat(SchemaIntrospector.modelName("ADDRESSES")).isEqualTo("Address");
        assertThat(SchemaIntrospector.modelName("status")).isEqualTo("Status");
    }
}
