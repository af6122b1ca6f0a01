package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's curl examples: each {@code curl -s 'http://127.0.0.1:7070/…'} block, with its JSON body when it
 * posts one ({@code -H 'Content-Type: application/json' -d '…'}), and the JSON after it.
 */
final class ReadmeExamples {

    /** One documented request and the JSON the README says it returns. */
    record Example(String pathAndQuery, String body, JsonNode expected) {

        /** Sends the example's request: a POST with its body, else a GET. */
        TestHttp.Reply send(TestHttp http) {
            return body == null ? http.get(pathAndQuery) : http.post(pathAndQuery, body);
        }
    }

    private static final Pattern EXAMPLE = Pattern.compile(
            "```sh\\ncurl -s 'http://127\\.0\\.0\\.1:7070(/[^']*)'"
                    + "(?: \\\\\\n\\s*-H 'Content-Type: application/json' -d '([^']*)')?\\n```\\n```json\\n(.*?)\\n```",
            Pattern.DOTALL);

    /** Scores may differ in the last digits between CPUs; rankings and everything else must not. */
    private static final double SCORE_TOLERANCE = 1e-4;

    private ReadmeExamples() {
    }

    static List<Example> read(Path readme) throws IOException {
        var mapper = new ObjectMapper();
        var examples = new ArrayList<Example>();
        Matcher m = EXAMPLE.matcher(Files.readString(readme));
        while (m.find()) {
            examples.add(new Example(m.group(1), m.group(2), mapper.readTree(m.group(3))));
        }
        return examples;
    }

    /** Fields whose value changes from run to run: only their presence is checked. */
    private static final java.util.Set<String> VARYING = java.util.Set.of("took_ms", "request_id");

    /**
     * Equal JSON, except that {@code took_ms} and {@code request_id} may differ and numbers may differ by
     * {@link #SCORE_TOLERANCE}.
     */
    static void assertSameJson(String where, JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            assertThat(actual.isObject()).as(where).isTrue();
            var expectedNames = new ArrayList<String>();
            expected.fieldNames().forEachRemaining(expectedNames::add);
            var actualNames = new ArrayList<String>();
            actual.fieldNames().forEachRemaining(actualNames::add);
            assertThat(actualNames).as(where + " fields").containsExactlyElementsOf(expectedNames);
            for (String name : expectedNames) {
                if (!VARYING.contains(name)) {
                    assertSameJson(where + "." + name, expected.get(name), actual.get(name));
                }
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(where + " length").isEqualTo(expected.size());
            Iterator<JsonNode> a = actual.elements();
            int i = 0;
            for (JsonNode e : expected) {
                assertSameJson(where + "[" + i++ + "]", e, a.next());
            }
        } else if (expected.isFloatingPointNumber()) {
            assertThat(actual.asDouble()).as(where).isCloseTo(expected.asDouble(),
                    org.assertj.core.data.Offset.offset(SCORE_TOLERANCE));
        } else {
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }
}
