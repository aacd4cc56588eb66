package dev.canopy.bench;

import dev.canopy.bench.views.UserView;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The check every benchmark makes before timing: each contestant's graph must equal hand-written JDBC's, record for
 * record. A difference stops the benchmark with the first place where the graphs part. Checks that passed are
 * remembered (per JVM), so that the smoke test can assert that every contestant was checked.
 */
public final class Verification {
    private static final Set<String> PASSED = ConcurrentHashMap.newKeySet();

    private Verification() {}

    /** Throws unless {@code actual} equals {@code expected}; {@code expected} must not be empty. */
    public static void check(String scenario, String contestant, List<UserView> expected, List<UserView> actual) {
        if (expected.isEmpty()) {
            throw new IllegalStateException(scenario + ": the hand-written JDBC result is empty; nothing to compare");
        }
        if (!expected.equals(actual)) {
            throw new IllegalStateException(scenario + ": " + contestant + " differs from hand-written JDBC: " + firstDifference(expected, actual));
        }
        PASSED.add(scenario + "/" + contestant);
    }

    /** Records a check that compared something other than view records (e.g. Canopy's strategies with each other). */
    public static void passed(String scenario, String contestant) {
        PASSED.add(scenario + "/" + contestant);
    }

    /** {@code scenario/contestant} of every check that passed in this JVM. */
    public static Set<String> passedChecks() {
        return new TreeSet<>(PASSED);
    }

    private static String firstDifference(List<UserView> expected, List<UserView> actual) {
        if (actual == null) {
            return "no result";
        }
        if (expected.size() != actual.size()) {
            return expected.size() + " users expected, " + actual.size() + " found";
        }
        for (int i = 0; i < expected.size(); i++) {
            UserView e = expected.get(i);
            UserView a = actual.get(i);
            if (Objects.equals(e, a)) {
                continue;
            }
            if (e.id() != a.id() || !Objects.equals(e.name(), a.name())) {
                return "user #" + i + ": expected " + e.id() + " " + e.name() + ", found " + a.id() + " " + a.name();
            }
            if (e.posts().size() != a.posts().size()) {
                return "user " + e.id() + ": " + e.posts().size() + " posts expected, " + a.posts().size() + " found";
            }
            for (int p = 0; p < e.posts().size(); p++) {
                if (!e.posts().get(p).equals(a.posts().get(p))) {
                    return "user " + e.id() + ", post #" + p + ": expected " + e.posts().get(p) + ", found " + a.posts().get(p);
                }
            }
        }
        return "(no difference found element by element)";
    }
}
