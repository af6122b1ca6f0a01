package io.simdex.corpus;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A paper sent by a client (the body of {@code PUT /api/papers/{id}}, an item of a bulk request): the fields a
 * JSONL line would hold, read by the same rules ({@code title} optional, {@code abstract} or {@code text}
 * required, every other field metadata).
 */
public final class PaperInput {

    private PaperInput() {
    }

    /**
     * The paper that {@code fields} describe under {@code id}. The fields may repeat the id ({@code id} or
     * {@code _id}), but not name another one.
     *
     * @param id the paper's id, e.g. from the request path; {@code null} to take it from the fields, where it is
     *           then required
     * @throws InvalidPaperException naming the field that is wrong and what it should be
     */
    public static Paper of(String id, Map<String, ?> fields) throws InvalidPaperException {
        RawPaper raw;
        try {
            raw = PaperFields.toPaper(fields, new Source("request", 1));
        } catch (PaperFields.InvalidRecord e) {
            throw new InvalidPaperException(e.getMessage());
        }
        Optional<String> given = raw.id();
        if (id == null) {
            id = given.orElseThrow(() -> new InvalidPaperException("missing \"id\": every paper in a bulk request"
                    + " needs its id, e.g. {\"id\": \"my-paper-1\", \"title\": ..., \"abstract\": ...}"));
        } else {
            if (!PaperFields.ID_PATTERN.matcher(id).matches()) {
                throw new InvalidPaperException("the id '" + (id.length() <= 60 ? id : id.substring(0, 60) + "…")
                        + "' is not URL-safe: expected 1 to 128 of [A-Za-z0-9._~-]");
            }
            if (given.isPresent() && !given.get().equals(id)) {
                throw new InvalidPaperException("field \"id\" is '" + given.get() + "' but the path names '" + id
                        + "'; leave the id out of the body, or make them equal");
            }
        }
        return new Paper(id, raw.title(), raw.abstractText(), List.of(), raw.metadata());
    }

    /** What is wrong with a client's paper; the message names the field. */
    public static final class InvalidPaperException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidPaperException(String message) {
            super(message, null, false, false);
        }
    }
}
