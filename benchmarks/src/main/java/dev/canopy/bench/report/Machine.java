package dev.canopy.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a report was made on, read from {@code /proc} where there is one. */
public record Machine(String cpu, int cores, String memory, String os, String loadAverage) {

    public static Machine current() {
        String cpu = "unknown";
        List<String> cpuinfo = lines("/proc/cpuinfo");
        for (String l : cpuinfo) {
            if (l.startsWith("model name")) {
                cpu = l.substring(l.indexOf(':') + 1).trim();
                break;
            }
        }
        String memory = "unknown";
        for (String l : lines("/proc/meminfo")) {
            if (l.startsWith("MemTotal:")) {
                long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
                memory = String.format("%.1f GiB", kb / 1024.0 / 1024.0);
                break;
            }
        }
        List<String> load = lines("/proc/loadavg");
        String loadAverage = load.isEmpty() ? "unknown" : String.join(" / ", List.of(load.get(0).split(" ")).subList(0, 3));
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")";
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memory, os, loadAverage);
    }

    private static List<String> lines(String path) {
        try {
            return Files.readAllLines(Path.of(path));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
