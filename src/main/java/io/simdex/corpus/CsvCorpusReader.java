package io.simdex.corpus;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import io.simdex.text.Whitespace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CSV corpus (RFC 4180: commas, double quotes, quoted fields may span lines) whose first row names the
 * columns: {@code id} or {@code _id}, {@code title}, {@code abstract} or {@code text}, as {@link PaperFields}
 * reads them; every other column is metadata, kept as text. An empty cell is no value.
 *
 * <p>A row that is not a usable paper, has more cells than the header, or repeats an id is skipped with a
 * {@link CorpusProblem} naming file, line and column; the other rows are read.
 */
public final class CsvCorpusReader {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private CsvCorpusReader() {
    }

    /**
     * Reads one CSV file's text (BOM and {@code \r\n} accepted).
     *
     * @param file the file name, without directory; used in sources and problems
     * @param text the whole file; may be empty
     */
    public static ParsedFile read(String file, String text) {
        List<RawPaper> papers = new ArrayList<>();
        List<CorpusProblem> problems = new ArrayList<>();
        try (MappingIterator<List<String>> rows = CSV.readerForListOf(String.class)
                .readValues(Whitespace.stripBom(text))) {
            List<String> header = null;
            Map<String, Integer> lineOfId = new HashMap<>();
            while (true) {
                int line = lineOf(rows.getParser().currentLocation());
                List<String> row;
                try {
                    if (!rows.hasNextValue()) {
                        break;
                    }
                    line = lineOf(rows.getParser().currentLocation()); // where the row starts
                    row = rows.nextValue();
                } catch (JsonProcessingException e) {
                    problems.add(new CorpusProblem(file, Math.max(line, 1), "unreadable CSV ("
                            + Whitespace.normalize(e.getOriginalMessage()) + "); the rest of the file is skipped"));
                    break;
                }
                if (row.stream().allMatch(cell -> cell == null || cell.isBlank())) {
                    continue;
                }
                if (header == null) {
                    header = header(row, file, line, problems);
                    if (header == null) {
                        break;
                    }
                    continue;
                }
                try {
                    RawPaper paper = PaperFields.toPaper(fields(header, row), new Source(file, line));
                    Integer firstLine = paper.id().map(lineOfId::get).orElse(null);
                    if (firstLine != null) {
                        throw new PaperFields.InvalidRecord("id '" + paper.id().get() + "' already used on line "
                                + firstLine);
                    }
                    final int at = line;
                    paper.id().ifPresent(id -> lineOfId.put(id, at));
                    papers.add(paper);
                } catch (PaperFields.InvalidRecord e) {
                    problems.add(new CorpusProblem(file, line, e.getMessage() + ", row skipped"));
                }
            }
        } catch (IOException e) {
            problems.add(new CorpusProblem(file, 0, "unreadable CSV (" + Whitespace.normalize(e.getMessage()) + ")"));
        }
        if (papers.isEmpty()) {
            problems.add(new CorpusProblem(file, 0, text.isBlank() ? "empty file" : "no papers found"));
        }
        return new ParsedFile(file, papers, problems);
    }

    /** The column names, or null (with a problem) when the first row cannot be a header. */
    private static List<String> header(List<String> row, String file, int line, List<CorpusProblem> problems) {
        List<String> names = row.stream().map(cell -> cell == null ? "" : cell.strip()).toList();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isEmpty()) {
                problems.add(new CorpusProblem(file, line, "column " + (i + 1) + " of the header has no name; the"
                        + " first row must name every column (e.g. id,title,abstract)"));
                return null;
            }
            if (!seen.add(names.get(i))) {
                problems.add(new CorpusProblem(file, line, "the header names column \"" + names.get(i)
                        + "\" twice; name each column once"));
                return null;
            }
        }
        if (!seen.contains("abstract") && !seen.contains("text")) {
            problems.add(new CorpusProblem(file, line, "the header has no \"abstract\" (or \"text\") column; the"
                    + " first row must name the columns, e.g. id,title,abstract (got "
                    + String.join(",", names).toLowerCase(Locale.ROOT) + ")"));
            return null;
        }
        return names;
    }

    private static Map<String, Object> fields(List<String> header, List<String> row)
            throws PaperFields.InvalidRecord {
        if (row.size() > header.size()) {
            throw new PaperFields.InvalidRecord("the row has " + row.size() + " cells but the header names "
                    + header.size() + " columns; quote cells that hold commas");
        }
        var fields = new LinkedHashMap<String, Object>();
        for (int i = 0; i < row.size(); i++) {
            String cell = row.get(i);
            if (cell != null && !cell.isEmpty()) {
                fields.put(header.get(i), cell);
            }
        }
        return fields;
    }

    private static int lineOf(JsonLocation location) {
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }
}
