package io.simdex.tools.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentence pairs with a gold similarity, read from the STS Benchmark's tab-separated layout: genre, file,
 * year, id, score, sentence 1, sentence 2, then optional extra columns that are ignored. Lines are split
 * on tabs only; quotes are part of the text.
 */
public final class StsPairs {

    /** One scored pair. */
    public record Pair(double gold, String first, String second) {
    }

    private StsPairs() {
    }

    /**
     * Reads pairs.
     *
     * @param limit read at most this many pairs (the first ones); {@code 0} for all
     * @throws EvalDataException naming the line that is malformed
     */
    public static List<Pair> read(Path file, int limit) {
        if (!Files.isRegularFile(file)) {
            throw new EvalDataException(file + " is missing; expected a tab-separated STS file "
                    + "(genre, file, year, id, score, sentence1, sentence2)");
        }
        var pairs = new ArrayList<Pair>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null && (limit == 0 || pairs.size() < limit)) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 7) {
                    throw new EvalDataException(file + ":" + number + ": expected at least 7 tab-separated columns, got "
                            + f.length);
                }
                double gold;
                try {
                    gold = Double.parseDouble(f[4].trim());
                } catch (NumberFormatException e) {
                    throw new EvalDataException(file + ":" + number + ": score '" + f[4] + "' is not a number");
                }
                pairs.add(new Pair(gold, f[5], f[6]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return pairs;
    }
}
