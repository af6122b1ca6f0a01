package io.simdex.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.Set;

/** Which tokens count as specific, how they are normalized, and the overlap of two sets. */
class SpecificTokensTest {

    @Test
    void numbers_with_units_names_and_acronyms_are_specific() {
        assertThat(SpecificTokens.of("DTS sets new results of 76.5% and 75.1 % mIoU on GTA5 with a 7B LLM."))
                .containsExactlyInAnyOrder("dts", "76.5%", "75.1%", "miou", "gta5", "7b", "llm");
    }

    @Test
    void hyphenated_names_decimals_and_thousands_stay_whole() {
        assertThat(SpecificTokens.of("NV-Retriever-v1 scores 60.9 on MS-MARCO and CIFAR-10 after 10,000 steps"))
                .containsExactlyInAnyOrder("nv-retriever-v1", "60.9", "ms-marco", "cifar-10", "10000");
    }

    @Test
    void capitalized_words_list_markers_and_lone_digits_are_not() {
        assertThat(SpecificTokens.of("The Transformer, (1) first and (2) second; Question-Answering in 3 steps."))
                .isEmpty();
    }

    @Test
    void camel_case_names_count_and_acronym_plurals_are_singular() {
        assertThat(SpecificTokens.of("ImageNet and LLMs, DAGs or CNNs; ResNets too"))
                .containsExactlyInAnyOrder("imagenet", "llm", "dag", "cnn", "resnets");
    }

    @Test
    void an_escaped_percent_sign_is_a_percent_sign() {
        assertThat(SpecificTokens.of("reaches 76.5\\% mIoU")).containsExactlyInAnyOrder("76.5%", "miou");
    }

    @Test
    void overlap_is_the_shared_share_of_the_smaller_set() {
        // smaller set {a, b}: one of its two tokens is shared
        assertThat(SpecificTokens.overlap(Set.of("a", "b"), Set.of("b", "c", "d"))).isEqualTo(0.5f);
        assertThat(SpecificTokens.overlap(Set.of("a"), Set.of("a", "b", "c"))).isEqualTo(1f);
        assertThat(SpecificTokens.overlap(Set.of("x", "y"), Set.of("a", "b"))).isZero();
    }

    @Test
    void overlap_is_undefined_when_a_text_has_no_specific_tokens() {
        assertThat(SpecificTokens.overlap(Set.of(), Set.of("a"))).isNaN();
        assertThat(SpecificTokens.overlap("we study things", "BERT on GLUE")).isNaN();
    }

    @Test
    void a_rewrite_keeps_the_specifics_and_a_sibling_changes_them() {
        String source = "LC-PFN is trained on 10 million curves and is 10000 times faster than MCMC on LCBench.";
        String rewrite = "Trained on 10 million curves, our LC-PFN beats MCMC on LCBench, 10000 times faster.";
        String sibling = "FT-PFN extrapolates curves of 1,000 runs on Taskset and PD1 with a GP prior.";

        assertThat(SpecificTokens.overlap(source, rewrite)).isEqualTo(1f);
        // source {lc-pfn, 10, 10000, mcmc, lcbench}; sibling {ft-pfn, 1000, pd1, gp}: nothing shared
        assertThat(SpecificTokens.overlap(source, sibling)).isZero();
    }
}
