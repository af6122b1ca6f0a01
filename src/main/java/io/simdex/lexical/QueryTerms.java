package io.simdex.lexical;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The terms of a free-text query, as the index's analyzer makes them, with how often each occurs. Analyzing the
 * text ourselves, rather than handing it to Lucene's query parser, means no user text is ever query syntax.
 */
final class QueryTerms {

    private QueryTerms() {
    }

    /**
     * The distinct terms of {@code text} with their counts, at most {@code maxTerms} of them: the most frequent
     * first, equally frequent ones in order of first occurrence. Empty when the text has no indexable word (only
     * stop words or punctuation, say).
     */
    static List<Map.Entry<String, Integer>> of(Analyzer analyzer, String field, String text, int maxTerms) {
        var counts = new LinkedHashMap<String, Integer>();
        for (String term : tokens(analyzer, field, text)) {
            counts.merge(term, 1, Integer::sum);
        }
        var terms = new ArrayList<>(counts.entrySet());
        terms.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())); // stable
        return List.copyOf(terms.subList(0, Math.min(maxTerms, terms.size())));
    }

    /** The terms the analyzer makes of {@code text}, in order, repeats kept. */
    static List<String> tokens(Analyzer analyzer, String field, String text) {
        var out = new ArrayList<String>();
        try (TokenStream tokens = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                out.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyze text", e);
        }
        return out;
    }
}
