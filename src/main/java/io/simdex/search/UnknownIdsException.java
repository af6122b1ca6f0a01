package io.simdex.search;

import java.util.List;

/** A request listed paper ids the corpus does not hold; says which, and in which field. */
public final class UnknownIdsException extends InvalidQueryException {

    private static final long serialVersionUID = 1L;

    private final List<String> ids;

    public UnknownIdsException(String field, List<String> ids) {
        super(field, "unknown paper id" + (ids.size() == 1 ? "" : "s") + " in '" + field + "': "
                + String.join(", ", ids) + "; ids are the 'id' values that GET /api/search returns");
        this.ids = List.copyOf(ids);
    }

    /** The unknown ids, in request order. */
    public List<String> ids() {
        return ids;
    }
}
