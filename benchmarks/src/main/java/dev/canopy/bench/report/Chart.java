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

    public static void write(Path png, String title, List<String> contestants, List<Series> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(1200).height(640).title(title)
                .xAxisTitle("contestant").yAxisTitle("throughput relative to hand-written JDBC (JDBC = 1.0)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.00");
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
            chart.addSeries(s.name(), x, y, err);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
