package io.simdex.tools.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.simdex.encode.Embedding;
import io.simdex.encode.Encoder;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Encodes an evaluation's texts through an {@link EmbeddingCache}, so a second run only searches, and
 * prints progress while it encodes. Texts go to the model longest first in slices, so each model batch
 * holds texts of similar length.
 */
public final class EvalEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(EvalEncoder.class);

    private static final int SLICE = 128;

    private final Encoder encoder;
    private final Optional<Path> cacheDir;
    private final PrintStream progress;
    private final Optional<String> singleWindowTwin;
    /** Set once saving failed, so a read-only {@code cache.dir} is reported once, not once per data set. */
    private boolean cacheUnwritable;

    /**
     * @param cacheDir where vectors are kept between runs ({@code cache.dir}); empty to always encode
     * @param progress where progress lines go (standard error for the command line)
     */
    public EvalEncoder(Encoder encoder, Optional<Path> cacheDir, PrintStream progress) {
        this(encoder, cacheDir, progress, Optional.empty());
    }

    /**
     * An encoder that may also take vectors from another model identity's cache for texts that fitted the
     * token budget there: a chunking encoder's truncating twin, whose vector for a text of one window is the
     * same.
     *
     * @param singleWindowTwin the twin's model id ({@code OnnxEncoder.truncatingModelId()})
     */
    public EvalEncoder(Encoder encoder, Optional<Path> cacheDir, PrintStream progress,
                       Optional<String> singleWindowTwin) {
        this.encoder = encoder;
        this.cacheDir = cacheDir;
        this.progress = progress;
        this.singleWindowTwin = singleWindowTwin.filter(id -> !id.equals(encoder.modelId()));
    }

    public Encoder encoder() {
        return encoder;
    }

    /** Embeds documents (no query instruction). */
    public Encoded documents(String namespace, List<String> texts) {
        return encode(namespace, texts, false);
    }

    /** Embeds search queries, with the model's query instruction in front when it has one. */
    public Encoded queries(String namespace, List<String> texts) {
        return encode(namespace, texts, true);
    }

    private Encoded encode(String namespace, List<String> texts, boolean asQueries) {
        String prefix = asQueries ? encoder.queryInstruction() : "";
        Optional<EmbeddingCache> cache = cacheDir.map(dir -> new EmbeddingCache(
                EmbeddingCache.fileFor(dir, encoder.modelName(), encoder.modelId(), "eval-" + namespace),
                encoder.modelId(), encoder.dimension()));
        Map<String, Embedding> known = new HashMap<>(cache.map(EmbeddingCache::load).orElse(Map.of()));
        if (cacheDir.isPresent() && singleWindowTwin.isPresent()) {
            new EmbeddingCache(EmbeddingCache.fileFor(cacheDir.get(), encoder.modelName(), singleWindowTwin.get(),
                    "eval-" + namespace), singleWindowTwin.get(), encoder.dimension()).load()
                    .forEach((key, e) -> {
                        if (!e.truncated()) {
                            known.putIfAbsent(key, e);
                        }
                    });
        }
        // Each distinct text once: STS pairs and query sets repeat sentences.
        List<String> distinct = texts.stream().distinct().toList();
        List<String> missing = distinct.stream()
                .filter(text -> !known.containsKey(EmbeddingCache.key(prefix + text)))
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        long start = System.nanoTime();
        long tokens = 0;
        for (int from = 0; from < missing.size(); from += SLICE) {
            List<String> batch = missing.subList(from, Math.min(missing.size(), from + SLICE));
            List<Embedding> out = asQueries ? encoder.encodeQueries(batch) : encoder.encode(batch);
            for (int j = 0; j < batch.size(); j++) {
                known.put(EmbeddingCache.key(prefix + batch.get(j)), out.get(j));
                tokens += out.get(j).tokensEmbedded();
            }
            report(namespace, from + batch.size(), missing.size(), start);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Speed speed = missing.isEmpty() ? Speed.read(cache) : new Speed(missing.size(), tokens, seconds, false);
        if (!missing.isEmpty() && cache.isPresent() && !cacheUnwritable) {
            try {
                cache.get().save(known);
                if (missing.size() == distinct.size()) {
                    speed.write(cache.get());
                }
            } catch (UncheckedIOException e) {
                cacheUnwritable = true;
                LOG.warn("cache.dir {}: the vectors cannot be kept for the next run ({}); this run goes on without"
                        + " saving them; make the folder writable, set cache.dir to a writable one, or set"
                        + " cache.enabled to false", cacheDir.get(), reason(e.getCause()));
            }
        }
        float[][] vectors = new float[texts.size()][];
        int truncated = 0;
        for (int i = 0; i < texts.size(); i++) {
            Embedding e = known.get(EmbeddingCache.key(prefix + texts.get(i)));
            vectors[i] = e.vector();
            truncated += e.truncated() ? 1 : 0;
        }
        return new Encoded(vectors, truncated, speed);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
    }

    private void report(String namespace, int done, int total, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        progress.printf(Locale.ROOT, "  %s %s: %,d/%,d texts encoded, %.1f/s, about %s left%n", encoder.modelName(),
                namespace, done, total, rate, minutes((total - done) / rate));
    }

    private static String minutes(double seconds) {
        return seconds < 90 ? Math.round(seconds) + " s" : Math.round(seconds / 60) + " min";
    }

    /**
     * Vectors in input order.
     *
     * @param truncated how many texts were over the token budget and cut (or, with chunking, split)
     * @param speed     how fast they were encoded, in this run or in the run that filled the cache
     */
    public record Encoded(float[][] vectors, int truncated, Speed speed) {
    }

    /**
     * Encoding throughput.
     *
     * @param texts   texts encoded
     * @param tokens  tokens fed to the model
     * @param seconds wall-clock time
     * @param cached  whether these figures come from the earlier run that filled the cache
     */
    public record Speed(int texts, long tokens, double seconds, boolean cached) {

        private static final Speed UNKNOWN = new Speed(0, 0, 0, true);

        /** Texts per second; 0 when unknown. */
        public double textsPerSecond() {
            return seconds > 0 ? texts / seconds : 0;
        }

        private void write(EmbeddingCache cache) {
            try {
                Files.writeString(sidecar(cache), new ObjectMapper().writeValueAsString(
                        Map.of("texts", texts, "tokens", tokens, "seconds", seconds)));
            } catch (IOException e) {
                // the figures are a courtesy for later runs; the vectors are saved
            }
        }

        private static Speed read(Optional<EmbeddingCache> cache) {
            if (cache.isEmpty() || !Files.isRegularFile(sidecar(cache.get()))) {
                return UNKNOWN;
            }
            try {
                var node = new ObjectMapper().readTree(sidecar(cache.get()).toFile());
                return new Speed(node.path("texts").asInt(), node.path("tokens").asLong(),
                        node.path("seconds").asDouble(), true);
            } catch (IOException e) {
                return UNKNOWN;
            }
        }

        private static Path sidecar(EmbeddingCache cache) {
            return cache.file().resolveSibling(cache.file().getFileName() + ".speed.json");
        }
    }
}
