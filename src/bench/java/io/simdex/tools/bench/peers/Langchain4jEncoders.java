package io.simdex.tools.bench.peers;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import io.simdex.tools.bench.BenchEncoder;
import io.simdex.tools.bench.EncoderCandidate;
import io.simdex.tools.bench.EncoderPeer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * langchain4j's bundled all-MiniLM-L6-v2 models ({@code embedAll}), fp32 and int8. Their tokenizer.json cuts
 * every text at 128 tokens, as shipped. Each model runs one text per ONNX Runtime call, texts spread over an
 * {@link java.util.concurrent.Executor}:
 * <ul>
 *   <li>the default executor (one thread per core), with ORT's default intra-op threads;</li>
 *   <li>an executor of 2 threads, same model ({@code new AllMiniLmL6V2EmbeddingModel(executor)});</li>
 *   <li>an executor of 2 threads with ORT held to 1 intra-op thread: the models' own classes take no session
 *       options, so this builds the same pipeline from public parts, {@link OnnxBertBiEncoder}'s
 *       {@code (OrtEnvironment, OrtSession, tokenizer, PoolingMode)} constructor with a session whose
 *       options set 1 intra-op thread, inside an {@link AbstractInProcessEmbeddingModel}.</li>
 * </ul>
 */
public final class Langchain4jEncoders implements EncoderPeer {

    private static final int EXECUTOR_THREADS = 2;

    @Override
    public String name() {
        return "langchain4j embedding models";
    }

    @Override
    public List<EncoderCandidate> candidates() {
        String system = "langchain4j " + MavenVersions.of("dev.langchain4j", "langchain4j-embeddings");
        int cores = Runtime.getRuntime().availableProcessors();
        var out = new ArrayList<EncoderCandidate>();
        for (Model model : Model.values()) {
            out.add(new EncoderCandidate(system, model.className + ".embedAll", model.precision, 128,
                    "default executor (" + cores + " threads) × ORT default threads", cores,
                    () -> new Embedder(model.shipped.apply(null), null, null)));
            out.add(new EncoderCandidate(system, model.className + ".embedAll", model.precision, 128,
                    "executor of " + EXECUTOR_THREADS + " threads × ORT default threads", EXECUTOR_THREADS,
                    () -> {
                        ExecutorService pool = Executors.newFixedThreadPool(EXECUTOR_THREADS);
                        return new Embedder(model.shipped.apply(pool), pool, null);
                    }));
            out.add(new EncoderCandidate(system, "OnnxBertBiEncoder (" + model.onnx + ").embedAll", model.precision, 128,
                    "executor of " + EXECUTOR_THREADS + " threads × 1 ORT thread", EXECUTOR_THREADS,
                    () -> singleThreadedOrt(model)));
        }
        return out;
    }

    private static Embedder singleThreadedOrt(Model model) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             InputStream tokenizer = resource(model.tokenizer)) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            byte[] onnx;
            try (InputStream in = resource(model.onnx)) {
                onnx = in.readAllBytes();
            }
            OrtSession session = environment.createSession(onnx, options);
            var encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
            ExecutorService pool = Executors.newFixedThreadPool(EXECUTOR_THREADS);
            return new Embedder(new SessionModel(encoder, pool), pool, session);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + model.onnx + " from the classpath", e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load " + model.onnx + ": " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Langchain4jEncoders.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath; is this the bench jar?");
        }
        return in;
    }

    /** The two bundled models: class, precision and the files their jars ship. */
    private enum Model {
        FP32("AllMiniLmL6V2EmbeddingModel", "fp32", "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json",
                pool -> pool == null ? new AllMiniLmL6V2EmbeddingModel() : new AllMiniLmL6V2EmbeddingModel(pool)),
        INT8("AllMiniLmL6V2QuantizedEmbeddingModel", "int8", "all-minilm-l6-v2-q.onnx",
                "all-minilm-l6-v2-q-tokenizer.json",
                pool -> pool == null ? new AllMiniLmL6V2QuantizedEmbeddingModel()
                        : new AllMiniLmL6V2QuantizedEmbeddingModel(pool));

        final String className;
        final String precision;
        final String onnx;
        final String tokenizer;
        final Function<ExecutorService, EmbeddingModel> shipped;

        Model(String className, String precision, String onnx, String tokenizer,
              Function<ExecutorService, EmbeddingModel> shipped) {
            this.className = className;
            this.precision = precision;
            this.onnx = onnx;
            this.tokenizer = tokenizer;
            this.shipped = shipped;
        }
    }

    /** langchain4j's in-process model around an encoder whose session this bench configured. */
    private static final class SessionModel extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        SessionModel(OnnxBertBiEncoder encoder, ExecutorService executor) {
            super(executor);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }
    }

    /** {@code embedAll} over text segments; owns the executor and session it was given. */
    private record Embedder(EmbeddingModel model, ExecutorService pool, OrtSession session) implements BenchEncoder {
        @Override
        public List<float[]> encode(List<String> texts) {
            return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                    .map(Embedding::vector).toList();
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.shutdownNow();
            }
            if (session != null) {
                try {
                    session.close();
                } catch (OrtException e) {
                    throw new IllegalStateException("cannot close an ONNX Runtime session: " + e.getMessage(), e);
                }
            }
        }
    }
}
