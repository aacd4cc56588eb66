package dev.canopy.conformance;

import static dev.canopy.conformance.SeedCasesTest.ARTICLE;
import static dev.canopy.conformance.SeedCasesTest.BAR;
import static dev.canopy.conformance.SeedCasesTest.DIVE_LOG;
import static dev.canopy.conformance.SeedCasesTest.DOCUMENT;
import static dev.canopy.conformance.SeedCasesTest.FOO;
import static dev.canopy.conformance.SeedCasesTest.ORGANIZATION;
import static dev.canopy.conformance.SeedCasesTest.PHOTO;
import static dev.canopy.conformance.SeedCasesTest.POST;
import static dev.canopy.conformance.SeedCasesTest.REFERENCE;
import static dev.canopy.conformance.SeedCasesTest.USER;
import static dev.canopy.conformance.SeedCasesTest.USER_LOGIN;

import dev.canopy.Canopy;
import dev.canopy.model.Model;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * One database per kind with the seed cases' tables and rows side by side (events and zones created by hand, as a
 * database Canopy did not create; the others by {@code sync}), loaded once per run for read-only scenarios.
 */
final class SeedFixture {
    private static final Map<TestDatabase, TestDatabase.Handle> OPEN = new EnumMap<>(TestDatabase.class);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (OPEN) {
                OPEN.values().forEach(TestDatabase.Handle::close);
                OPEN.clear();
            }
        }));
    }

    /** The seed's schemas in one: their models are distinct, so one schema serves the whole seed database. */
    static final dev.canopy.model.Schema SEED = TestDatabase.merged(SeedCasesTest.EVENTS, SeedCasesTest.DOCUMENTS, SeedCasesTest.FOOBAR, SeedCasesTest.LOGINS);

    private SeedFixture() {}

    static Canopy seed(TestDatabase kind) {
        synchronized (OPEN) {
            TestDatabase.Handle h = OPEN.get(kind);
            if (h == null) {
                h = kind.open("seed", SEED);
                load(h.db);
                OPEN.put(kind, h);
            }
            return h.db;
        }
    }

    private static void load(Canopy db) {
        Jdbc.execute(db, "CREATE TABLE \"zones\" (\"zid\" INT NOT NULL PRIMARY KEY, \"zone_name\" VARCHAR(64))");
        Jdbc.execute(db, "CREATE TABLE \"events\" (\"event_id\" INT NOT NULL PRIMARY KEY, \"event_name\" VARCHAR(64) NOT NULL, "
                + "\"event_tz\" INT, \"event_creator_fk\" INT NOT NULL)");
        Jdbc.execute(db, "INSERT INTO \"zones\" (\"zid\", \"zone_name\") VALUES (?, ?)", 1, "UTC");
        Jdbc.execute(db, "INSERT INTO \"zones\" (\"zid\", \"zone_name\") VALUES (?, ?)", 2, "CET");
        Jdbc.execute(db, "INSERT INTO \"zones\" (\"zid\", \"zone_name\") VALUES (?, ?)", 3, "PST");
        Object[][] events = {{1, "launch", 1, 116}, {2, "review", 2, 116}, {3, "no zone", null, 116}, {4, "lost zone", 99, 116},
                {5, "someone else's", 1, 117}, {6, "retro", 2, 117}};
        for (Object[] e : events) {
            Jdbc.execute(db, "INSERT INTO \"events\" (\"event_id\", \"event_name\", \"event_tz\", \"event_creator_fk\") VALUES (?, ?, ?, ?)", e);
        }

        db.sync(SeedCasesTest.DOCUMENTS);
        Rows.insert(db, ORGANIZATION, "id", 1, "name", "Acme");
        Rows.insert(db, ORGANIZATION, "id", 2, "name", "Globex");
        Rows.insert(db, USER, "id", 1, "name", "ann", "organizationId", 1);
        Rows.insert(db, USER, "id", 2, "name", "bob", "organizationId", 1);
        Rows.insert(db, USER, "id", 3, "name", "cid", "organizationId", 2);
        Rows.insert(db, USER, "id", 4, "name", "dan", "organizationId", null);
        Rows.insert(db, REFERENCE, "id", 1, "code", "R-1");
        Rows.insert(db, REFERENCE, "id", 2, "code", "R-2");
        Rows.insert(db, DOCUMENT, "id", 1, "title", "d1", "documentDate", LocalDate.of(2024, 1, 10), "userId", 1, "referenceId", 1);
        Rows.insert(db, DOCUMENT, "id", 2, "title", "d2", "documentDate", LocalDate.of(2024, 3, 5), "userId", 2, "referenceId", null);
        Rows.insert(db, DOCUMENT, "id", 3, "title", "d3", "documentDate", LocalDate.of(2024, 2, 1), "userId", 3, "referenceId", 1);
        Rows.insert(db, DOCUMENT, "id", 4, "title", "d4", "documentDate", LocalDate.of(2023, 12, 31), "userId", 1, "referenceId", null);
        Rows.insert(db, DOCUMENT, "id", 5, "title", "d5", "documentDate", LocalDate.of(2024, 2, 20), "userId", 2, "referenceId", 2);

        db.sync(SeedCasesTest.FOOBAR);
        Rows.insert(db, FOO, "idfoo", 10, "name", "ten");
        Rows.insert(db, FOO, "idfoo", 20, "name", "twenty");
        Rows.insert(db, FOO, "idfoo", 30, "name", "thirty");
        Rows.insert(db, BAR, "idbar", 1, "idfoo", 10, "label", "a");
        Rows.insert(db, BAR, "idbar", 2, "idfoo", 10, "label", "b");
        Rows.insert(db, BAR, "idbar", 3, "idfoo", 20, "label", "c");
        Rows.insert(db, BAR, "idbar", 4, "idfoo", null, "label", "orphan");

        db.sync(SeedCasesTest.LOGINS);
        Rows.insert(db, USER_LOGIN, "id", 1, "username", "diver");
        Rows.insert(db, USER_LOGIN, "id", 2, "username", "writer");
        Rows.insert(db, USER_LOGIN, "id", 3, "username", "lurker");
        int id = 0;
        for (Object[] row : new Object[][] {{DIVE_LOG, 1, "dive 1"}, {DIVE_LOG, 1, "dive 2"}, {ARTICLE, 1, "how to dive"},
                {PHOTO, 1, "reef"}, {PHOTO, 1, "shark"}, {PHOTO, 1, "wreck"}, {ARTICLE, 2, "essay"}, {ARTICLE, 2, "review"},
                {PHOTO, 2, "desk"}, {POST, 2, "hello"}, {POST, 2, "again"}}) {
            Rows.insert(db, (Model) row[0], "id", ++id, "userId", row[1], "title", row[2]);
        }
    }
}
