package io.simdex.search;

import java.util.Objects;

/** A question the service cannot answer as asked; names the input at fault and how to fix it. */
public class InvalidQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field  the request field or parameter at fault, e.g. {@code positive}
     * @param detail what is wrong and how to fix it
     */
    public InvalidQueryException(String field, String detail) {
        super(detail);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The request field or parameter at fault. */
    public String field() {
        return field;
    }
}
