package dev.canopy.conformance;

import dev.canopy.Canopy;
import dev.canopy.dialect.Dialect;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the conformance suite runs on; a new dialect is one more constant. Each {@link #open} gives a
 * fresh, isolated database (its own name, so concurrent runs never collide) that is dropped again when closed.
 *
 * <p>A server that cannot be reached is skipped with a loud message on a developer's machine; under CI
 * ({@code CI=true}) it fails the test instead, so CI always proves every database.
 */
public enum TestDatabase {
    H2 {
        @Override
        Handle create(String label) {
            String url = "jdbc:h2:mem:" + label + ";DB_CLOSE_DELAY=-1";
            Canopy db = Canopy.builder(url).build();
            return new Handle(this, url, null, null, db, () -> db.execute("SHUTDOWN"));
        }

        @Override
        String unreachableReason() {
            return null;
        }
    };

    /** An open test database and how to get rid of it. */
    public static final class Handle implements AutoCloseable {
        public final TestDatabase kind;
        public final String url;
        public final String user;
        public final String password;
        public final Canopy db;
        private final Runnable dispose;

        Handle(TestDatabase kind, String url, String user, String password, Canopy db, Runnable dispose) {
            this.kind = kind;
            this.url = url;
            this.user = user;
            this.password = password;
            this.db = db;
            this.dispose = dispose;
        }

        public Dialect dialect() {
            return db.dialect();
        }

        @Override
        public void close() {
            try {
                dispose.run();
            } finally {
                db.close();
            }
        }
    }

    private static final ConcurrentHashMap<TestDatabase, String> UNREACHABLE = new ConcurrentHashMap<>();

    /** Creates a fresh database named after {@code label} (plus a random suffix). */
    abstract Handle create(String label);

    /** Why this database cannot be used here, or null when it can. */
    abstract String unreachableReason();

    /** Every database, for {@code @EnumSource} / {@code @MethodSource}. */
    public static List<TestDatabase> all() {
        return Arrays.asList(values());
    }

    /** Whether tests run under CI, where an unreachable server is a failure, not a skip. */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Opens a fresh database of this kind, or skips the calling test (loudly) when its server cannot be reached;
     * under CI an unreachable server fails the test.
     */
    public Handle open(String label) {
        String reason = UNREACHABLE.computeIfAbsent(this, k -> {
            String r = k.unreachableReason();
            return r == null ? "" : r;
        });
        if (!reason.isEmpty()) {
            String message = "*** " + name() + " IS NOT REACHABLE: " + reason + " — its conformance tests are SKIPPED ***";
            if (underCi()) {
                throw new AssertionError(message.replace("SKIPPED", "FAILED (CI=true)"));
            }
            System.err.println(message);
            Assumptions.abort(message);
        }
        String unique = (label + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        return create("canopy_" + unique);
    }

    /** Runs {@code body} on a fresh database of this kind and drops it afterwards. */
    public void with(String label, Consumer<Handle> body) {
        try (Handle h = open(label)) {
            body.accept(h);
        }
    }
}
