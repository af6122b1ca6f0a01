package io.simdex.corpus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.simdex.text.Whitespace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a JSONL corpus: one {@code {"id"?, "title", "abstract"}} object per line.
 *
 * <p>Blank lines are skipped and unknown fields are ignored. A line is skipped whole, with a
 * {@link CorpusProblem} naming file and line, when it is not one valid JSON object, lacks a non-blank string
 * {@code title} or {@code abstract}, has an {@code id} that is not a string matching {@link #ID_PATTERN}, or
 * repeats an id seen earlier in the file. {@code "id": null} counts as no id. Title and abstract are
 * whitespace-normalized. A file that yields no paper also gets a line 0 problem.
 */
public final class JsonlCorpusReader {

    /** Accepted explicit ids: URL-safe, 1 to 128 characters. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonlCorpusReader() {
    }

    /**
     * Reads one JSONL file's text (BOM and {@code \r\n} accepted).
     *
     * @param file the file name, without directory; used in sources and problems
     * @param text the whole file; may be empty
     */
    public static ParsedFile read(String file, String text) {
        List<String> lines = Whitespace.stripBom(text).lines().toList();
        List<RawPaper> papers = new ArrayList<>();
        List<CorpusProblem> problems = new ArrayList<>();
        Map<String, Integer> lineOfId = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            int lineNumber = i + 1;
            try {
                RawPaper paper = toPaper(JSON.readTree(lines.get(i)), new Source(file, lineNumber));
                Optional<String> id = paper.id();
                Integer firstLine = id.map(lineOfId::get).orElse(null);
                if (firstLine != null) {
                    throw new InvalidLine("id '" + id.get() + "' already used on line " + firstLine);
                }
                id.ifPresent(value -> lineOfId.put(value, lineNumber));
                papers.add(paper);
            } catch (JsonProcessingException e) {
                problems.add(new CorpusProblem(file, lineNumber,
                        "invalid JSON (" + Whitespace.normalize(e.getOriginalMessage()) + "), line skipped"));
            } catch (InvalidLine e) {
                problems.add(new CorpusProblem(file, lineNumber, e.getMessage() + ", line skipped"));
            }
        }
        if (papers.isEmpty()) {
            problems.add(new CorpusProblem(file, 0, lines.stream().allMatch(String::isBlank)
                    ? "empty file" : "no papers found"));
        }
        return new ParsedFile(file, papers, problems);
    }

    private static RawPaper toPaper(JsonNode node, Source source) throws InvalidLine {
        if (node == null || !node.isObject()) {
            throw new InvalidLine("expected a JSON object {\"title\", \"abstract\", \"id\"?}, got "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
        }
        String title = requiredText(node, "title");
        String abstractText = requiredText(node, "abstract");
        return new RawPaper(title, abstractText, source, optionalId(node));
    }

    private static String requiredText(JsonNode object, String field) throws InvalidLine {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidLine("missing \"" + field + "\"");
        }
        if (!value.isTextual()) {
            throw new InvalidLine("\"" + field + "\" must be a string, got " + value.getNodeType().toString().toLowerCase());
        }
        String text = Whitespace.normalize(value.textValue());
        if (text.isEmpty()) {
            throw new InvalidLine("\"" + field + "\" is blank");
        }
        return text;
    }

    private static Optional<String> optionalId(JsonNode object) throws InvalidLine {
        JsonNode value = object.get("id");
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || !ID_PATTERN.matcher(value.textValue()).matches()) {
            String shown = value.toString();
            shown = shown.length() <= 60 ? shown : shown.substring(0, 60) + "…";
            throw new InvalidLine("id " + shown + " is not URL-safe: expected 1 to 128 of [A-Za-z0-9._~-]");
        }
        return Optional.of(value.textValue());
    }

    /** A line that is valid JSON but not a usable paper. */
    private static final class InvalidLine extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidLine(String message) {
            super(message, null, false, false);
        }
    }
}
