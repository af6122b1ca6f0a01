package io.simdex.corpus;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;

/**
 * Writes papers as JSONL that {@link JsonlCorpusReader} reads back to the same papers: one object per line with
 * {@code id}, {@code title}, {@code abstract} and then every metadata field. Sources are not written: they say
 * where a paper was read, and reading the export gives the export's own lines.
 */
public final class JsonlCorpusWriter {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private JsonlCorpusWriter() {
    }

    /**
     * Writes each paper on its own line, in the given order.
     *
     * @return how many papers were written
     * @throws IOException if the writer fails
     */
    public static int write(Iterable<Paper> papers, Writer out) throws IOException {
        int count = 0;
        for (Paper paper : papers) {
            var fields = new LinkedHashMap<String, Object>();
            fields.put("id", paper.id());
            fields.put("title", paper.title());
            fields.put("abstract", paper.abstractText());
            fields.putAll(paper.metadata());
            out.write(JSON.writeValueAsString(fields));
            out.write('\n');
            count++;
        }
        out.flush();
        return count;
    }
}
