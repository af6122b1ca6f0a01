package io.simdex.tools.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Related papers judged by reading: for each query paper, a grade for other papers of the same corpus (2 clearly
 * wanted, 1 somewhat relevant, 0 not wanted). Read from a tab-separated file whose header names {@code query_id},
 * {@code doc_id} and {@code grade}; lines starting with {@code #} are comments. A paper a query does not list
 * counts as 0. The set judged over the bundled corpus ships as {@value #BUNDLED_RESOURCE}.
 *
 * @param name      where the judgements came from, for reports
 * @param judgments per query id, in file order: the grade of each judged paper
 */
public record JudgedSet(String name, Map<String, Map<String, Integer>> judgments) {

    /** The classpath resource of the set judged over the bundled corpus. */
    public static final String BUNDLED_RESOURCE = "/eval/related-judged.tsv";

    /** The highest grade: a paper a reader clearly wants. */
    public static final int WANTED = 2;

    public JudgedSet {
        var copy = new LinkedHashMap<String, Map<String, Integer>>();
        judgments.forEach((q, grades) -> copy.put(q, Collections.unmodifiableMap(new LinkedHashMap<>(grades))));
        judgments = Collections.unmodifiableMap(copy);
    }

    /** The set judged over the bundled corpus. */
    public static JudgedSet bundled() {
        try (InputStream in = JudgedSet.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new EvalDataException("the bundled judgements " + BUNDLED_RESOURCE + " are missing from the "
                        + "build");
            }
            return read("bundled judgements", new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws EvalDataException naming the file and line of a missing column, a bad grade, a paper judged for
     *                           itself or judged twice for one query
     */
    public static JudgedSet read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static JudgedSet read(String name, BufferedReader in) throws IOException {
        var judgments = new LinkedHashMap<String, Map<String, Integer>>();
        List<String> columns = null;
        int q = -1;
        int d = -1;
        int g = -1;
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (columns == null) {
                columns = Arrays.asList(f);
                q = columns.indexOf("query_id");
                d = columns.indexOf("doc_id");
                g = columns.indexOf("grade");
                if (q < 0 || d < 0 || g < 0) {
                    throw new EvalDataException(name + ":" + number + ": the header must name the columns query_id, "
                            + "doc_id and grade (tab-separated), got '" + line + "'");
                }
                continue;
            }
            if (f.length < columns.size()) {
                throw new EvalDataException(name + ":" + number + ": expected " + columns.size()
                        + " tab-separated columns, got " + f.length);
            }
            String query = f[q].strip();
            String doc = f[d].strip();
            int grade = grade(name, number, f[g].strip());
            if (query.equals(doc)) {
                throw new EvalDataException(name + ":" + number + ": '" + query + "' is judged for itself");
            }
            if (judgments.computeIfAbsent(query, x -> new LinkedHashMap<>()).put(doc, grade) != null) {
                throw new EvalDataException(name + ":" + number + ": '" + doc + "' is judged twice for '" + query + "'");
            }
        }
        if (judgments.isEmpty()) {
            throw new EvalDataException(name + " holds no judgements; it needs a header naming query_id, doc_id and "
                    + "grade, then one line per judged paper");
        }
        return new JudgedSet(name, judgments);
    }

    private static int grade(String name, int number, String text) {
        try {
            int grade = Integer.parseInt(text);
            if (grade >= 0 && grade <= WANTED) {
                return grade;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new EvalDataException(name + ":" + number + ": the grade must be 0, 1 or 2, got '" + text + "'");
    }

    /**
     * @throws EvalDataException if a query or a judged paper is not among {@code ids}
     */
    void requireKnown(Set<String> ids, String where) {
        judgments.forEach((query, grades) -> {
            if (!ids.contains(query)) {
                throw new EvalDataException(name + " judges papers for '" + query + "', which is not a paper of "
                        + where);
            }
            for (String doc : grades.keySet()) {
                if (!ids.contains(doc)) {
                    throw new EvalDataException(name + " grades '" + doc + "' for '" + query + "', but it is not a "
                            + "paper of " + where);
                }
            }
        });
    }
}
