package io.simdex.lexical;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The words of a text as a person reads them: tokenized like the BM25 index, lower-cased and without English stop
 * words, but not stemmed ("networks" stays "networks"), so they can be shown, e.g. as a label.
 */
public final class Words {

    /** Thread-safe: Lucene keeps one token stream per thread. */
    private static final Analyzer READABLE = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(tokenizer);
            stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            return new TokenStreamComponents(tokenizer, stream);
        }
    };

    private Words() {
    }

    /**
     * The distinct words of {@code text} made of letters only and at least {@code minLetters} long, in order of
     * first occurrence; empty for a blank text.
     */
    public static Set<String> distinct(String text, int minLetters) {
        var words = new LinkedHashSet<String>();
        try (TokenStream tokens = READABLE.tokenStream("text", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                if (term.length() >= minLetters && lettersOnly(term)) {
                    words.add(term.toString());
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot split a text into words", e);
        }
        return words;
    }

    private static boolean lettersOnly(CharSequence term) {
        for (int i = 0; i < term.length(); i++) {
            if (!Character.isLetter(term.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
