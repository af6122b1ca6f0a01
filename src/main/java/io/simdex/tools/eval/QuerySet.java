package io.simdex.tools.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A set of search queries over a corpus, each with its style and its right papers, for {@code eval --queries}.
 *
 * <p>The file is tab-separated UTF-8: lines starting with {@code #} are comments, the first other line is the
 * header {@code id, style, split, query, answers}, and each further line one query. {@code answers} is a
 * comma-separated list of paper ids, each optionally followed by {@code :grade} (a positive integer, default 1).
 * {@code split} is {@value #TUNE} or {@value #HELD_OUT}: the queries a ranking rule may be designed on, and the
 * ones kept for checking it. The bundled set, {@value #BUNDLED_RESOURCE}, says in its header how it was made.
 *
 * @param source  where the queries came from, for messages
 * @param queries in file order
 */
public record QuerySet(String source, List<Query> queries) {

    /** The classpath resource of the bundled query set, over the bundled corpus. */
    public static final String BUNDLED_RESOURCE = "eval/queries.tsv";

    /** The split of queries that may be looked at while designing a ranking rule. */
    public static final String TUNE = "tune";

    /** The split of queries kept for checking a rule designed on the others. */
    public static final String HELD_OUT = "held-out";

    private static final List<String> HEADER = List.of("id", "style", "split", "query", "answers");

    public QuerySet {
        queries = List.copyOf(queries);
    }

    /**
     * One query.
     *
     * @param answers paper id to grade (at least 1), in file order; never empty
     */
    public record Query(String id, String style, String split, String text, Map<String, Integer> answers) {

        public Query {
            answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        }
    }

    /** Reads a query file. @throws EvalDataException naming the file and line of what is wrong */
    public static QuerySet read(Path file) {
        try {
            return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EvalDataException("cannot read the query file " + file + ": " + e.getMessage());
        }
    }

    /** The bundled query set ({@value #BUNDLED_RESOURCE}). */
    public static QuerySet bundled() {
        try (InputStream in = QuerySet.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new EvalDataException("the bundled query set " + BUNDLED_RESOURCE + " is not on the classpath");
            }
            return parse(BUNDLED_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED_RESOURCE, e);
        }
    }

    /**
     * Parses the lines of a query file.
     *
     * @param source the file's name, for messages
     * @throws EvalDataException naming the source and line of a wrong header, a short line, a repeated query id,
     *                           an unknown split, an empty answer list or a grade that is not a positive integer
     */
    public static QuerySet parse(String source, List<String> lines) {
        var queries = new ArrayList<Query>();
        var ids = new HashSet<String>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            String[] f = line.split("\t", -1);
            if (!header) {
                if (!List.of(f).stream().map(String::strip).toList().equals(HEADER)) {
                    throw new EvalDataException(where + "the header must be the tab-separated columns "
                            + String.join(", ", HEADER) + "; got '" + line + "'");
                }
                header = true;
                continue;
            }
            if (f.length != HEADER.size()) {
                throw new EvalDataException(where + "expected " + HEADER.size() + " tab-separated columns ("
                        + String.join(", ", HEADER) + "), got " + f.length);
            }
            String id = f[0].strip();
            String style = f[1].strip();
            String split = f[2].strip();
            String text = f[3].strip();
            if (id.isEmpty() || style.isEmpty() || text.isEmpty()) {
                throw new EvalDataException(where + "the id, style and query must not be blank");
            }
            if (!ids.add(id)) {
                throw new EvalDataException(where + "the query id '" + id + "' is used twice");
            }
            if (!split.equals(TUNE) && !split.equals(HELD_OUT)) {
                throw new EvalDataException(where + "split must be " + TUNE + " or " + HELD_OUT + ", got '" + split
                        + "'");
            }
            queries.add(new Query(id, style, split, text, answers(f[4], where)));
        }
        if (queries.isEmpty()) {
            throw new EvalDataException(source + " holds no query" + (header ? "" : " (and no header)"));
        }
        return new QuerySet(source, queries);
    }

    private static Map<String, Integer> answers(String field, String where) {
        var answers = new LinkedHashMap<String, Integer>();
        for (String item : field.split(",")) {
            String answer = item.strip();
            if (answer.isEmpty()) {
                continue;
            }
            int colon = answer.lastIndexOf(':');
            String id = colon < 0 ? answer : answer.substring(0, colon).strip();
            int grade = 1;
            if (colon >= 0) {
                try {
                    grade = Integer.parseInt(answer.substring(colon + 1).strip());
                } catch (NumberFormatException e) {
                    grade = 0;
                }
                if (grade < 1) {
                    throw new EvalDataException(where + "the grade of '" + id + "' must be a positive integer, got '"
                            + answer.substring(colon + 1) + "'");
                }
            }
            if (answers.put(id, grade) != null) {
                throw new EvalDataException(where + "the answer '" + id + "' is listed twice");
            }
        }
        if (answers.isEmpty()) {
            throw new EvalDataException(where + "a query needs at least one right paper id in its answers");
        }
        return answers;
    }

    /** The styles, in the order they first appear. */
    public List<String> styles() {
        var styles = new LinkedHashSet<String>();
        queries.forEach(q -> styles.add(q.style()));
        return List.copyOf(styles);
    }

    /** @throws EvalDataException if an answer names a paper outside {@code paperIds}, listing every such id */
    public void requireKnown(Set<String> paperIds, String where) {
        var unknown = new TreeSet<String>();
        for (Query q : queries) {
            q.answers().keySet().stream().filter(id -> !paperIds.contains(id)).forEach(unknown::add);
        }
        if (!unknown.isEmpty()) {
            throw new EvalDataException(source + " names " + unknown.size() + " paper id" + (unknown.size() == 1
                    ? "" : "s") + " that " + where + " does not hold: " + String.join(", ", unknown));
        }
    }
}
