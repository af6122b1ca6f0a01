package io.simdex.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes {@code results.json}, {@code results.md} and {@code search-latency.svg} into one folder. */
public final class BenchReport {

    static final String JSON_FILE = "results.json";
    static final String MARKDOWN_FILE = "results.md";
    static final String PLOT_FILE = "search-latency.svg";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule().addSerializer(Path.class, ToStringSerializer.instance));

    private BenchReport() {
    }

    /**
     * Writes the files, creating {@code folder} if needed.
     *
     * @return the paths written
     * @throws UncheckedIOException naming the folder when a file cannot be written
     */
    public static List<Path> write(BenchResults results, Path folder) {
        try {
            return writeFiles(results, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results to " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The results as Markdown tables, as {@code results.md} holds them. */
    public static String markdown(BenchResults results) {
        return ResultsMarkdown.render(results);
    }

    private static List<Path> writeFiles(BenchResults results, Path folder) throws IOException {
        Files.createDirectories(folder);
        var written = new ArrayList<Path>();
        Path json = folder.resolve(JSON_FILE);
        JSON.writeValue(json.toFile(), results);
        written.add(json);
        Path md = folder.resolve(MARKDOWN_FILE);
        Files.writeString(md, ResultsMarkdown.render(results), StandardCharsets.UTF_8);
        written.add(md);
        List<SvgPlot.Series> series = latencySeries(results);
        if (!series.isEmpty()) {
            Path svg = folder.resolve(PLOT_FILE);
            MachineInfo m = results.machine();
            Files.writeString(svg, SvgPlot.render("Exact top-" + BenchOptions.TOP_K + " search, one query ("
                            + results.label() + ")", m.cpuModel() + ", " + m.cores() + " cores, flags "
                            + String.join(" ", m.cpuFlags()), "vectors (n, log scale)",
                    "median latency per query (log scale)", series), StandardCharsets.UTF_8);
            written.add(svg);
        }
        return written;
    }

    /** One line per system, storage and thread count (single queries), plus a dashed memory floor per thread count. */
    static List<SvgPlot.Series> latencySeries(BenchResults results) {
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        for (var row : results.search()) {
            if (row.mode().equals("single")) {
                String name = row.system() + " " + (row.storage().equals("FLOAT32") ? "" : row.storage() + " ")
                        + threads(row.threads());
                lines.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {row.n(), row.perQuery().medianMs()});
            }
        }
        var series = new ArrayList<SvgPlot.Series>();
        lines.forEach((name, points) -> series.add(new SvgPlot.Series(name, points, false)));
        if (!series.isEmpty()) {
            Map<String, List<double[]>> floors = new LinkedHashMap<>();
            for (var b : results.memory()) {
                floors.computeIfAbsent("memory floor " + threads(b.threads()), k -> new ArrayList<>())
                        .add(new double[] {b.n(), b.pass().medianMs()});
            }
            floors.forEach((name, points) -> series.add(new SvgPlot.Series(name, points, true)));
        }
        return series;
    }

    private static String threads(int t) {
        return t + (t == 1 ? " thread" : " threads");
    }
}
