package io.simdex.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.simdex.dedup.DuplicateClusters;
import io.simdex.search.InvalidQueryException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code simdex dedup}: every cluster of duplicate papers in the corpus, as JSON or CSV. */
@Command(name = "dedup", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Find every pair of papers scoring at or above a threshold, exactly, and write them grouped "
                + "into clusters: JSON (the body of GET /api/duplicates) or CSV (one row per paper).")
public final class DedupCommand extends ServiceCommand implements Callable<Integer> {

    /** The formats {@code --format} takes. */
    enum Format { JSON, CSV }

    @Option(names = "--threshold", paramLabel = "X",
            description = "Cosine a pair needs, above 0 and at most 1 (default: dedup.near-duplicate, 0.90).")
    Float threshold;

    @Option(names = "--format", paramLabel = "json|csv", converter = FormatConverter.class,
            description = "json (default) or csv.")
    Format format = Format.JSON;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of to standard output.")
    Path out;

    @Override
    public Integer call() {
        return answer(app -> {
            float t = threshold == null ? app.duplicates().options().bands().nearDuplicate() : threshold;
            if (!(t > 0f && t <= 1f)) {
                throw new InvalidQueryException("threshold", "--threshold must be above 0 and at most 1, got " + t);
            }
            DuplicateClusters clusters = app.duplicates().clusters(t);
            String text = format == Format.CSV ? ClusterCsv.write(clusters) : json(clusters);
            if (out == null) {
                return text;
            }
            try {
                Files.writeString(out, text + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            return clusters.clusters().size() + " clusters, " + clusters.pairs() + " pairs at or above " + t
                    + " written to " + out;
        }, System.out);
    }

    /** Accepts the format in any case. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "--format must be json or csv, got '" + value + "'");
            }
        }
    }
}
