package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canopy.Canopy;
import dev.canopy.error.CanopyException;
import dev.canopy.error.DatabaseException;
import dev.canopy.json.QuerySpec;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Condition;
import dev.canopy.query.Operator;
import dev.canopy.query.Query;
import dev.canopy.result.Entity;
import dev.canopy.sql.StatementEvent;
import dev.canopy.write.Values;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile values for every operator, on every database: quotes, backslashes, {@code %} and {@code _}, jOOQ's own
 * LIKE escape character, NUL, astral characters, a 100 KB string, strings that look like bind markers, {@code $path$}
 * references or operators. A table is seeded with them (through Canopy), then every operator is asked with every
 * value, and two things are checked for each case:
 *
 * <ul>
 *   <li>no value reaches the SQL text: every statement Canopy runs (seen through a {@code StatementListener}) is the
 *       statement it runs for a harmless value of the same shape, and none contains the value;</li>
 *   <li>the rows found are right: for the equality, pattern and list operators they are what Java computes from the
 *       seeded strings under the database's documented semantics (MariaDB's {@code utf8mb4_general_ci} folds case and
 *       ignores trailing spaces; a raw {@code like} pattern escapes with a backslash on every database, and one that
 *       ends it stands for itself; {@code startsWith}, {@code endsWith} and {@code contains} take their value literally);
 *       for the ordering operators, whose order is the collation's, they are what a hand-written statement with the
 *       same bind finds.</li>
 * </ul>
 *
 * <p>PostgreSQL cannot store NUL in text: writing it, and comparing with it, raise a typed {@link CanopyException}
 * (the driver refuses the bind before the statement reaches the server), which the test asserts instead. SQLite
 * refuses a LIKE pattern over 50,000 bytes with a {@link DatabaseException}, asserted for the 100 KB value.
 */
@DisplayName("Hostile values")
class HostileValuesTest {

    static final class Note extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> body = text("body");

