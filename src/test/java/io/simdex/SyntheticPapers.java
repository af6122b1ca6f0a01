package io.simdex;

import io.simdex.corpus.Paper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Many made-up papers for measurements: abstracts of 150 words in 24 topics, ids {@code paper-0000000} on. */
public final class SyntheticPapers {

    private SyntheticPapers() {
    }

    /** {@code n} papers, the same for the same {@code n}: a third of each abstract's words are its topic's. */
    public static List<Paper> of(int n) {
        var random = new Random(3);
        var papers = new ArrayList<Paper>(n);
        for (int i = 0; i < n; i++) {
            char topic = (char) ('a' + random.nextInt(24));
            var text = new StringBuilder();
            for (int w = 0; w < 150; w++) {
                char from = w % 3 == 0 ? topic : (char) ('a' + random.nextInt(24));
                text.append("topic").append(from).append("word").append((char) ('a' + random.nextInt(20))).append(' ');
            }
            papers.add(new Paper(String.format(Locale.ROOT, "paper-%07d", i), "A synthetic paper about topic " + topic,
                    text.toString(), List.of(), Map.of()));
        }
        return papers;
    }
}
