package io.simdex.store.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The kNN settings: their ranges, and how many candidates a request asks each shard for. */
class ElasticOptionsTest {

    @Test
    void num_candidates_outside_elasticsearch_s_range_is_refused_with_the_range() {
        assertThatThrownBy(() -> new ElasticOptions.Knn(0, 0f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("num-candidates must be 1..10000, got 0");
        assertThatThrownBy(() -> new ElasticOptions.Knn(10_001, 0f))
                .hasMessage("num-candidates must be 1..10000, got 10001");
    }

    @Test
    void oversample_is_off_or_between_one_and_ten() {
        assertThatThrownBy(() -> new ElasticOptions.Knn(100, 0.5f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("oversample must be 0 (off) or between 1 and 10, got 0.5");
        assertThatThrownBy(() -> new ElasticOptions.Knn(100, 10.5f))
                .hasMessage("oversample must be 0 (off) or between 1 and 10, got 10.5");
        assertThatThrownBy(() -> new ElasticOptions.Knn(100, Float.NaN))
                .hasMessage("oversample must be 0 (off) or between 1 and 10, got NaN");
        assertThat(new ElasticOptions.Knn(100, 1f).oversample()).isEqualTo(1f);
        assertThat(new ElasticOptions.Knn(100, 10f).oversample()).isEqualTo(10f);
    }

    @Test
    void a_shard_gathers_the_setting_s_candidates_but_at_least_twice_k_and_at_most_ten_thousand() {
        var knn = new ElasticOptions.Knn(400, 0f);

        assertThat(knn.candidates(10)).isEqualTo(400);
        assertThat(knn.candidates(300)).isEqualTo(600);
        assertThat(knn.candidates(9_000)).isEqualTo(10_000);
        assertThat(new ElasticOptions.Knn(1, 0f).candidates(1)).isEqualTo(2);
    }

    @Test
    void the_settings_are_shown_without_secrets() {
        var options = ElasticOptions.local(java.net.URI.create("http://127.0.0.1:9200"), "papers")
                .withKnn(new ElasticOptions.Knn(250, 2f));

        assertThat(options.knn()).isEqualTo(new ElasticOptions.Knn(250, 2f));
        assertThat(options.toString()).contains("num-candidates=250", "oversample=2.0");
    }
}