        Note() { super("HostileNote", ModelOptions.defaults().timestamps(false)); }
    }

    static final Note NOTE = new Note();
    static final Schema SCHEMA = Schema.builder().model(NOTE).build();
    /** SQLite's {@code SQLITE_MAX_LIKE_PATTERN_LENGTH}: a longer pattern is refused ("LIKE or GLOB pattern too complex"). */
    static final int SQLITE_LIKE_PATTERN_BYTES = 50_000;
    static final String NUL = "nul\u0000byte";
    static final String BIG = "big'\"\\%_" + "x".repeat(100_000) + "'\"\\%_end";

    /** The hostile values, by a name a failure prints. */
    static Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("single quotes", "it's O'Brien's");
        v.put("double quotes", "say \"hi\"");
        v.put("backslash", "back\\slash");
        v.put("trailing backslash", "ends with \\");
        v.put("backslash then quote", "\\' or 1=1 --");
        v.put("injection", "'); DROP TABLE \"HostileNote\"; --");
        v.put("percent", "100% sure");
        v.put("underscore", "snake_case");
        v.put("lone percent", "%");
        v.put("lone underscore", "_");
        v.put("escaped percent", "\\%");
        v.put("jOOQ's escape character", "wow!%!_!");
        v.put("bind marker", "why? ?");
        v.put("named and numbered markers", ":name and $1");
        v.put("path reference", "$album.Title$");
        v.put("operator name", "$gt");
        v.put("JSON object text", "{\"$eq\": 1}");
        v.put("emoji and astral", "smile \uD83D\uDE00 clef \uD834\uDD1E");
        v.put("newline and tab", "line\nbreak\ttab");
        v.put("empty", "");
        v.put("NUL", NUL);
        v.put("100 KB", BIG);
        return v;
    }

    /** The operators with one string value, and what they mean in Java, given the database. */
    enum Op {
        EQ, NE, GT, GE, LT, LE, LIKE, NOT_LIKE, ILIKE, NOT_ILIKE, STARTS_WITH, ENDS_WITH, CONTAINS,
        IN, NOT_IN, BETWEEN, NOT_BETWEEN;

        /** The operators that bind a LIKE pattern. */
        static final Set<Op> PATTERNS = EnumSet.of(LIKE, NOT_LIKE, ILIKE, NOT_ILIKE, STARTS_WITH, ENDS_WITH, CONTAINS);

        /** The ordering operators, whose answer is the collation's: checked against hand-written SQL. */
        static final Set<Op> ORDERED = EnumSet.of(GT, GE, LT, LE, BETWEEN, NOT_BETWEEN);

        Condition condition(String v) {
            switch (this) {
                case EQ: return NOTE.body.eq(v);
                case NE: return NOTE.body.ne(v);
                case GT: return NOTE.body.gt(v);
                case GE: return NOTE.body.ge(v);
                case LT: return NOTE.body.lt(v);
                case LE: return NOTE.body.le(v);
                case LIKE: return NOTE.body.like(v);
                case NOT_LIKE: return NOTE.body.notLike(v);
                case ILIKE: return NOTE.body.iLike(v);
                case NOT_ILIKE: return NOTE.body.notILike(v);
                case STARTS_WITH: return NOTE.body.startsWith(v);
                case ENDS_WITH: return NOTE.body.endsWith(v);
                case CONTAINS: return NOTE.body.contains(v);
                case IN: return NOTE.body.isIn(v, "plain one", "plain two");
                case NOT_IN: return NOTE.body.notIn(v, "plain one");
                case BETWEEN: return NOTE.body.between(v, "zzz");
                default: return NOTE.body.notBetween(v, "zzz");
            }
        }

        /** The hand-written WHERE clause of an ordering operator, and its binds. */
        String where() {
            switch (this) {
                case GT: return "\"body\" > ?";
                case GE: return "\"body\" >= ?";
                case LT: return "\"body\" < ?";
                case LE: return "\"body\" <= ?";
                case BETWEEN: return "\"body\" BETWEEN ? AND 'zzz'";
                case NOT_BETWEEN: return "\"body\" NOT BETWEEN ? AND 'zzz'";
                default: throw new IllegalStateException(name() + " is not ordered");
            }
        }

        /** Whether a non-null stored string matches, on database {@code kind}. */
        boolean matches(TestDatabase kind, String stored, String v) {
            Semantics s = new Semantics(kind);
            switch (this) {
                case EQ: return s.equal(stored, v);
                case NE: return !s.equal(stored, v);
                case LIKE: return s.like(stored, v, s.rawEscape());
                case NOT_LIKE: return !s.like(stored, v, s.rawEscape());
                case ILIKE: return s.like(lower(stored), lower(v), s.rawEscape());
                case NOT_ILIKE: return !s.like(lower(stored), lower(v), s.rawEscape());
                case STARTS_WITH: return s.like(stored, literal(v) + "%", '\\');
                case ENDS_WITH: return s.like(stored, "%" + literal(v), '\\');
                case CONTAINS: return s.like(stored, "%" + literal(v) + "%", '\\');
                case IN: return s.equal(stored, v) || s.equal(stored, "plain one") || s.equal(stored, "plain two");
                case NOT_IN: return !s.equal(stored, v) && !s.equal(stored, "plain one");
                default: throw new IllegalStateException(name() + " is checked against SQL");
            }
        }

        private static String lower(String s) {
            return s.toLowerCase(Locale.ROOT);
        }

        /** {@code v} as a LIKE pattern that matches itself only, with {@code \} as escape character. */
        private static String literal(String v) {
            return v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }
    }

    /** String comparison and LIKE as each database does them by default. */
    record Semantics(TestDatabase kind) {
        /** A raw pattern's escape character: a backslash on every database (Canopy says so on SQLite too). */
        char rawEscape() {
            return '\\';
        }

        boolean equal(String a, String b) {
            if (kind == TestDatabase.MARIADB) {
                return fold(stripTrailingSpaces(a)).equals(fold(stripTrailingSpaces(b)));
            }
            return a.equals(b);
        }

        /** {@code value LIKE pattern}: {@code %} any run, {@code _} one character, {@code escape} (0: none). */
        boolean like(String value, String pattern, char escape) {
            String v = value;
            String p = pattern;
            if (kind == TestDatabase.MARIADB) {
                v = fold(v);
                p = fold(p);
            } else if (kind == TestDatabase.SQLITE) {
                v = asciiLower(v);
                p = asciiLower(p);
            }
            return matchLike(v.codePoints().toArray(), tokens(p.codePoints().toArray(), escape));
        }

        private static final int ANY_ONE = -1;
        private static final int ANY_RUN = -2;

        private static int[] tokens(int[] p, char escape) {
            int[] out = new int[p.length];
            int n = 0;
            for (int i = 0; i < p.length; i++) {
                if (escape != 0 && p[i] == escape && i + 1 < p.length) {
                    out[n++] = p[++i];
                } else {
                    out[n++] = p[i] == '%' ? ANY_RUN : p[i] == '_' ? ANY_ONE : p[i];
                }
            }
            return java.util.Arrays.copyOf(out, n);
        }

        /** The iterative wildcard match (backtracking to the last {@code %} only): linear enough for 100 KB. */
        private static boolean matchLike(int[] v, int[] p) {
            int i = 0;
            int j = 0;
            int star = -1;
            int mark = 0;
            while (i < v.length) {
                if (j < p.length && (p[j] == ANY_ONE || p[j] == v[i])) {
                    i++;
                    j++;
                } else if (j < p.length && p[j] == ANY_RUN) {
                    star = j++;
                    mark = i;
                } else if (star >= 0) {
                    j = star + 1;
                    i = ++mark;
                } else {
                    return false;
                }
            }
            while (j < p.length && p[j] == ANY_RUN) {
                j++;
            }
            return j == p.length;
        }

        private static String fold(String s) {
            return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        }

        private static String asciiLower(String s) {
            StringBuilder b = new StringBuilder(s.length());
            for (char c : s.toCharArray()) {
                b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
            return b.toString();
        }

        private static String stripTrailingSpaces(String s) {
            int n = s.length();
            while (n > 0 && s.charAt(n - 1) == ' ') {
                n--;
            }
            return s.substring(0, n);
        }
    }

    /** Whether database {@code kind} stores {@code value} as text. */
    static boolean storable(TestDatabase kind, String value) {
        return !(kind == TestDatabase.POSTGRES && value.indexOf('\u0000') >= 0);
    }

    /** A fresh database seeded with every storable value (ids from 1 in {@link #values()} order) and one NULL. */
    private static Map<Integer, String> seed(Canopy db, TestDatabase kind) {
        db.sync(SCHEMA);
        Map<Integer, String> rows = new LinkedHashMap<>();
        int id = 0;
        for (String v : values().values()) {
            id++;
            if (storable(kind, v)) {
                db.create(NOTE, Values.of(NOTE.id, id).and(NOTE.body, v));
                rows.put(id, v);
            }
        }
        db.create(NOTE, Values.of(NOTE.id, 0));
        rows.put(0, null);
        return rows;
    }

    private static Canopy recording(TestDatabase.Handle h, List<StatementEvent> events) {
        Canopy.Builder b = Canopy.builder(h.url).schema(SCHEMA).onStatement(events::add);
        if (h.user != null) {
            b = b.user(h.user).password(h.password);
        }
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("every hostile value is stored and read back unchanged, through binds only")
    void valuesRoundTrip(TestDatabase kind) {
        List<StatementEvent> events = new CopyOnWriteArrayList<>();
        try (TestDatabase.Handle h = kind.open("hostile_store"); Canopy db = recording(h, events)) {
            Map<Integer, String> rows = seed(db, kind);
            Map<Integer, String> read = new LinkedHashMap<>();
            for (Entity e : db.findAll(Query.from(NOTE).order(NOTE.id.asc()))) {
                read.put(e.get(NOTE.id), e.get(NOTE.body));
            }
            assertThat(read).isEqualTo(rows);
            assertNoValueInSql(events, rows.values());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("every operator with every hostile value finds the right rows, and the value stays out of the SQL")
    void everyOperatorWithEveryValue(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("hostile_ops")) {
            List<StatementEvent> events = new CopyOnWriteArrayList<>();
            try (Canopy db = recording(h, events)) {
                Map<Integer, String> rows = seed(db, kind);
                SoftAssertions soft = new SoftAssertions();
                int cases = 0;
                for (Op op : Op.values()) {
                    String harmlessSql = sqlOf(db, events, op.condition("harmless"));
                    for (Map.Entry<String, String> value : values().entrySet()) {
                        String v = value.getValue();
                        if (!storable(kind, v)) {
                            continue;
                        }
                        String label = kind + " " + op + " with " + value.getKey();
                        events.clear();
                        if (kind == TestDatabase.SQLITE && Op.PATTERNS.contains(op) && v.length() > SQLITE_LIKE_PATTERN_BYTES) {
                            soft.assertThatThrownBy(() -> db.findAll(Query.from(NOTE).where(op.condition(v))))
                                    .as(label).isInstanceOf(DatabaseException.class).hasMessageContaining("pattern too complex");
                            cases++;
                            continue;
                        }
                        List<Integer> found = ids(db.findAll(Query.from(NOTE).where(op.condition(v)).order(NOTE.id.asc())));
                        List<Integer> expected = Op.ORDERED.contains(op)
                                ? Jdbc.ints(db, "SELECT \"id\" FROM \"" + NOTE.tableName() + "\" WHERE " + op.where()
                                        + " ORDER BY \"id\"", v)
                                : rows.entrySet().stream().filter(r -> r.getValue() != null && op.matches(kind, r.getValue(), v))
                                        .map(Map.Entry::getKey).sorted().collect(Collectors.toList());
                        soft.assertThat(found).as(label + ": rows found").isEqualTo(expected);
                        soft.assertThat(events).as(label + ": statements run").hasSize(1);
                        if (!events.isEmpty()) {
                            StatementEvent e = events.get(0);
                            soft.assertThat(e.sql()).as(label + ": the SQL is the harmless value's").isEqualTo(harmlessSql);
                            if (v.length() > 2) {
                                soft.assertThat(e.sql()).as(label + ": the value is not in the SQL").doesNotContain(v);
                            }
                        }
                        cases++;
                    }
                }
                soft.assertAll();
                assertThat(cases).as("cases checked").isGreaterThanOrEqualTo(Op.values().length * (values().size() - 1));
            }
        }
    }

    /** The one statement a query with {@code c} runs. */
    private static String sqlOf(Canopy db, List<StatementEvent> events, Condition c) {
        events.clear();
        db.findAll(Query.from(NOTE).where(c).order(NOTE.id.asc()));
        assertThat(events).hasSize(1);
        return events.get(0).sql();
    }

    private static List<Integer> ids(List<Entity> found) {
        return found.stream().map(e -> e.get(NOTE.id)).collect(Collectors.toList());
    }

    private static void assertNoValueInSql(List<StatementEvent> events, java.util.Collection<String> values) {
        for (StatementEvent e : events) {
            for (String v : values) {
                if (v != null && v.length() > 2) {
                    assertThat(e.sql()).as("a statement's text").doesNotContain(v);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("hostile values in a JSON spec are values: the spec means the query built in Java")
    void jsonSpecValuesAreValues(TestDatabase kind) {
        ObjectMapper json = new ObjectMapper();
        Map<String, Function<String, Condition>> operators = new LinkedHashMap<>();
        for (Operator op : Operator.values()) {
            operators.put(op.json(), v -> NOTE.body.compare(op, v));
        }
        operators.put("$in", v -> NOTE.body.isIn(v));
        operators.put("$notIn", v -> NOTE.body.notIn(v));
        operators.put("$between", v -> NOTE.body.between(v, v));
        try (TestDatabase.Handle h = kind.open("hostile_json"); Canopy db = recording(h, new CopyOnWriteArrayList<>())) {
            Map<Integer, String> rows = seed(db, kind);
            for (String v : values().values()) {
                ObjectNode shorthand = json.createObjectNode().put("model", NOTE.name());
                shorthand.putObject("where").put("body", v);
                Query q = QuerySpec.parse(SCHEMA, shorthand.toString());
                assertThat(q).as("{\"body\": value}").isEqualTo(Query.from(NOTE).where(NOTE.body.eq(v)));
                for (Map.Entry<String, Function<String, Condition>> op : operators.entrySet()) {
                    ObjectNode spec = json.createObjectNode().put("model", NOTE.name());
                    ObjectNode where = spec.putObject("where").putObject("body");
                    switch (op.getKey()) {
                        case "$in": case "$notIn": where.putArray(op.getKey()).add(v); break;
                        case "$between": where.putArray(op.getKey()).add(v).add(v); break;
                        default: where.put(op.getKey(), v);
                    }
                    assertThat(QuerySpec.parse(SCHEMA, spec.toString())).as(spec.toString().substring(0, Math.min(200, spec.toString().length())))
                            .isEqualTo(Query.from(NOTE).where(op.getValue().apply(v)));
                }
                if (storable(kind, v)) {
                    Predicate<String> same = s -> s != null && new Semantics(kind).equal(s, v);
                    List<Integer> expected = rows.entrySet().stream().filter(r -> same.test(r.getValue())).map(Map.Entry::getKey)
                            .sorted().collect(Collectors.toList());
                    assertThat(ids(db.findAll(q.order(NOTE.id.asc())))).isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = "POSTGRES")
    @DisplayName("PostgreSQL refuses NUL in text with a Canopy exception, when writing and when comparing")
    void postgresRefusesNul(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("hostile_nul"); Canopy db = recording(h, new CopyOnWriteArrayList<>())) {
            db.sync(SCHEMA);
            assertThatThrownBy(() -> db.create(NOTE, Values.of(NOTE.id, 1).and(NOTE.body, NUL)))
                    .isInstanceOf(CanopyException.class).hasMessageContaining("0x00");
            assertThatThrownBy(() -> db.findAll(Query.from(NOTE).where(NOTE.body.eq(NUL))))
                    .isInstanceOf(CanopyException.class).hasMessageContaining("0x00");
            assertThat(db.count(Query.from(NOTE))).as("the next query works").isZero();
        }
    }

    /** The list itself: distinct values, with a NUL and one over 100 KB. */
    @org.junit.jupiter.api.Test
    @DisplayName("the hostile values hold a 100 KB string and a NUL")
    void theValuesAreHostile() {
        List<String> v = new ArrayList<>(values().values());
        assertThat(v).contains(NUL).anySatisfy(s -> assertThat(s.length()).isGreaterThan(100_000));
        assertThat(v).doesNotHaveDuplicates();
    }
}
