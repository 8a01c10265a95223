package io.tiski.localstack.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The benchmarks' plots: line charts written as PNG (JFreeChart), headless. */
final class Plots {
    private static final Color[] COLOURS = {new Color(0x1f, 0x5f, 0xa8), new Color(0xd9, 0x53, 0x1e),
            new Color(0x3b, 0x8e, 0x3b), new Color(0x7a, 0x4f, 0xa8)};

    private Plots() {
    }

    /** One line of a chart: its name and its points (x, y). */
    record Line(String name, List<double[]> points) {
    }

    /** Where the benchmarks write their plots and result rows: {@code TISKI_BENCH_OUT}, else target/bench. */
    static Path outputDirectory() throws IOException {
        String configured = System.getenv("TISKI_BENCH_OUT");
        Path dir = Path.of(configured != null && !configured.isBlank() ? configured : "target/bench");
        Files.createDirectories(dir);
        return dir;
    }

    static Path write(Path file, String title, String xLabel, String yLabel, List<Line> lines, boolean shapes)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        for (Line line : lines) {
            XYSeries series = new XYSeries(line.name(), false, true);
            line.points().forEach(p -> series.add(p[0], p[1]));
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
        for (int i = 0; i < lines.size(); i++) {
            renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 500);
        return file;
    }
}
