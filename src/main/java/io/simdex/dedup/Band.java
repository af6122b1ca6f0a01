package io.simdex.dedup;

import java.util.Locale;

/** How alike a text is to a paper of the corpus, from the strongest band to none; also a check's verdict. */
public enum Band {
    /** The same text, give or take formatting, order or a changed title. */
    DUPLICATE,
    /** The same work reworded, cut short or retitled. */
    NEAR_DUPLICATE,
    /** A different paper on the same topic. */
    RELATED,
    /** Nothing in the corpus comes close. */
    NEW;

    /** The name used in responses, e.g. {@code near_duplicate}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
