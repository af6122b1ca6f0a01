package io.simdex.tools.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.simdex.corpus.Paper;
import io.simdex.tools.eval.EvalDataException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The duplicate check's hard cases, written and labelled by people: rewrites of corpus papers (one JSON object a
 * line: {@code id}, {@code source}, {@code style}, {@code title}, {@code abstract}) and the corpus's closest
 * pairs, each read and labelled {@code distinct} or {@code duplicate} (tab-separated: {@code first}, {@code
 * second}, {@code label}, {@code note}; {@code #} starts a comment). The bundled set is in
 * {@code src/main/resources/eval/}, with a README saying how it was made.
 */
public record RewriteSet(List<Rewrite> rewrites, List<LabelledPair> pairs) {

    /** What {@code --rewrites} names for the set that ships with simdex. */
    public static final String BUNDLED = "bundled";

    /** The styles of rewrite, as the files name them. */
    public static final List<String> STYLES = List.of("paraphrase", "half", "expanded", "non_native");

    public RewriteSet {
        rewrites = List.copyOf(rewrites);
        pairs = List.copyOf(pairs);
    }

    /** A person's rewrite of corpus paper {@code source}. */
    public record Rewrite(String id, String source, String style, String title, String abstractText) {

        /** The text a duplicate check of this rewrite embeds, as a paper's. */
        public String text() {
            return Paper.embeddingText(title, abstractText);
        }
    }

    /** Two corpus papers read side by side: the same work ({@code duplicate}) or two works. */
    public record LabelledPair(String first, String second, boolean duplicate, String note) {
    }

    /** The bundled set. */
    public static RewriteSet bundled() {
        return new RewriteSet(rewrites(resource("rewrites.jsonl"), "eval/rewrites.jsonl"),
                pairs(resource("hard-pairs.tsv"), "eval/hard-pairs.tsv"));
    }

    /** The bundled set for {@value #BUNDLED}, else the set in a folder: rewrites.jsonl and hard-pairs.tsv. */
    public static RewriteSet named(String name) {
        if (name.equals(BUNDLED)) {
            return bundled();
        }
        Path dir = Path.of(name);
        return read(dir.resolve("rewrites.jsonl"), dir.resolve("hard-pairs.tsv"));
    }

    /** A set from a rewrites file and a labelled-pairs file. */
    public static RewriteSet read(Path rewrites, Path pairs) {
        try (InputStream r = Files.newInputStream(rewrites); InputStream p = Files.newInputStream(pairs)) {
            return new RewriteSet(rewrites(r, rewrites.toString()), pairs(p, pairs.toString()));
        } catch (IOException e) {
            throw new EvalDataException("cannot read " + rewrites + " or " + pairs + ": " + e.getMessage());
        }
    }

    /**
     * @throws EvalDataException naming the first rewrite or pair whose paper {@code ids} does not have
     */
    public void requireKnown(Set<String> ids) {
        for (Rewrite rewrite : rewrites) {
            if (!ids.contains(rewrite.source())) {
                throw new EvalDataException("rewrite " + rewrite.id() + " is of paper '" + rewrite.source()
                        + "', which the corpus does not have");
            }
        }
        for (LabelledPair pair : pairs) {
            for (String id : List.of(pair.first(), pair.second())) {
                if (!ids.contains(id)) {
                    throw new EvalDataException("labelled pair " + pair.first() + " ~ " + pair.second()
                            + " names paper '" + id + "', which the corpus does not have");
                }
            }
        }
    }

    private static InputStream resource(String name) {
        InputStream in = RewriteSet.class.getResourceAsStream("/eval/" + name);
        if (in == null) {
            throw new EvalDataException("the bundled eval/" + name + " is missing from this build");
        }
        return in;
    }

    private static List<Rewrite> rewrites(InputStream in, String name) {
        var mapper = new ObjectMapper();
        var out = new ArrayList<Rewrite>();
        var seen = new HashSet<String>();
        int number = 0;
        for (String line : lines(in, name)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = mapper.readTree(line);
                var rewrite = new Rewrite(field(node, "id"), field(node, "source"), field(node, "style"),
                        field(node, "title"), field(node, "abstract"));
                if (!STYLES.contains(rewrite.style())) {
                    throw new EvalDataException("style must be one of " + STYLES + ", got '" + rewrite.style() + "'");
                }
                if (!seen.add(rewrite.id())) {
                    throw new EvalDataException("id '" + rewrite.id() + "' appears twice");
                }
                out.add(rewrite);
            } catch (IOException | EvalDataException e) {
                throw new EvalDataException(name + ":" + number + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new EvalDataException("needs a non-blank text field '" + name + "'");
        }
        return value.asText();
    }

    private static List<LabelledPair> pairs(InputStream in, String name) {
        var out = new ArrayList<LabelledPair>();
        int number = 0;
        for (String line : lines(in, name)) {
            number++;
            if (line.isBlank() || line.startsWith("#") || line.startsWith("first\t")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length < 3 || !(cells[2].equals("distinct") || cells[2].equals("duplicate"))) {
                throw new EvalDataException(name + ":" + number + ": expected first, second, label (distinct or "
                        + "duplicate) and a note, tab-separated; got '" + line + "'");
            }
            out.add(new LabelledPair(cells[0], cells[1], cells[2].equals("duplicate"),
                    cells.length > 3 ? cells[3] : ""));
        }
        return out;
    }

    private static List<String> lines(InputStream in, String name) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
