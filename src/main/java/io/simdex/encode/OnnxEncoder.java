package io.simdex.encode;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.simdex.kernels.VectorMath;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sentence-embedding model run by ONNX Runtime through DJL, offline, from a folder holding
 * {@code model.onnx} and {@code tokenizer.json}.
 *
 * <p>One {@link ZooModel} (one ONNX session) is shared; each worker owns a {@link Predictor}, which is not
 * thread-safe, borrowed from a pool for the length of one model call. Texts are sorted by token count and
 * cut into batches, so each batch is padded only to its own longest text; results come back in input
 * order. A text over the token budget is either truncated (and its {@link Embedding} says so) or, with
 * {@code model.long-texts: chunk}, split into overlapping windows whose vectors are averaged.
 */
public final class OnnxEncoder implements Encoder {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxEncoder.class);

    /** Part of {@link #modelId()}: bump it whenever a code change alters the vectors of the same text. */
    private static final String PIPELINE_VERSION = "p1";

    /** ONNX Runtime's names ({@code OrtSession.SessionOptions.OptLevel}) for each optimization setting. */
    private static final Map<Optimization, String> OPT_LEVELS = Map.of(
            Optimization.NONE, "NO_OPT",
            Optimization.BASIC, "BASIC_OPT",
            Optimization.EXTENDED, "EXTENDED_OPT",
            Optimization.ALL, "ALL_OPT");

    private final EncoderOptions spec;
    private final String modelId;
    private final String filesFingerprint;
    private final TextTokenizer tokenizer;
    private final ZooModel<TokenBatch, float[][]> model;
    /** The ONNX Runtime session's options, ours to close after the model. */
    private final SessionOptions sessionOptions;
    private final List<Predictor<TokenBatch, float[][]>> predictors;
    private final BlockingQueue<Predictor<TokenBatch, float[][]>> idle;
    private final ExecutorService workers;
    private final int dimension;
    private volatile boolean closed;

    private OnnxEncoder(EncoderOptions spec, String filesFingerprint, TextTokenizer tokenizer,
                        ZooModel<TokenBatch, float[][]> model, SessionOptions sessionOptions) {
        this.spec = spec;
        this.sessionOptions = sessionOptions;
        this.filesFingerprint = filesFingerprint;
        this.modelId = modelId(spec, filesFingerprint);
        this.tokenizer = tokenizer;
        this.model = model;
        this.predictors = new ArrayList<>(spec.workers());
        this.idle = new ArrayBlockingQueue<>(spec.workers());
        for (int i = 0; i < spec.workers(); i++) {
            Predictor<TokenBatch, float[][]> p = model.newPredictor();
            predictors.add(p);
            idle.add(p);
        }
        var threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(spec.workers(), r -> {
            Thread t = new Thread(r, "simdex-encoder-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.dimension = warmUp();
    }

    /**
     * Loads the model described by {@code spec}.
     *
     * @throws EncoderException in one line naming the folder, the missing, unreadable or broken file, and the fix
     */
    public static OnnxEncoder load(EncoderOptions spec) {
        Path dir = spec.dir().toAbsolutePath();
        ModelFiles.check(dir);
        keepNativeFilesBeside(dir.getParent().resolve("djl"));
        Path onnx = dir.resolve(ModelFiles.MODEL);
        Path tokenizerJson = dir.resolve(ModelFiles.TOKENIZER);
        String filesFingerprint = fingerprint(onnx, tokenizerJson);
        var translator = new BertTranslator(spec.pooling(), spec.normalize());
        TextTokenizer tokenizer = TextTokenizer.load(tokenizerJson);
        SessionOptions sessionOptions = null;
        Model loaded = null;
        ZooModel<TokenBatch, float[][]> model;
        try {
            sessionOptions = sessionOptions(spec.threadSpinning());
            loaded = Model.newInstance(spec.name(), "OnnxRuntime");
            // DJL applies these on top of the session options given, and only applies intraOpNumThreads when
            // interOpNumThreads is set too
            loaded.load(dir, "model", Map.of("sessionOptions", sessionOptions,
                    "interOpNumThreads", "1",
                    "intraOpNumThreads", Integer.toString(spec.threadsPerWorker()),
                    "optLevel", OPT_LEVELS.get(spec.optimization())));
            model = new ZooModel<>(loaded, translator);
            translator.inputNames(model.describeInput().keys());
        } catch (IOException | MalformedModelException e) {
            closeAll(loaded, sessionOptions, tokenizer);
            throw ModelFiles.badModel(onnx, e);
        } catch (OrtException | EngineException | LinkageError e) {
            closeAll(loaded, sessionOptions, tokenizer);
            throw ModelFiles.runtimeUnavailable(e);
        }
        try {
            return new OnnxEncoder(spec, filesFingerprint, tokenizer, model, sessionOptions);
        } catch (RuntimeException e) {
            closeAll(model, sessionOptions, tokenizer);
            throw e;
        }
    }

    /**
     * Session options with ONNX Runtime's thread spinning as {@code model.thread-spinning} says: with it on (ONNX
     * Runtime's default) its threads busy-wait for more work after each parallel section, which on a small machine
     * takes CPU from the HTTP threads between queries. (Thread counts and the optimization level are set by DJL
     * from its own options.)
     */
    private static SessionOptions sessionOptions(boolean spinning) throws OrtException {
        var options = new SessionOptions();
        try {
            String allow = spinning ? "1" : "0";
            options.addConfigEntry("session.intra_op.allow_spinning", allow);
            options.addConfigEntry("session.inter_op.allow_spinning", allow);
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    private static void closeAll(Model model, SessionOptions options, TextTokenizer tokenizer) {
        if (model != null) {
            model.close();
        }
        if (options != null) {
            options.close();
        }
        tokenizer.close();
    }

    /**
     * Names everything that shapes a text's vector: the model files, the token budget, pooling, how long
     * texts are handled and the pipeline version. Settings left at their defaults add nothing, so vectors
     * cached before a setting existed stay valid.
     */
    static String modelId(EncoderOptions spec, String filesFingerprint) {
        var id = new StringBuilder(spec.name()).append('@').append(filesFingerprint)
                .append("/max").append(spec.maxTokens())
                .append('/').append(spec.pooling().name().toLowerCase(Locale.ROOT));
        if (spec.longTexts() == LongTexts.CHUNK) {
            id.append("/chunk").append(spec.chunkOverlap());
        }
        if (!spec.normalize()) {
            id.append("/raw");
        }
        if (spec.optimization() != Optimization.ALL) {
            id.append("/opt-").append(spec.optimization().name().toLowerCase(Locale.ROOT));
        }
        return id.append('/').append(PIPELINE_VERSION).toString();
    }

    /**
     * Points DJL's caches (the tokenizer's native library) at {@code cacheDir} instead of {@code ~/.djl.ai}, or at a
     * temporary folder when that cannot be written, and forbids downloads, unless the JVM was started with its own
     * choice.
     */
    private static void keepNativeFilesBeside(Path cacheDir) {
        System.getProperties().putIfAbsent("ai.djl.offline", "true");
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getProperty("ENGINE_CACHE_DIR") == null) {
            String chosen = NativeFolder.choose(cacheDir, Path.of(System.getProperty("java.io.tmpdir"))).toString();
            System.getProperties().putIfAbsent("DJL_CACHE_DIR", chosen);
            System.getProperties().putIfAbsent("ENGINE_CACHE_DIR", chosen);
        }
    }

    @Override
    public String modelId() {
        return modelId;
    }

    /**
     * The {@link #modelId()} this encoder would have with truncation. With {@code chunk}, a text that fits one
     * window gets the same vector either way, so vectors cached under this id can be reused for such texts.
     */
    public String truncatingModelId() {
        return modelId(spec.withLongTexts(LongTexts.TRUNCATE, spec.chunkOverlap()), filesFingerprint);
    }

    @Override
    public String modelName() {
        return spec.name();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int maxTokens() {
        return spec.maxTokens();
    }

    @Override
    public List<Embedding> encode(List<String> texts) {
        return encode(texts, spec.maxTokens());
    }

    @Override
    public String queryInstruction() {
        return spec.queryInstruction();
    }

    /**
     * Encodes with a token budget other than the configured one (evaluation, fixtures).
     *
     * @param maxTokens 2..{@value EncoderOptions#MODEL_MAX_POSITIONS}, [CLS] and [SEP] included
     */
    public List<Embedding> encode(List<String> texts, int maxTokens) {
        if (maxTokens < 2 || maxTokens > EncoderOptions.MODEL_MAX_POSITIONS) {
            throw new IllegalArgumentException(
                    "maxTokens must be 2.." + EncoderOptions.MODEL_MAX_POSITIONS + ", got " + maxTokens);
        }
        if (closed) {
            throw new IllegalStateException("encoder is closed");
        }
        if (texts.isEmpty()) {
            return List.of();
        }
        List<long[]> ids = tokenizer.ids(texts);
        ModelInputs inputs = spec.longTexts() == LongTexts.CHUNK
                ? ModelInputs.chunked(ids, maxTokens, spec.chunkOverlap())
                : ModelInputs.truncated(ids, maxTokens);
        List<TokenizedText> rows = inputs.rows();
        List<int[]> batches = lengthSortedBatches(rows, spec.batchSize());
        float[][] rowVectors = new float[rows.size()][];
        if (batches.size() == 1) {
            runBatch(batches.get(0), rows, rowVectors);
        } else {
            var pending = new ArrayList<Future<?>>(batches.size());
            for (int[] batch : batches) {
                pending.add(workers.submit(() -> runBatch(batch, rows, rowVectors)));
            }
            awaitAll(pending);
        }
        float[][] vectors = inputs.combine(rowVectors);
        var out = new ArrayList<Embedding>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(new Embedding(vectors[i], inputs.tokens()[i], inputs.tokensEmbedded()[i]));
        }
        return out;
    }

    /** Index groups of at most {@code batchSize} texts of similar length, longest first. */
    static List<int[]> lengthSortedBatches(List<TokenizedText> tokens, int batchSize) {
        Integer[] order = new Integer[tokens.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> tokens.get(i).ids().length).reversed()
                .thenComparingInt(i -> i));
        var batches = new ArrayList<int[]>();
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            int[] batch = new int[to - from];
            for (int j = from; j < to; j++) {
                batch[j - from] = order[j];
            }
            batches.add(batch);
        }
        return batches;
    }

    private void runBatch(int[] indices, List<TokenizedText> tokens, float[][] out) {
        var rows = new ArrayList<TokenizedText>(indices.length);
        for (int i : indices) {
            rows.add(tokens.get(i));
        }
        float[][] pooled = predict(TokenBatch.of(rows));
        for (int j = 0; j < indices.length; j++) {
            out[indices[j]] = pooled[j];
        }
    }

    private float[][] predict(TokenBatch batch) {
        Predictor<TokenBatch, float[][]> predictor;
        try {
            predictor = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncoderException("interrupted while waiting for a free encoder worker", e);
        }
        try {
            return predictor.predict(batch);
        } catch (TranslateException e) {
            throw new EncoderException("model " + spec.name() + " failed on a batch of " + batch.rows()
                    + " texts of up to " + batch.length() + " tokens: " + e.getMessage(), e);
        } finally {
            idle.add(predictor);
        }
    }

    private static void awaitAll(List<Future<?>> pending) {
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.forEach(p -> p.cancel(true));
                throw new EncoderException("interrupted while encoding", e);
            } catch (ExecutionException e) {
                pending.forEach(p -> p.cancel(true));
                if (e.getCause() instanceof EncoderException ee) {
                    throw ee;
                }
                throw new EncoderException("encoding failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** Runs every predictor once, so the first real request does not pay for lazy initialization. */
    private int warmUp() {
        List<TokenizedText> probe = tokenizer.tokenize(List.of("simdex warm-up"), spec.maxTokens());
        int dim = -1;
        for (int i = 0; i < predictors.size(); i++) {
            float[][] v;
            try {
                v = predict(TokenBatch.of(probe));
            } catch (EncoderException | IllegalArgumentException | IllegalStateException e) {
                throw ModelFiles.notAnEncoder(spec.dir().toAbsolutePath().resolve(ModelFiles.MODEL), e);
            }
            dim = v[0].length;
        }
        LOG.debug("model {} warmed up on {} workers, dimension {}", spec.name(), predictors.size(), dim);
        if (!spec.normalize()) {
            double norm = VectorMath.l2Norm(predict(TokenBatch.of(probe))[0]);
            if (Math.abs(norm - 1) > 1e-3) {
                throw new EncoderException("model " + spec.name() + " returns vectors of length " + norm
                        + ", but its descriptor says normalize: false; the index compares unit vectors, so set "
                        + "normalize: true");
            }
        }
        return dim;
    }

    private static String fingerprint(Path... files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (Path file : files) {
                try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
                    while (in.read(buffer) != -1) {
                        // the digest stream does the work
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException e) {
            throw new EncoderException("cannot read the model files " + files[0].getParent() + " (model.dir): "
                    + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        workers.shutdownNow();
        predictors.forEach(Predictor::close);
        model.close();
        sessionOptions.close();
        tokenizer.close();
    }
}
