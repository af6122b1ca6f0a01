package io.simdex.tools.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Pairs of related papers for the related-paper check: a tab-separated file whose header names the columns
 * {@code doc_id_a} and {@code doc_id_b} (others, such as SciFact's {@code split} and {@code claim_id}, are
 * ignored), one pair per line. A pair listed twice, in either order, counts once.
 */
public final class CoCitedPairs {

    private CoCitedPairs() {
    }

    /** Two related documents; {@code a} sorts before {@code b}. */
    public record Pair(String a, String b) {

        public Pair {
            if (a.equals(b)) {
                throw new IllegalArgumentException("a pair needs two documents, got '" + a + "' twice");
            }
            if (a.compareTo(b) > 0) {
                String first = b;
                b = a;
                a = first;
            }
        }
    }

    /**
     * Reads the distinct pairs, in file order.
     *
     * @throws EvalDataException naming the file and line of a missing column, a short line or a self-pair
     */
    public static List<Pair> read(Path file) {
        var pairs = new LinkedHashSet<Pair>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new EvalDataException(file + " is empty; it needs a header naming doc_id_a and doc_id_b");
            }
            List<String> columns = Arrays.asList(header.split("\t"));
            int a = columns.indexOf("doc_id_a");
            int b = columns.indexOf("doc_id_b");
            if (a < 0 || b < 0) {
                throw new EvalDataException(file + ":1: the header must name the columns doc_id_a and doc_id_b "
                        + "(tab-separated), got '" + header + "'");
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length <= Math.max(a, b)) {
                    throw new EvalDataException(file + ":" + number + ": expected " + columns.size()
                            + " tab-separated columns, got " + f.length);
                }
                if (f[a].strip().equals(f[b].strip())) {
                    throw new EvalDataException(file + ":" + number + ": '" + f[a].strip() + "' is paired with "
                            + "itself");
                }
                pairs.add(new Pair(f[a].strip(), f[b].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new ArrayList<>(pairs);
    }

    /**
     * @throws EvalDataException if a pair names a document outside {@code ids}
     */
    static void requireKnown(List<Pair> pairs, Set<String> ids, String where) {
        for (Pair p : pairs) {
            for (String id : List.of(p.a(), p.b())) {
                if (!ids.contains(id)) {
                    throw new EvalDataException("the pair " + p.a() + " / " + p.b() + " names '" + id
                            + "', which is not a document of " + where);
                }
            }
        }
    }
}
