package io.simdex;

import io.simdex.encode.EncoderOptions;
import io.simdex.encode.LongTexts;
import io.simdex.encode.OnnxEncoder;
import io.simdex.encode.Optimization;
import io.simdex.encode.Pooling;
import io.simdex.encode.Pools;
import io.simdex.encode.Precision;

import java.nio.file.Path;

/** The real models unpacked by the build, shared by every test in the JVM so each loads once. */
public final class TestModels {

    /** The folder the build unpacks models into (surefire passes it; IDE runs fall back to the default). */
    public static final Path MODEL_CACHE = Path.of(System.getProperty("simdex.model.cache", "model-cache"));

    private static OnnxEncoder minilm;
    private static OnnxEncoder minilmInt8;

    private TestModels() {
    }

    /** The pools the service uses on two cores: bulk 2 workers × 1 thread, queries 1 × 2. */
    public static final Pools TWO_CORES = Pools.perCore(2);

    /** all-MiniLM-L6-v2 fp32 as the service runs it on two cores: 256 tokens, mean pooling. */
    public static EncoderOptions minilmSpec() {
        return spec("all-minilm-l6-v2");
    }

    public static EncoderOptions spec(String name) {
        return new EncoderOptions(name, MODEL_CACHE.resolve(name), 256, Pooling.MEAN, TWO_CORES);
    }

    /** all-MiniLM-L6-v2's int8 export, otherwise run like {@link #minilmSpec()}. */
    public static EncoderOptions int8Spec() {
        return new EncoderOptions("all-minilm-l6-v2", MODEL_CACHE.resolve("all-minilm-l6-v2-q"),
                Precision.INT8, 256, Pooling.MEAN, TWO_CORES, Optimization.ALL, LongTexts.TRUNCATE, 0, true, "");
    }

    /** bge-small-en-v1.5 as its descriptor in config/models/ says to run it: CLS pooling, 512 tokens. */
    public static EncoderOptions bgeSpec(Precision precision) {
        String name = "bge-small-en-v1.5";
        java.nio.file.Path dir = MODEL_CACHE.resolve(precision.folder(name));
        io.simdex.config.ModelDescriptor d = io.simdex.config.ModelDescriptor.find(name, dir);
        return new EncoderOptions(name, dir, precision, d.maxTokens(), d.pooling(), TWO_CORES, Optimization.ALL, d.longTexts(), 0, d.normalize(), d.queryInstruction());
    }

    public static synchronized OnnxEncoder minilm() {
        if (minilm == null) {
            minilm = OnnxEncoder.load(minilmSpec());
            Runtime.getRuntime().addShutdownHook(new Thread(minilm::close));
        }
        return minilm;
    }

    public static synchronized OnnxEncoder minilmInt8() {
        if (minilmInt8 == null) {
            minilmInt8 = OnnxEncoder.load(int8Spec());
            Runtime.getRuntime().addShutdownHook(new Thread(minilmInt8::close));
        }
        return minilmInt8;
    }
}
