package io.simdex.corpus;

import io.simdex.text.Whitespace;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns one record of named fields (a JSONL object, a CSV row) into a {@link RawPaper}: the one place that says
 * which field is the id, the title and the abstract, so every format reads them alike.
 *
 * <ul>
 *   <li>id: {@code id}, or {@code _id} (BEIR); text matching {@link #ID_PATTERN}, or a whole number (kept as
 *       its digits); optional.</li>
 *   <li>title: {@code title}; optional, empty when missing, null or blank.</li>
 *   <li>abstract: {@code abstract}, or {@code text} (BEIR); required, non-blank.</li>
 *   <li>every other field is metadata, kept as it came; the fields of a {@code metadata} object (BEIR) are
 *       metadata too.</li>
 * </ul>
 */
final class PaperFields {

    /** Accepted explicit ids: URL-safe, 1 to 128 characters. */
    static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    private PaperFields() {
    }

    /**
     * The paper a record describes.
     *
     * @throws InvalidRecord naming the field that is wrong and what it should be
     */
    static RawPaper toPaper(Map<String, ?> fields, Source source) throws InvalidRecord {
        Optional<String> id = id(either(fields, "id", "_id"));
        String title = title(fields.get("title"));
        String abstractText = abstractText(either(fields, "abstract", "text"));
        var metadata = new LinkedHashMap<String, Object>();
        for (var field : fields.entrySet()) {
            if (!Metadata.RESERVED.contains(field.getKey())) {
                metadata.put(field.getKey(), field.getValue());
            }
        }
        Object nested = fields.get("metadata");
        if (nested instanceof Map<?, ?> map) {
            for (var field : map.entrySet()) {
                String key = String.valueOf(field.getKey());
                if (metadata.containsKey(key) || Metadata.RESERVED.contains(key)) {
                    throw new InvalidRecord("field \"metadata." + key + "\" repeats a field of the paper; keep one");
                }
                metadata.put(key, field.getValue());
            }
        } else if (nested != null) {
            throw new InvalidRecord("field \"metadata\" must be an object of further fields, got " + kind(nested));
        }
        try {
            return new RawPaper(title, abstractText, source, id, metadata);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecord(e.getMessage());
        }
    }

    /** The value of {@code name}, or of its alternative {@code alias}; both at once is an error. */
    private static Field either(Map<String, ?> fields, String name, String alias) throws InvalidRecord {
        boolean hasName = fields.get(name) != null;
        boolean hasAlias = fields.get(alias) != null;
        if (hasName && hasAlias) {
            throw new InvalidRecord("fields \"" + name + "\" and \"" + alias + "\" mean the same; keep one");
        }
        return hasAlias ? new Field(alias, fields.get(alias)) : new Field(name, fields.get(name));
    }

    private static Optional<String> id(Field field) throws InvalidRecord {
        Object value = field.value();
        if (value == null || (value instanceof String s && s.isBlank())) {
            return Optional.empty();
        }
        String id;
        if (value instanceof String s) {
            id = s.strip();
        } else if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            id = value.toString();
        } else {
            throw new InvalidRecord("field \"" + field.name() + "\" must be text or a whole number, got "
                    + kind(value));
        }
        if (!ID_PATTERN.matcher(id).matches()) {
            String shown = id.length() <= 60 ? id : id.substring(0, 60) + "…";
            throw new InvalidRecord("field \"" + field.name() + "\" '" + shown + "' is not URL-safe: expected 1 to"
                    + " 128 of [A-Za-z0-9._~-]");
        }
        return Optional.of(id);
    }

    private static String title(Object value) throws InvalidRecord {
        if (value == null) {
            return "";
        }
        if (!(value instanceof String s)) {
            throw new InvalidRecord("field \"title\" must be text, got " + kind(value));
        }
        return Whitespace.normalize(s);
    }

    private static String abstractText(Field field) throws InvalidRecord {
        if (field.value() == null) {
            throw new InvalidRecord("missing \"abstract\" (or \"text\"): every paper needs its abstract");
        }
        if (!(field.value() instanceof String s)) {
            throw new InvalidRecord("field \"" + field.name() + "\" must be text, got " + kind(field.value()));
        }
        String text = Whitespace.normalize(s);
        if (text.isEmpty()) {
            throw new InvalidRecord("field \"" + field.name() + "\" is blank: every paper needs its abstract");
        }
        return text;
    }

    private static String kind(Object value) {
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "true/false";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof java.util.List) {
            return "a list";
        }
        return "text";
    }

    private record Field(String name, Object value) {
    }

    /** A record that is readable but not a usable paper; the message says which field and why. */
    static final class InvalidRecord extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidRecord(String message) {
            super(message, null, false, false);
        }
    }
}
