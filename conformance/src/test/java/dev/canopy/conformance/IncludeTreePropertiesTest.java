package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential property tests: random include trees over Chinook (depth up to four, siblings, required / optional,
 * wheres with every operator, order on root columns and to-one paths, attribute subsets, limit / offset, separate
 * includes with order and a per-parent limit) give on every database the answer of {@link ReferenceChinook}, an
 * in-memory evaluator of Sequelize's semantics; and a page is the slice of the unpaged answer.
 *
 * <p>Each case is a seed; {@link GeneratedQuery#generate} turns it into a query, so a failure names its seed and a
 * regression test is one line ({@link #regressions}). The normal run tries 40 seeds per database, drawn from a fixed
 * base so that CI is repeatable; a longer run draws more from another base:
 * {@code mvn -B verify -pl conformance -am -Dtest=IncludeTreePropertiesTest -Dsurefire.failIfNoSpecifiedTests=false -Dcanopy.property.tries=300 -Dcanopy.property.seed=42 -Dcanopy.property.deep=true}
 * (per-parent limits below the first level too, seconds per case on H2). Each case is a dynamic test named
 * by its database and seed. (The seeds are drawn here rather than by a property-testing library: what varies is one
 * number, and the generator makes the rest of the case from it.)
 */
class IncludeTreePropertiesTest {
    private static final Map<TestDatabase, ReferenceChinook> REFERENCES = new EnumMap<>(TestDatabase.class);

    static ReferenceChinook reference(TestDatabase kind) {
        synchronized (REFERENCES) {
            return REFERENCES.computeIfAbsent(kind, k -> ReferenceChinook.load(k, ChinookFixture.chinook(k)));
        }
    }

    /**
     * The largest answer a case compares, in characters of its canonical form (about 20,000 tracks with their
     * attributes); a case whose reference answer is larger is drawn again from a seed derived from its own, so that a
     * long run is not stopped by one case whose comparison takes minutes ({@code -Dcanopy.property.maxAnswer}).
     */
    static final long MAX_ANSWER_CHARS = Long.getLong("canopy.property.maxAnswer", 4_000_000L);

    private static long size(List<String> answer) {
        long n = 0;
        for (String s : answer) {
            n += s.length();
        }
        return n;
    }

    /** Canopy's answer equals the reference answer, and its page is the slice of its unpaged answer. */
    static void check(TestDatabase kind, long seed) {
        check(kind, seed, Boolean.getBoolean("canopy.property.deep"));
    }

    /** {@link #check(TestDatabase, long)} with per-parent limits below the first level ({@code deep}) or not. */
    static void check(TestDatabase kind, long seed, boolean deep) {
        Canopy db = ChinookFixture.chinook(kind);
        ReferenceChinook ref = reference(kind);
        ref.forget();
        GeneratedQuery q = GeneratedQuery.generate(seed, ref, deep);
        List<String> expected = q.expected(ref);
        for (int redraw = 1; size(expected) > MAX_ANSWER_CHARS; redraw++) {
            // an answer this large takes longer to compare than to find a bug with: the case is drawn again
            long next = seed * 31 + redraw;
            assertThat(redraw).as("seed %d: %d redraws, each answer over %d characters", seed, redraw, MAX_ANSWER_CHARS).isLessThan(20);
            ref.forget();
            q = GeneratedQuery.generate(next, ref, deep);
            expected = q.expected(ref);
        }
        long t0 = System.nanoTime();
        List<String> got = q.canonical(db.findAll(q.canopy()));
        long t1 = System.nanoTime();
        if (Boolean.getBoolean("canopy.property.timing")) {
            System.err.printf("%s seed %d: canopy %d ms, %d roots%n", kind, seed, (t1 - t0) / 1_000_000, got.size());
        }
        assertThat(got).as("%s on %s", q, kind).containsExactlyElementsOf(expected);
        if (q.limit != null || q.offset != null) {
            List<String> all = q.canonical(db.findAll(q.unpaged().canopy()));
            int from = q.offset == null ? 0 : Math.min(q.offset, all.size());
            int to = q.limit == null ? all.size() : Math.min(all.size(), from + q.limit);
            assertThat(got).as("the page of %s on %s is a slice of the unpaged answer", q, kind)
                    .containsExactlyElementsOf(all.subList(from, to));
        }
    }

    /**
     * Seeds worth keeping, run on every database with per-parent limits below the first level, as long runs draw them
     * ({@code canopy.property.deep}). 8275302 (albums, their tracks' invoice lines and album's tracks, each separate
     * with a per-parent limit) took 140 s on H2 and 263 (media types, their tracks' playlists: a required separate
     * belongsToMany with a per-parent limit) two minutes on MariaDB, while a separate include's parent keys were also in
     * an IN (...) outside its page table: H2 then read the table first by that index and computed the page once per
     * row. Now about 6 s and 9 s on H2 (four batches of 1,000 parent keys, each a window over them) and 2 s on the
     * others.
     */
    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    void regressions(TestDatabase kind) {
        for (long seed : new long[] {8275302L, 263L}) {
            check(kind, seed, true);
        }
    }

    /**
     * Runs one seed ({@code -Dcanopy.property.case=SEED}) on the databases named by {@code -Dcanopy.property.databases}
     * (comma-separated, all by default), printing its query and SQL ({@code Canopy.explain}) first: how a failing
     * or slow case of a long run is looked at alone.
     */
    @org.junit.jupiter.api.Test
    void oneSeed() {
        Long seed = Long.getLong("canopy.property.case");
        org.junit.jupiter.api.Assumptions.assumeTrue(seed != null, "no -Dcanopy.property.case=SEED");
        String only = System.getProperty("canopy.property.databases", "");
        for (TestDatabase kind : TestDatabase.values()) {
            if (!only.isEmpty() && !java.util.Arrays.asList(only.toUpperCase(java.util.Locale.ROOT).split(",")).contains(kind.name())) {
                continue;
            }
            GeneratedQuery q = GeneratedQuery.generate(seed, reference(kind));
            System.err.println(kind + " seed " + seed + ": " + q + "\n" + ChinookFixture.chinook(kind).explain(q.canopy()));
            check(kind, seed);
        }
    }

    /** Prints the query of a seed ({@code -Dcanopy.property.print=SEED}) without running it. */
    @org.junit.jupiter.api.Test
    void printSeed() {
        Long seed = Long.getLong("canopy.property.print");
        org.junit.jupiter.api.Assumptions.assumeTrue(seed != null, "no -Dcanopy.property.print=SEED");
        for (TestDatabase kind : TestDatabase.values()) {
            System.err.println(kind + " " + GeneratedQuery.generate(seed, reference(kind)));
        }
    }

    @TestFactory
    Stream<DynamicTest> randomIncludeTreesAnswerAsTheReferenceDoes() {
        int tries = Integer.getInteger("canopy.property.tries", 40);
        long base = Long.getLong("canopy.property.seed", 20261201L);
        List<DynamicTest> tests = new ArrayList<>();
        for (TestDatabase kind : TestDatabase.values()) {
            SplittableRandom seeds = new SplittableRandom(base);
            for (int i = 0; i < tries; i++) {
                long seed = seeds.nextLong();
                tests.add(DynamicTest.dynamicTest(kind + " seed " + seed, () -> check(kind, seed)));
            }
        }
        return tests.stream();
    }
}
