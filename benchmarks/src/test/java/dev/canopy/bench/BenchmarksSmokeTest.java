package dev.canopy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Keeps the benchmarks from rotting: CI runs every benchmark once, in this JVM, on a tiny dataset, and checks that
 * each produced a result and that each contestant's graph (for writes: the rows it wrote) was checked equal to
 * hand-written JDBC's. Timings are never judged here.
 */
class BenchmarksSmokeTest {
    private static final List<Class<?>> BENCHMARKS = List.of(HydrationBenchmark.class, EndToEndBenchmark.class,
            PlanningBenchmark.class, CartesianBenchmark.class, WriteBenchmark.class, ChinookBenchmark.class, StreamingBenchmark.class);

    @Test
    @DisplayName("every benchmark runs once on a tiny dataset, and every contestant's graph equals hand-written JDBC's")
    void everyBenchmarkRunsOnce() throws RunnerException {
        // another JMH run on the machine (a developer's report) must not make CI fail
        System.setProperty("jmh.ignoreLock", "true");
        Options options = new OptionsBuilder()
                .include("dev\\.canopy\\.bench\\..*Benchmark\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .param("users", "12")
                .param("postsPerUser", "3")
                .param("commentsPerPost", "2")
                .param("rows", "200")
                .param("authors", "20")
                .param("db", "h2")
                .param("chinookDb", "h2")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        Set<String> expected = new TreeSet<>();
        for (Class<?> c : BENCHMARKS) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Benchmark.class)) {
                    expected.add(c.getName() + "." + m.getName());
                }
            }
        }
        Set<String> ran = new TreeSet<>();
        for (RunResult r : results) {
            ran.add(r.getParams().getBenchmark());
            assertThat(r.getPrimaryResult().getScore()).as(r.getParams().getBenchmark()).isPositive();
        }
        assertThat(ran).isEqualTo(expected);

        Set<String> checks = Verification.passedChecks();
        for (String benchmark : expected) {
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String scenario = benchmark.contains("Hydration") ? "hydration" : benchmark.contains("EndToEnd") ? "end-to-end/h2"
                    : benchmark.contains("Planning") ? "planning" : benchmark.contains("Write") ? "writes/h2"
                    : benchmark.contains("Chinook") ? "chinook/h2" : benchmark.contains("Streaming") ? "streaming" : "cartesian";
            assertThat(checks).as("the equality check of " + benchmark).contains(scenario + "/" + method);
        }
    }
}
