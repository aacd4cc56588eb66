package dev.canopy.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The report's chart: every contestant's throughput relative to hand-written JDBC (= 1.0), per scenario, with
 * error bars from JMH's confidence intervals. Drawn with XChart, saved as PNG.
 */
public final class Chart {
    private Chart() {}

    /** One bar series: a scenario name and, per contestant label, a ratio and its error. */
    public record Series(String name, Map<String, double[]> ratios) {}

    /**
     * Writes two charts, one above the other: throughput relative to JDBC (with error bars, the axis cut at a
     * readable height), and allocation per row, which does not depend on the machine's load.
     */
    public static void write(Path png, List<String> contestants, List<Series> ratios, List<Series> bytesPerRow) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double max = 1.0;
        for (Series s : ratios) {
            for (double[] r : s.ratios().values()) {
                max = Math.max(max, r[0]);
            }
        }
        CategoryChart throughput = chart("Throughput relative to hand-written JDBC (higher is better; error bars: 99.9% CI, cut at the top)",
                "× hand-written JDBC", contestants, ratios, true);
        throughput.getStyler().setYAxisMax(Math.ceil(max * 1.3 * 2) / 2);
        CategoryChart allocation = chart("Allocation per row (lower is better; exact, whatever the machine's load)",
                "bytes per row", contestants, bytesPerRow, false);
        BitmapEncoder.saveBitmap(List.of(throughput, allocation), 2, 1, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static CategoryChart chart(String title, String yTitle, List<String> contestants, List<Series> series, boolean errors) {
        CategoryChart chart = new CategoryChartBuilder().width(1200).height(560).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(15);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern(errors ? "0.00" : "#,##0");
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setErrorBarsColor(java.awt.Color.DARK_GRAY);
        chart.getStyler().setOverlapped(false);
        for (Series s : series) {
            List<String> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (String c : contestants) {
                double[] r = s.ratios().get(c);
                x.add(c);
                y.add(r == null ? 0.0 : r[0]);
                err.add(r == null || Double.isNaN(r[1]) ? 0.0 : r[1]);
            }
            if (errors) {
                chart.addSeries(s.name(), x, y, err);
            } else {
                chart.addSeries(s.name(), x, y);
            }
        }
        return chart;
    }
}
