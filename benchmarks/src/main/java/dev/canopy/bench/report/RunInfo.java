package dev.canopy.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JMH JSON result file ({@code -rf json}) read back: the results, and how they were run (JDK, JMH, forks,
 * iterations).
 */
public record RunInfo(List<BenchResult> results, String jdk, String vm, String jmhVersion, int forks, String warmup,
                      String measurement) {

    public static RunInfo read(Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        List<BenchResult> results = new ArrayList<>();
        String jdk = "?";
        String vm = "?";
        String jmh = "?";
        int forks = 0;
        String warmup = "?";
        String measurement = "?";
        for (JsonNode n : root) {
            Map<String, String> params = new LinkedHashMap<>();
            JsonNode p = n.get("params");
            if (p != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.put(e.getKey(), e.getValue().asText());
                }
            }
            JsonNode primary = n.get("primaryMetric");
            Map<String, BenchResult.Metric> secondary = new LinkedHashMap<>();
            JsonNode sec = n.get("secondaryMetrics");
            if (sec != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = sec.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    secondary.put(e.getKey(), metric(e.getValue()));
                }
            }
            BenchResult.Metric m = metric(primary);
            results.add(new BenchResult(n.get("benchmark").asText(), params, m.score(), m.error(), m.unit(), secondary));
            jdk = n.path("jdkVersion").asText(jdk);
            vm = n.path("vmName").asText(vm) + " " + n.path("vmVersion").asText("");
            jmh = n.path("jmhVersion").asText(jmh);
            forks = n.path("forks").asInt(forks);
            warmup = n.path("warmupIterations").asInt() + " × " + n.path("warmupTime").asText("?");
            measurement = n.path("measurementIterations").asInt() + " × " + n.path("measurementTime").asText("?");
        }
        return new RunInfo(results, jdk, vm.trim(), jmh, forks, warmup, measurement);
    }

    private static BenchResult.Metric metric(JsonNode n) {
        double error = n.path("scoreError").isNumber() ? n.path("scoreError").asDouble() : Double.NaN;
        return new BenchResult.Metric(n.path("score").asDouble(Double.NaN), error, n.path("scoreUnit").asText(""));
    }
}
