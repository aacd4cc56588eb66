package dev.canopy.bench.report;

import java.util.Map;

/**
 * One benchmark's result as JMH's JSON gives it: the method, its parameters, the primary score with its error
 * (the half-width of the 99.9% confidence interval, NaN when there were too few iterations) and the secondary
 * metrics (allocation per operation from {@code -prof gc}, auxiliary counters).
 */
public record BenchResult(String benchmark, Map<String, String> params, double score, double error, String unit,
                          Map<String, Metric> secondary) {

    /** A secondary metric: score, error, unit. */
    public record Metric(double score, double error, String unit) {}

    /** {@code HydrationBenchmark} of {@code dev.canopy.bench.HydrationBenchmark.jdbc}. */
    public String className() {
        String[] parts = benchmark.split("\\.");
        return parts[parts.length - 2];
    }

    /** {@code jdbc} of {@code dev.canopy.bench.HydrationBenchmark.jdbc}. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    public String param(String name) {
        return params.get(name);
    }

    public int intParam(String name, int otherwise) {
        String v = params.get(name);
        return v == null ? otherwise : Integer.parseInt(v);
    }

    /** Bytes allocated per operation ({@code gc.alloc.rate.norm}), or null without {@code -prof gc}. */
    public Metric allocation() {
        for (Map.Entry<String, Metric> e : secondary.entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return e.getValue();
            }
        }
        return null;
    }

    /** A secondary metric by exact name, or null. */
    public Metric metric(String name) {
        return secondary.get(name);
    }

    /** The same benchmark with the same parameters: how results of two runs are matched. */
    public String key() {
        return benchmark + new java.util.TreeMap<>(params);
    }
}
