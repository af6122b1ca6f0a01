package io.simdex.tools.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A retrieval test set in BEIR's layout: {@code corpus.jsonl[.gz]} ({@code _id}, {@code title},
 * {@code text}), {@code queries.jsonl} ({@code _id}, {@code text}) and {@code qrels/<split>.tsv}
 * (header, then {@code query-id corpus-id score}).
 *
 * @param name      a short name for reports and cache files, e.g. {@code scifact}
 * @param documents every document, in file order
 * @param queries   the queries that have relevance judgements, in file order
 * @param qrels     query id to (document id to graded relevance); only grades above 0 count as relevant
 */
public record BeirDataset(String name, List<Document> documents, List<Query> queries,
                          Map<String, Map<String, Integer>> qrels) {

    /** One document of the corpus. */
    public record Document(String id, String title, String text) {
        /** The text that is embedded and indexed: title and text joined by a space, as BEIR does. */
        public String fullText() {
            return title.isEmpty() ? text : title + " " + text;
        }
    }

    /** One query. */
    public record Query(String id, String text) {
    }

    public BeirDataset {
        documents = List.copyOf(documents);
        queries = List.copyOf(queries);
        qrels = Map.copyOf(qrels);
    }

    /**
     * Reads a BEIR folder.
     *
     * @param split the qrels file to use, e.g. {@code test}
     * @throws EvalDataException naming the missing file or the bad line
     */
    public static BeirDataset read(Path dir, String split) {
        Path corpus = dir.resolve("corpus.jsonl");
        if (!Files.isRegularFile(corpus)) {
            corpus = dir.resolve("corpus.jsonl.gz");
        }
        Path queryFile = dir.resolve("queries.jsonl");
        Path qrelFile = dir.resolve("qrels").resolve(split + ".tsv");
        for (Path required : List.of(corpus, queryFile, qrelFile)) {
            if (!Files.isRegularFile(required)) {
                throw new EvalDataException(required + " is missing; a BEIR folder holds corpus.jsonl (or .gz), "
                        + "queries.jsonl and qrels/" + split + ".tsv");
            }
        }
        var mapper = new ObjectMapper();
        var documents = new ArrayList<Document>();
        forEachJson(corpus, mapper, (node, where) -> documents.add(
                new Document(field(node, "_id", where), optional(node, "title"), field(node, "text", where))));
        Map<String, Map<String, Integer>> qrels = readQrels(qrelFile);
        var queries = new ArrayList<Query>();
        forEachJson(queryFile, mapper, (node, where) -> {
            String id = field(node, "_id", where);
            if (qrels.containsKey(id)) {
                queries.add(new Query(id, field(node, "text", where)));
            }
        });
        String name = dir.getFileName().toString().equals("beir_test") && dir.getParent() != null
                ? dir.getParent().getFileName().toString() : dir.getFileName().toString();
        return new BeirDataset(name, documents, queries, qrels);
    }

    private static Map<String, Map<String, Integer>> readQrels(Path file) {
        var out = new LinkedHashMap<String, Map<String, Integer>>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank() || (number == 1 && line.startsWith("query-id"))) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < 3) {
                    throw new EvalDataException(file + ":" + number + ": expected 'query-id<TAB>corpus-id<TAB>score'");
                }
                try {
                    out.computeIfAbsent(f[0], q -> new LinkedHashMap<>()).put(f[1], Integer.parseInt(f[2].trim()));
                } catch (NumberFormatException e) {
                    throw new EvalDataException(file + ":" + number + ": score '" + f[2] + "' is not a whole number");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private interface JsonLine {
        void accept(JsonNode node, String where);
    }

    private static void forEachJson(Path file, ObjectMapper mapper, JsonLine consumer) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + ":" + number;
                JsonNode node;
                try {
                    node = mapper.readTree(line);
                } catch (IOException e) {
                    throw new EvalDataException(where + ": not a JSON object: " + e.getMessage());
                }
                consumer.accept(node, where);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String field(JsonNode node, String name, String where) {
        JsonNode value = node.get(name);
        if (value == null || !value.isValueNode()) {
            throw new EvalDataException(where + ": missing field '" + name + "'");
        }
        return value.asText();
    }

    private static String optional(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? "" : value.asText().strip();
    }
}
