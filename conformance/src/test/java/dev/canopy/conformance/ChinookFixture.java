package dev.canopy.conformance;

import dev.canopy.Canopy;
import dev.canopy.chinook.ChinookData;
import java.util.EnumMap;
import java.util.Map;

/**
 * One Chinook database per kind of database, loaded once per test run and shared by every read-only scenario
 * (loading it takes a second or two; doing it per test would dominate the suite). Dropped when the JVM exits.
 */
public final class ChinookFixture {
    private static final Map<TestDatabase, TestDatabase.Handle> OPEN = new EnumMap<>(TestDatabase.class);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (OPEN) {
                OPEN.values().forEach(TestDatabase.Handle::close);
                OPEN.clear();
            }
        }));
    }

    private ChinookFixture() {}

    /** A Canopy on a loaded Chinook database of this kind (skips or fails as {@link TestDatabase#open} says). */
    public static Canopy chinook(TestDatabase kind) {
        return handle(kind).db;
    }

    /** The loaded Chinook database of this kind, for a test that opens a pool of its own on it. */
    public static TestDatabase.Handle handle(TestDatabase kind) {
        synchronized (OPEN) {
            TestDatabase.Handle h = OPEN.get(kind);
            if (h == null) {
                h = kind.open("chinook", dev.canopy.chinook.Chinook.SCHEMA);
                ChinookData.load(h.db.dataSource());
                OPEN.put(kind, h);
            }
            return h;
        }
    }
}
