package io.simdex.encode;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.repository.zoo.ZooModel;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.simdex.kernels.VectorMath;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sentence-embedding model run by ONNX Runtime through DJL, offline, from a folder holding
 * {@code model.onnx} and {@code tokenizer.json}.
 *
 * <p>Two pools of predictors share the cores ({@link Pools}): a call that fits one batch (a query, a duplicate
 * check, one paper) runs on the query predictor, whose ONNX Runtime session splits one call over
 * {@code queryThreads} threads; a larger call is cut into batches of at most {@code batchTokens} padded tokens
 * ({@link TokenBudget}: sorted by length, so each batch is padded only to its own longest text), run side by side
 * on the bulk predictors of {@code bulkThreads} threads each. The two pools have their own ONNX Runtime sessions
 * unless their thread counts agree. A bulk batch about to start first lets the queries running at that moment end
 * ({@link QueryFirst}), so a query shares the cores at most with the bulk batches already running. Results come
 * back in input order. A text over the token budget is either truncated (and its {@link Embedding} says so) or,
 * with {@code model.long-texts: chunk}, split into overlapping windows whose vectors are averaged.
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

    /** Which predictors a call runs on. */
    enum Pool {
        /** The query predictor: one call over every query thread, for the lowest latency. */
        QUERY,
        /** The bulk predictors: batches side by side, one per worker, for the most texts per second. */
        BULK
    }

    private final EncoderOptions spec;
    private final String modelId;
    private final String filesFingerprint;
    private final TextTokenizer tokenizer;
    /** The ONNX Runtime sessions: the bulk one first, then the query one unless it is the same. */
    private final List<Session> sessions;
    private final PredictorPool bulk;
    private final PredictorPool query;
    private final ExecutorService workers;
    private final QueryFirst queryFirst = new QueryFirst();
    private final int dimension;
    private volatile boolean closed;

    /** One loaded ONNX Runtime session and its options, which are ours to close after the model. */
    private record Session(ZooModel<TokenBatch, float[][]> model, SessionOptions options) {
        void close() {
            model.close();
            options.close();
        }
    }

    private OnnxEncoder(EncoderOptions spec, String filesFingerprint, TextTokenizer tokenizer, List<Session> sessions) {
        this.spec = spec;
        this.filesFingerprint = filesFingerprint;
        this.modelId = modelId(spec, filesFingerprint);
        this.tokenizer = tokenizer;
        this.sessions = List.copyOf(sessions);
        Pools pools = spec.pools();
        this.bulk = new PredictorPool(spec.name(), sessions.get(0).model(), pools.bulkWorkers());
        this.query = new PredictorPool(spec.name(), sessions.get(sessions.size() - 1).model(), 1);
        var threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(pools.bulkWorkers(), r -> {
            Thread t = new Thread(r, "simdex-encoder-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.dimension = warmUp();
        LOG.info("model {} {}: bulk work on {} × {} ONNX Runtime thread(s) in batches of up to {} padded tokens,"
                + " queries on 1 × {}", spec.name(), spec.precision().name().toLowerCase(Locale.ROOT),
                pools.bulkWorkers(), pools.bulkThreads(), pools.batchTokens(), pools.queryThreads());
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
        Path fused = fusedGraph(spec, onnx);
        var sessions = new ArrayList<Session>(2);
        try {
            Path model = fused != null ? fused.resolve(ModelFiles.MODEL) : onnx;
            sessions.add(openSession(spec, model, spec.pools().bulkThreads(), translator));
            if (!spec.pools().sameThreads()) {
                sessions.add(openSession(spec, model, spec.pools().queryThreads(), translator));
            }
            return new OnnxEncoder(spec, filesFingerprint, tokenizer, sessions);
        } catch (RuntimeException | LinkageError e) {
            sessions.forEach(Session::close);
            tokenizer.close();
            throw e;
        } finally {
            deleteQuietly(fused);
        }
    }

    /**
     * The model with each attention block fused into one operator ({@link AttentionFusion}), or null to load the file
     * as it is: with {@code model.optimization} {@code none} or {@code basic} (the fused operator is one of ONNX
     * Runtime's own extensions, which those levels leave out), or when the graph does not have the expected shape,
     * or is not an ONNX model at all (ONNX Runtime then says what is wrong with it). The fused model is written to a
     * temporary folder, which ONNX Runtime reads once per session and {@link #load} then deletes; held in memory
     * instead, it would cost the Java heap several copies of the weights while the model loads.
     *
     * @return the temporary folder holding the fused {@code model.onnx}, or null
     */
    private static Path fusedGraph(EncoderOptions spec, Path onnx) {
        if (spec.optimization() == Optimization.NONE || spec.optimization() == Optimization.BASIC) {
            return null;
        }
        try {
            var fused = AttentionFusion.fuse(Files.readAllBytes(onnx));
            if (fused.isEmpty()) {
                LOG.info("model {}: attention left as exported (its graph does not have the expected shape)",
                        spec.name());
                return null;
            }
            LOG.debug("model {}: {} attention blocks fused", spec.name(), fused.get().blocks());
            Path dir = Files.createTempDirectory("simdex-model");
            try (var out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(ModelFiles.MODEL)))) {
                fused.get().writeTo(out);
            } catch (IOException e) {
                deleteQuietly(dir);
                throw e;
            }
            return dir;
        } catch (IOException e) {
            LOG.warn("model {}: attention left as exported (cannot write the fused model to a temporary folder: {})",
                    spec.name(), e.getMessage());
            return null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Deletes the temporary folder of a fused model and the file in it; null is nothing to delete. */
    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve(ModelFiles.MODEL));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", dir, e.getMessage());
        }
    }

    /**
     * One ONNX Runtime session with {@code threads} intra-op threads of the model in {@code file}: the model folder's
     * {@code model.onnx} or its fused copy. Errors name the model folder's file.
     */
    private static Session openSession(EncoderOptions spec, Path file, int threads, BertTranslator translator) {
        Path onnx = spec.dir().toAbsolutePath().resolve(ModelFiles.MODEL);
        SessionOptions sessionOptions = null;
        Model loaded = null;
        try {
            sessionOptions = sessionOptions(spec.threadSpinning());
            loaded = Model.newInstance(spec.name(), "OnnxRuntime");
            // DJL applies these on top of the session options given, and only applies intraOpNumThreads when
            // interOpNumThreads is set too
            Map<String, Object> options = Map.of("sessionOptions", sessionOptions,
                    "interOpNumThreads", "1",
                    "intraOpNumThreads", Integer.toString(threads),
                    "optLevel", OPT_LEVELS.get(spec.optimization()));
            loaded.load(file.getParent(), "model", options);
            var model = new ZooModel<TokenBatch, float[][]>(loaded, translator);
            translator.inputNames(model.describeInput().keys());
            return new Session(model, sessionOptions);
        } catch (IOException | MalformedModelException e) {
            closeAll(loaded, sessionOptions);
            throw ModelFiles.badModel(onnx, e);
        } catch (OrtException | EngineException | LinkageError e) {
            closeAll(loaded, sessionOptions);
            throw ModelFiles.runtimeUnavailable(e);
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

    private static void closeAll(Model model, SessionOptions options) {
        if (model != null) {
            model.close();
        }
        if (options != null) {
            options.close();
        }
    }

    /**
     * Names everything that shapes a text's vector: the model files, their precision, the token budget, pooling,
     * how long texts are handled and the pipeline version. Settings left at their defaults add nothing, so vectors
     * cached before a setting existed stay valid. The precision is named even though the int8 export's files
     * differ from the fp32 ones, so one collection can never hold vectors of both under one identity.
     */
    static String modelId(EncoderOptions spec, String filesFingerprint) {
        var id = new StringBuilder(spec.name()).append('@').append(filesFingerprint)
                .append("/max").append(spec.maxTokens())
                .append('/').append(spec.pooling().name().toLowerCase(Locale.ROOT));
        if (spec.precision() != Precision.FP32) {
            id.append('/').append(spec.precision().name().toLowerCase(Locale.ROOT));
        }
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
     * The precision a {@link #modelId(EncoderOptions, String)} of the model {@code name} names, or empty for the
     * identity of another model (or one simdex did not make): how start-up tells what an existing collection was
     * made with before it loads a model.
     */
    public static Optional<Precision> precisionIn(String modelId, String name) {
        if (!modelId.startsWith(name + "@")) {
            return Optional.empty();
        }
        List<String> parts = List.of(modelId.split("/"));
        return Optional.of(parts.contains(Precision.INT8.name().toLowerCase(Locale.ROOT)) ? Precision.INT8
                : Precision.FP32);
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
        int[] lengths = rows.stream().mapToInt(row -> row.ids().length).toArray();
        List<int[]> batches = TokenBudget.batches(lengths, spec.pools().batchTokens());
        float[][] rowVectors = new float[rows.size()][];
        if (pool(batches) == Pool.QUERY) {
            queryFirst.begin();
            try {
                runBatch(query, batches.get(0), rows, rowVectors);
            } finally {
                queryFirst.end();
            }
        } else {
            var pending = new ArrayList<Future<?>>(batches.size());
            for (int[] batch : batches) {
                pending.add(workers.submit(() -> {
                    awaitRunningQueries();
                    runBatch(bulk, batch, rows, rowVectors);
                }));
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

    /** The pool for a call cut into {@code batches}: one batch is a query's work, more are bulk work. */
    static Pool pool(List<int[]> batches) {
        return batches.size() == 1 ? Pool.QUERY : Pool.BULK;
    }

    private void awaitRunningQueries() {
        try {
            queryFirst.awaitRunningQueries();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncoderException("interrupted while waiting for queries to finish", e);
        }
    }

    private static void runBatch(PredictorPool pool, int[] indices, List<TokenizedText> tokens, float[][] out) {
        var rows = new ArrayList<TokenizedText>(indices.length);
        for (int i : indices) {
            rows.add(tokens.get(i));
        }
        float[][] pooled = pool.predict(TokenBatch.of(rows));
        for (int j = 0; j < indices.length; j++) {
            out[indices[j]] = pooled[j];
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
        for (PredictorPool pool : List.of(bulk, query)) {
            for (int i = 0; i < pool.size(); i++) {
                float[][] v;
                try {
                    v = pool.predict(TokenBatch.of(probe));
                } catch (EncoderException | IllegalArgumentException | IllegalStateException e) {
                    throw ModelFiles.notAnEncoder(spec.dir().toAbsolutePath().resolve(ModelFiles.MODEL), e);
                }
                dim = v[0].length;
            }
        }
        LOG.debug("model {} warmed up on {} bulk workers and the query worker, dimension {}", spec.name(),
                bulk.size(), dim);
        if (!spec.normalize()) {
            double norm = VectorMath.l2Norm(query.predict(TokenBatch.of(probe))[0]);
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
        bulk.close();
        query.close();
        sessions.forEach(Session::close);
        tokenizer.close();
    }
}
