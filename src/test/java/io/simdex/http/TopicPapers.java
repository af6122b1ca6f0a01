package io.simdex.http;

import io.simdex.corpus.Paper;
import io.simdex.corpus.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/** A small corpus for HTTP tests: one paper per topic, {@code paper-0} to {@code paper-6}, that the fake encoder tells apart. */
final class TopicPapers {

    static final List<String> TOPICS = List.of("graph neural networks", "protein folding", "speech recognition",
            "image segmentation", "reinforcement learning", "machine translation", "diffusion models");

    private TopicPapers() {
    }

    /** {@code paper-i} titled "Advances in <topic>", with the abstract and sources given for its topic and index. */
    static List<Paper> papers(UnaryOperator<String> abstractOf, IntFunction<List<Source>> sourcesOf) {
        var papers = new ArrayList<Paper>();
        for (int i = 0; i < TOPICS.size(); i++) {
            papers.add(new Paper("paper-" + i, "Advances in " + TOPICS.get(i), abstractOf.apply(TOPICS.get(i)),
                    sourcesOf.apply(i)));
        }
        return papers;
    }
}
