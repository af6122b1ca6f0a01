package io.simdex.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.FakeEncoder;
import io.simdex.corpus.Paper;
import io.simdex.encode.DelegatingEncoder;
import io.simdex.encode.Embedding;
import io.simdex.encode.EncoderException;
import io.simdex.store.PaperStore;
import io.simdex.store.StoreOptions;
import io.simdex.store.StoredEmbedding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/** An import's batches encoded ahead of their commits: handed out in order, failures passed on. */
class VectorsAheadTest {

    @TempDir
    Path dir;

    @Test
    void batches_come_back_in_order_with_their_own_vectors_whatever_the_depth() {
        List<List<Paper>> batches = batches(5, 3);
        var encoder = new FakeEncoder();
        try (PaperStore store = open()) {
            for (int depth : new int[] {1, 2, 7}) {
                try (var ahead = new VectorsAhead(new VectorSource(store, encoder), batches, depth)) {
                    for (List<Paper> batch : batches) {
                        VectorSource.Vectors found = ahead.next();
                        assertThat(found.encoded()).isEqualTo(batch.size());
                        for (int i = 0; i < batch.size(); i++) {
                            StoredEmbedding e = found.vectors().get(i);
                            assertThat(e.textSha256()).isEqualTo(StoredEmbedding.textSha256(batch.get(i)
                                    .embeddingText()));
                            assertThat(e.vector()).containsExactly(encoder.encode(batch.get(i).embeddingText())
                                    .vector());
                        }
                    }
                    assertThatThrownBy(ahead::next).isInstanceOf(NoSuchElementException.class);
                }
            }
        }
    }

    @Test
    void a_failing_batch_fails_when_its_turn_comes() {
        List<List<Paper>> batches = batches(3, 2);
        String poisoned = batches.get(1).get(0).embeddingText();
        var encoder = new DelegatingEncoder(new FakeEncoder()) {
            @Override
            public List<Embedding> encode(List<String> texts) {
                if (texts.contains(poisoned)) {
                    throw new EncoderException("model failed on a batch");
                }
                return super.encode(texts);
            }
        };
        try (PaperStore store = open(); var ahead = new VectorsAhead(new VectorSource(store, encoder), batches, 2)) {
            assertThat(ahead.next().vectors()).hasSize(2);
            assertThatThrownBy(ahead::next).isInstanceOf(EncoderException.class)
                    .hasMessage("model failed on a batch");
        }
    }

    private PaperStore open() {
        return PaperStore.open(StoreOptions.defaults().withPath(dir.resolve("simdex.db")));
    }

    private static List<List<Paper>> batches(int count, int size) {
        var out = new ArrayList<List<Paper>>();
        for (int b = 0; b < count; b++) {
            var batch = new ArrayList<Paper>();
            for (int i = 0; i < size; i++) {
                batch.add(new Paper("p" + b + "-" + i, "Title " + b + " " + i, "Abstract of paper " + i
                        + " in batch " + b + ".", List.of()));
            }
            out.add(batch);
        }
        return out;
    }
}
