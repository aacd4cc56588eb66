package dev.canopy.typed;

import dev.canopy.result.Attribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.Canopy;
import dev.canopy.error.MappingException;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each conversion from what Canopy reads to a component type, on H2: one model with a column of every type, one
 * record per source type binding the same attribute to every component type it converts to.
 */
@NullUnmarked
class ConversionTest {
    static final class GadgetModel extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<Integer> count = integer("count").notNull();
        final Column<Long> big = bigint("big").notNull();
        final Column<BigDecimal> price = decimal("price", 12, 2).notNull();
        final Column<String> label = string("label", 40).notNull();
        final Column<Boolean> flag = bool("flag").notNull();
        final Column<LocalDate> day = date("day").notNull();
        final Column<LocalDateTime> at = timestamp("at").notNull();
        final Column<UUID> uuid = uuid("uuid").notNull();
        final Column<String> color = string("color", 20).notNull();
        private GadgetModel() { super("Gadget", ModelOptions.defaults().timestamps(false)); }
    }

    static final GadgetModel GADGET = new GadgetModel();
    static final Schema SCHEMA = Schema.builder().models(GADGET).build();
    static final UUID ID = UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    static final LocalDateTime AT = LocalDateTime.of(2024, 2, 29, 13, 45, 30);

    enum Color { RED, GREEN }

    private static Canopy db;

    @BeforeAll
    static void load() {
        db = Canopy.connect("jdbc:h2:mem:typed-conversions;DB_CLOSE_DELAY=-1", SCHEMA);
        db.sync(SCHEMA);
        String insert = "insert into \"Gadgets\" (\"id\", \"count\", \"big\", \"price\", \"label\", \"flag\", \"day\", \"at\", \"uuid\", \"color\")"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        db.execute(insert, 1, 42, 7L, new BigDecimal("12.00"), "hi", true, LocalDate.of(2024, 2, 29), AT, ID, "GREEN");
        db.execute(insert, 2, 70_000, 1L << 40, new BigDecimal("1.50"), "x", false, LocalDate.of(2024, 3, 1), AT, ID, "MAUVE");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static <T> T one(int id, Class<T> type) {
        return db.findOne(Query.from(GADGET).where(GADGET.id.eq(id)), type);
    }

    record FromInteger(@Attribute("count") int asInt, @Attribute("count") Integer asInteger, @Attribute("count") long asLong,
                       @Attribute("count") Long asBoxedLong, @Attribute("count") short asShort, @Attribute("count") Short asBoxedShort,
                       @Attribute("count") double asDouble, @Attribute("count") Double asBoxedDouble, @Attribute("count") float asFloat,
                       @Attribute("count") Float asBoxedFloat, @Attribute("count") BigInteger asBigInteger,
                       @Attribute("count") BigDecimal asBigDecimal, @Attribute("count") Number asNumber, @Attribute("count") Object asObject) {}

    @Test
    @DisplayName("an integer converts to int, long, short, double, float, BigInteger, BigDecimal, their boxes and its supertypes")
    void fromInteger() {
        assertThat(one(1, FromInteger.class)).isEqualTo(new FromInteger(42, 42, 42L, 42L, (short) 42, (short) 42, 42.0, 42.0, 42f, 42f,
                BigInteger.valueOf(42), BigDecimal.valueOf(42), 42, 42));
    }

    record FromLong(@Attribute("big") long asLong, @Attribute("big") int asInt, @Attribute("big") short asShort,
                    @Attribute("big") double asDouble, @Attribute("big") float asFloat, @Attribute("big") BigInteger asBigInteger,
                    @Attribute("big") BigDecimal asBigDecimal) {}

    @Test
    @DisplayName("a bigint converts to long, int, short, double, float, BigInteger and BigDecimal")
    void fromLong() {
        assertThat(one(1, FromLong.class)).isEqualTo(new FromLong(7L, 7, (short) 7, 7.0, 7f, BigInteger.valueOf(7), BigDecimal.valueOf(7)));
    }

    record FromDecimal(@Attribute("price") BigDecimal asBigDecimal, @Attribute("price") double asDouble, @Attribute("price") Float asFloat,
                       @Attribute("price") BigInteger asBigInteger, @Attribute("price") long asLong, @Attribute("price") int asInt,
                       @Attribute("price") short asShort) {}

    @Test
    @DisplayName("a decimal converts to BigDecimal, double, float, and exactly to BigInteger, long, int and short")
    void fromDecimal() {
        assertThat(one(1, FromDecimal.class)).isEqualTo(new FromDecimal(new BigDecimal("12.00"), 12.0, 12f, BigInteger.valueOf(12), 12L, 12, (short) 12));
    }

    record FromText(@Attribute("label") String asString, @Attribute("label") CharSequence asCharSequence, @Attribute("color") Color asEnum) {}

    @Test
    @DisplayName("a string converts to String and to an enum, by constant name")
    void fromText() {
        assertThat(one(1, FromText.class)).isEqualTo(new FromText("hi", "hi", Color.GREEN));
    }

    record FromOthers(boolean flag, @Attribute("flag") Boolean boxedFlag, LocalDate day, UUID uuid) {}

    @Test
    @DisplayName("a boolean converts to boolean and Boolean, a date to LocalDate, a uuid to UUID")
    void fromOthers() {
        assertThat(one(1, FromOthers.class)).isEqualTo(new FromOthers(true, true, LocalDate.of(2024, 2, 29), ID));
    }

    record FromTimestamp(@Attribute("at") LocalDateTime local, @Attribute("at") OffsetDateTime offset, @Attribute("at") Instant instant) {}

    @Test
    @DisplayName("a timestamp converts to LocalDateTime, and to OffsetDateTime and Instant read as UTC")
    void fromTimestamp() {
        assertThat(one(1, FromTimestamp.class)).isEqualTo(new FromTimestamp(AT, AT.atOffset(ZoneOffset.UTC), AT.toInstant(ZoneOffset.UTC)));
    }

    record NoConversion(@Attribute("day") Instant dayAsInstant, @Attribute("uuid") String uuidAsString, @Attribute("flag") int flagAsInt,
                        @Attribute("price") String priceAsString, @Attribute("label") Color labelAsEnumIsFine) {}

    @Test
    @DisplayName("pairs without a conversion are mapping errors, found before the query runs")
    void noConversion() {
        assertThatThrownBy(() -> db.findAll(Query.from(GADGET), NoConversion.class)).isInstanceOf(MappingException.class).hasMessage(
                "Cannot map Gadget to dev.canopy.typed.ConversionTest.NoConversion:\n"
                + "  - NoConversion.dayAsInstant (Instant): cannot convert Gadget.day (LocalDate) to Instant\n"
                + "  - NoConversion.uuidAsString (String): cannot convert Gadget.uuid (UUID) to String\n"
                + "  - NoConversion.flagAsInt (int): cannot convert Gadget.flag (Boolean) to int\n"
                + "  - NoConversion.priceAsString (String): cannot convert Gadget.price (BigDecimal) to String");
    }

    record IntOfBig(@Attribute("big") int big) {}
    record ShortOfCount(@Attribute("count") short count) {}
    record LongOfPrice(@Attribute("price") long price) {}
    record EnumOfColor(Color color) {}

    @Test
    @DisplayName("a value that does not fit an exact conversion fails when its row is mapped, naming the component and the value")
    void exactConversionsFailOnValuesThatDoNotFit() {
        assertThatThrownBy(() -> one(2, IntOfBig.class)).isInstanceOf(MappingException.class)
                .hasMessage("IntOfBig.big (int): cannot convert 1099511627776 (Long): integer overflow");
        assertThatThrownBy(() -> one(2, ShortOfCount.class)).isInstanceOf(MappingException.class)
                .hasMessage("ShortOfCount.count (short): cannot convert 70000 (Integer): short overflow");
        assertThatThrownBy(() -> one(2, LongOfPrice.class)).isInstanceOf(MappingException.class)
                .hasMessage("LongOfPrice.price (long): cannot convert 1.50 (BigDecimal): Rounding necessary");
        assertThatThrownBy(() -> one(2, EnumOfColor.class)).isInstanceOf(MappingException.class)
                .hasMessage("EnumOfColor.color (Color): cannot convert MAUVE (String): no constant of Color is named 'MAUVE'; it has RED, GREEN");
        assertThat(one(1, IntOfBig.class)).isEqualTo(new IntOfBig(7));
    }
}
