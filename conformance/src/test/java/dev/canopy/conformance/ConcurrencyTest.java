package dev.canopy.conformance;

import static dev.canopy.chinook.Chinook.ALBUM;
import static dev.canopy.chinook.Chinook.ARTIST;
import static dev.canopy.chinook.Chinook.CUSTOMER;
import static dev.canopy.chinook.Chinook.INVOICE;
import static dev.canopy.chinook.Chinook.PLAYLIST;
import static dev.canopy.chinook.Chinook.TRACK;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.canopy.Canopy;
import dev.canopy.PlanCacheStats;
import dev.canopy.chinook.Chinook;
import dev.canopy.sql.StatementEvent;
import dev.canopy.result.Entity;
import dev.canopy.query.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Load: one Canopy shared by 64 threads running mixed include queries (joined, separate, per-parent limit,
 * belongsToMany, paging) for a fixed number of rounds gives every thread exactly the graph a single thread gets, runs
 * only the SQL texts a single thread runs, plans each query once (the plan cache's misses are the distinct queries),
 * and leaks no connection (HikariCP's leak detection on, no active connection afterwards). Before plans were values, a
 * separate include's plan closed over the planner's mutable state, and this mix failed one run in a few hundred with
 * an unknown column. {@code -Dcanopy.load.threads} and {@code -Dcanopy.load.rounds} make the load heavier.
 */
class ConcurrencyTest {
    static final int THREADS = Integer.getInteger("canopy.load.threads", 64);
    static final int ROUNDS = Integer.getInteger("canopy.load.rounds", 4);
    /** The pool the threads share: fewer connections than threads, so they queue for them as in production. */
    static final int POOL = 16;

    /** The mix: every strategy the planner has, each query planned once and shared. */
    static Map<String, Query> mix() {
        Map<String, Query> m = new LinkedHashMap<>();
        m.put("separate per-parent limit, nested joins", Query.from(PLAYLIST)
                .include(Chinook.PLAYLIST_TRACKS, t -> t.separate().order(TRACK.name.asc()).limit(5)
                        .include(Chinook.TRACK_ALBUM, a -> a.include(Chinook.ALBUM_ARTIST)).include(Chinook.TRACK_GENRE))
                .order(PLAYLIST.playlistId.asc()));
        m.put("joined to-many chain, paged", Query.from(ARTIST).include("albums", a -> a.include("tracks"))
                .order(ARTIST.name.asc(), ALBUM.title.at("albums").asc()).limit(20).offset(10));
        m.put("belongsToMany joined, required", Query.from(PLAYLIST).include("tracks", t -> t.required().where(TRACK.milliseconds.lt(200_000)))
                .order(PLAYLIST.playlistId.asc()));
        m.put("sibling to-many: one joined, one separate", Query.from(CUSTOMER).include("invoices", i -> i.include("lines"))
                .include("supportRep").order(CUSTOMER.customerId.asc()).limit(15));
        m.put("separate with its own where and order", Query.from(ALBUM)
                .include("tracks", t -> t.separate().where(TRACK.name.startsWith("A")).order(TRACK.trackId.desc()))
                .include("artist").where(ALBUM.albumId.le(120)).order(ALBUM.albumId.asc()));
        m.put("to-one chain with path order", Query.from(INVOICE).include("customer", c -> c.include("supportRep"))
                .order(CUSTOMER.country.at("customer").asc(), INVOICE.invoiceId.desc()).limit(50));
        return m;
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("64 threads on one Canopy get the single-threaded graphs, run the single-threaded SQL, plan once, leak nothing")
    void sharedCanopyGivesEveryThreadTheSameGraphs(TestDatabase kind) throws Exception {
        Canopy shared = ChinookFixture.chinook(kind);
        TestDatabase.Handle h = ChinookFixture.handle(kind);
        Set<String> expectedSql = ConcurrentHashMap.newKeySet();
        Map<String, List<Entity>> expected = new LinkedHashMap<>();
        try (Canopy single = Canopy.using(shared.dataSource(), shared.dialect(), Chinook.SCHEMA, e -> expectedSql.add(e.sql()))) {
            mix().forEach((name, q) -> expected.put(name, single.findAll(q)));
        }
        assertThat(expected.values()).allSatisfy(graph -> assertThat(graph).isNotEmpty());

        Set<String> ranSql = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new ArrayList<>();
        List<StatementEvent> errors = new ArrayList<>();
        List<String> names = new ArrayList<>(expected.keySet());
        List<Query> queries = new ArrayList<>(mix().values());
        Canopy.Builder builder = Canopy.builder(h.url).schema(Chinook.SCHEMA).poolSize(POOL).onStatement(e -> {
            ranSql.add(e.sql());
            if (e.error() != null) {
                synchronized (errors) {
                    errors.add(e);
                }
            }
        });
        if (h.user != null) {
            builder = builder.user(h.user).password(h.password);
        }
        try (Canopy db = builder.build()) {
            HikariDataSource pool = (HikariDataSource) db.dataSource();
            pool.setLeakDetectionThreshold(ConnectionFaultsTest.LEAK_THRESHOLD_MS);
            // Threads queue for the 16 connections; on a busy 2-core machine the default 10 s wait is not enough.
            pool.setConnectionTimeout(TimeUnit.MINUTES.toMillis(5));
            ExecutorService executor = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                done.add(executor.submit(() -> {
                    start.await();
                    for (int r = 0; r < ROUNDS; r++) {
                        int i = (offset + r) % queries.size();
                        List<Entity> got = db.findAll(queries.get(i));
                        if (!got.equals(expected.get(names.get(i)))) {
                            throw new AssertionError("thread " + offset + ", round " + r + ": '" + names.get(i) + "' differs from the single-threaded graph");
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                try {
                    f.get(5, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            executor.shutdown();
            assertThat(failures).as("failures of the threads").isEmpty();
            assertThat(errors).as("statements that failed").isEmpty();
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connections still held after the load").isZero();
            PlanCacheStats plans = db.planCacheStats();
            assertThat(plans.misses()).as("queries planned (each once, however many threads ask)").isEqualTo(queries.size());
            assertThat(plans.hits() + plans.misses()).as("plan cache lookups: one per findAll").isEqualTo((long) THREADS * ROUNDS);
            assertThat(plans.size()).as("plans held").isEqualTo(queries.size());
            assertThat(plans.evictions()).as("plans evicted").isZero();
        }
        assertThat(ranSql).as("the SQL texts run concurrently are those a single thread runs").isEqualTo(expectedSql);
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a plan prints the same SQL every time it is asked, separate statements included")
    void planPrintsTheSameSqlEveryTime(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        for (Query q : mix().values()) {
            String first = Canopy.explain(q, Chinook.SCHEMA, db.dialect());
            for (int i = 0; i < 5; i++) {
                assertThat(db.explain(q)).isEqualTo(first);
            }
        }
    }
}
