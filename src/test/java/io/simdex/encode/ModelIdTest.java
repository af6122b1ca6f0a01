package io.simdex.encode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The model identity vectors are stored under: what it names, and what it leaves out. */
class ModelIdTest {

    private static EncoderOptions spec(Precision precision, Pools pools) {
        return new EncoderOptions("all-minilm-l6-v2", Path.of("model-cache", precision.folder("all-minilm-l6-v2")),
                precision, 256, Pooling.MEAN, pools, Optimization.ALL, LongTexts.TRUNCATE, 0, true, "");
    }

    @Test
    void the_precision_is_part_of_the_identity_so_a_collection_never_mixes_fp32_and_int8_vectors() {
        Pools pools = Pools.perCore(2);
        String fp32 = OnnxEncoder.modelId(spec(Precision.FP32, pools), "0123456789abcdef");
        String int8 = OnnxEncoder.modelId(spec(Precision.INT8, pools), "0123456789abcdef");
        assertThat(fp32).isEqualTo("all-minilm-l6-v2@0123456789abcdef/max256/mean/p1");
        assertThat(int8).isEqualTo("all-minilm-l6-v2@0123456789abcdef/max256/mean/int8/p1");
    }

    @Test
    void the_precision_is_read_back_from_an_identity_of_the_same_model_only() {
        String fp32 = OnnxEncoder.modelId(spec(Precision.FP32, Pools.perCore(2)), "0123456789abcdef");
        String int8 = OnnxEncoder.modelId(spec(Precision.INT8, Pools.perCore(2)), "0123456789abcdef");
        assertThat(OnnxEncoder.precisionIn(fp32, "all-minilm-l6-v2")).contains(Precision.FP32);
        assertThat(OnnxEncoder.precisionIn(int8, "all-minilm-l6-v2")).contains(Precision.INT8);
        assertThat(OnnxEncoder.precisionIn(int8, "bge-small-en-v1.5")).isEmpty();
        assertThat(OnnxEncoder.precisionIn("all-minilm-l6-v2-q@f/max256/mean/int8/p1", "all-minilm-l6-v2")).isEmpty();
    }

    @Test
    void how_the_work_is_spread_over_the_cores_is_not_part_of_it() {
        assertThat(OnnxEncoder.modelId(spec(Precision.INT8, new Pools(1, 2, 4, 512)), "f"))
                .isEqualTo(OnnxEncoder.modelId(spec(Precision.INT8, Pools.perCore(2)), "f"));
    }
}
