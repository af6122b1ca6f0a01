package io.simdex.encode;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * ONNX Runtime's own matrix product on this machine, in the thread layout of an {@link OnnxEncoder}: one session
 * per worker, each with its own intra-op threads. {@code simdex bench} times {@link #run()} to get the fp32
 * (MatMul) and int8 (MatMulInteger) ceilings it compares encoding speed with. The model is a single product,
 * built in memory by {@link GemmModel}, with the encoder's shapes, e.g. {@code [8·256, 384] × [384, 1536]}.
 */
public final class GemmProbe implements AutoCloseable {

    private final Precision precision;
    private final int m;
    private final int k;
    private final int n;
    private final List<OrtSession> sessions = new ArrayList<>();
    private final List<OnnxTensor> inputs = new ArrayList<>();
    private final ExecutorService pool;

    private GemmProbe(Precision precision, int m, int k, int n, int workers) {
        this.precision = precision;
        this.m = m;
        this.k = k;
        this.n = n;
        this.pool = workers > 1 ? Executors.newFixedThreadPool(workers - 1, r -> {
            Thread t = new Thread(r, "gemm-probe");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Builds the model and one session per worker.
     *
     * @param m rows of the input, e.g. texts per batch × tokens
     * @param k the input's width and the weight's rows
     * @param n the weight's columns
     * @throws IllegalArgumentException if a dimension or thread count is below 1
     * @throws EncoderException if ONNX Runtime cannot be loaded or rejects the model
     */
    public static GemmProbe open(Precision precision, int m, int k, int n, int workers, int threadsPerWorker) {
        if (workers < 1 || threadsPerWorker < 1) {
            throw new IllegalArgumentException("workers and threadsPerWorker must be >= 1 but were " + workers
                    + " and " + threadsPerWorker);
        }
        byte[] model = GemmModel.bytes(precision, m, k, n);
        var probe = new GemmProbe(precision, m, k, n, workers);
        try {
            OrtEnvironment env = environment();
            var random = new SplittableRandom(42);
            for (int w = 0; w < workers; w++) {
                try (var options = new OrtSession.SessionOptions()) {
                    options.setIntraOpNumThreads(threadsPerWorker);
                    options.setInterOpNumThreads(1);
                    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                    probe.sessions.add(env.createSession(model, options));
                }
                FloatBuffer x = ByteBuffer.allocateDirect(m * k * Float.BYTES).order(ByteOrder.nativeOrder())
                        .asFloatBuffer();
                for (int i = 0; i < m * k; i++) {
                    x.put(i, (float) random.nextGaussian());
                }
                probe.inputs.add(OnnxTensor.createTensor(env, x, new long[] {m, k}));
            }
            return probe;
        } catch (OrtException | EngineException | LinkageError e) {
            probe.close();
            throw new EncoderException("ONNX Runtime cannot run the " + precision + " GEMM probe: " + e.getMessage(),
                    e);
        }
    }

    /**
     * ONNX Runtime's one environment per process, created by DJL's engine as for {@link OnnxEncoder}: DJL creates
     * it with its own threading options and fails to start if anything else created it first.
     */
    private static OrtEnvironment environment() {
        Engine.getEngine("OnnxRuntime");
        return OrtEnvironment.getEnvironment();
    }

    /** The operators timed, e.g. {@code MatMul} or {@code DynamicQuantizeLinear + MatMulInteger}. */
    public String operators() {
        return precision == Precision.FP32 ? "MatMul" : "DynamicQuantizeLinear + MatMulInteger";
    }

    /** The product's shape as {@code [m, k] × [k, n]}. */
    public String shape() {
        return "[" + m + ", " + k + "] × [" + k + ", " + n + "]";
    }

    /** Multiply-adds × 2 in one {@link #run()}: {@code 2·m·k·n} per worker. */
    public double opsPerRun() {
        return 2.0 * m * k * n * sessions.size();
    }

    /**
     * Every worker computes one product at the same time (the calling thread is one of them); returns when all
     * are done.
     *
     * @throws EncoderException if ONNX Runtime fails
     */
    public void run() {
        var others = new ArrayList<Future<?>>(sessions.size() - 1);
        for (int w = 1; w < sessions.size(); w++) {
            int worker = w;
            others.add(pool.submit(() -> {
                product(worker);
                return null;
            }));
        }
        product(0);
        try {
            for (Future<?> f : others) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncoderException("interrupted while the GEMM probe ran", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof EncoderException cause ? cause
                    : new EncoderException("the GEMM probe failed: " + e.getCause(), e.getCause());
        }
    }

    private void product(int worker) {
        try {
            // The output is not read, only closed: the time is what matters.
            sessions.get(worker).run(Map.of(GemmModel.INPUT, inputs.get(worker))).close();
        } catch (OrtException e) {
            throw new EncoderException("ONNX Runtime failed in the " + precision + " GEMM probe: " + e.getMessage(),
                    e);
        }
    }

    /**
     * The first worker's product, as floats (int8: the int32 sums of the quantized values); for tests, on small
     * shapes.
     */
    float[][] firstProduct() {
        try (OrtSession.Result result = sessions.get(0).run(Map.of(GemmModel.INPUT, inputs.get(0)))) {
            Object value = result.get(0).getValue();
            float[][] out = new float[m][n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    out[i][j] = value instanceof float[][] f ? f[i][j] : ((int[][]) value)[i][j];
                }
            }
            return out;
        } catch (OrtException e) {
            throw new EncoderException("ONNX Runtime failed in the GEMM probe: " + e.getMessage(), e);
        }
    }

    /** The input of the first worker, row-major; for tests. */
    float[] firstInput() {
        FloatBuffer x = inputs.get(0).getFloatBuffer();
        float[] out = new float[x.remaining()];
        x.get(out);
        return out;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        inputs.forEach(OnnxTensor::close);
        for (OrtSession session : sessions) {
            try {
                session.close();
            } catch (OrtException e) {
                // closing a session that ran fine does not fail; nothing to do if it does
            }
        }
    }
}
