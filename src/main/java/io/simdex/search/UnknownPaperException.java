package io.simdex.search;

/** A request named a paper id the corpus does not hold. */
public final class UnknownPaperException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String id;

    public UnknownPaperException(String id) {
        super("no paper with id '" + id + "'");
        this.id = id;
    }

    public String id() {
        return id;
    }
}
