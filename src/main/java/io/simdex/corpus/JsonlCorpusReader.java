package io.simdex.corpus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.simdex.text.Whitespace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a JSONL corpus: one JSON object per line, its fields as {@link PaperFields} reads them ({@code id} or
 * {@code _id}, {@code title}, {@code abstract} or {@code text}, anything else kept as metadata), so a BEIR
 * {@code corpus.jsonl} reads as it is.
 *
 * <p>Blank lines are skipped. A line is skipped whole, with a {@link CorpusProblem} naming file, line and field,
 * when it is not one valid JSON object, is not a usable paper, or repeats an id seen earlier in the file; the
 * other lines are read. {@code "id": null} counts as no id. Title and abstract are whitespace-normalized. A file
 * that yields no paper also gets a line 0 problem.
 */
public final class JsonlCorpusReader {

    /** Accepted explicit ids: URL-safe, 1 to 128 characters. */
    public static final Pattern ID_PATTERN = PaperFields.ID_PATTERN;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // numbers stay as they were written: 0.10 stays 0.10, 1e400 does not become infinity
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
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
                JsonNode node = JSON.readTree(lines.get(i));
                if (node == null || !node.isObject()) {
                    throw new PaperFields.InvalidRecord("expected a JSON object {\"title\", \"abstract\", \"id\"?},"
                            + " got " + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(Locale.ROOT)));
                }
                RawPaper paper = PaperFields.toPaper(JSON.convertValue(node, FIELDS), new Source(file, lineNumber));
                Optional<String> id = paper.id();
                Integer firstLine = id.map(lineOfId::get).orElse(null);
                if (firstLine != null) {
                    throw new PaperFields.InvalidRecord("id '" + id.get() + "' already used on line " + firstLine);
                }
                id.ifPresent(value -> lineOfId.put(value, lineNumber));
                papers.add(paper);
            } catch (JsonProcessingException e) {
                problems.add(new CorpusProblem(file, lineNumber,
                        "invalid JSON (" + Whitespace.normalize(e.getOriginalMessage()) + "), line skipped"));
            } catch (PaperFields.InvalidRecord e) {
                problems.add(new CorpusProblem(file, lineNumber, e.getMessage() + ", line skipped"));
            }
        }
        if (papers.isEmpty()) {
            problems.add(new CorpusProblem(file, 0, lines.stream().allMatch(String::isBlank)
                    ? "empty file" : "no papers found"));
        }
        return new ParsedFile(file, papers, problems);
    }

    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {
    };
}
