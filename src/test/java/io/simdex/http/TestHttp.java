package io.simdex.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Starts an app on a free loopback port and sends it real HTTP requests. */
final class TestHttp implements AutoCloseable {

    /** A response with its JSON body parsed. */
    record Reply(int status, String contentType, JsonNode json, String body, java.net.http.HttpHeaders headers) {

        /** Asserts that this is a problem response of {@code status} that explains itself and leaks no stack trace. */
        void assertProblem(int expectedStatus) {
            org.assertj.core.api.Assertions.assertThat(status).as(body).isEqualTo(expectedStatus);
            org.assertj.core.api.Assertions.assertThat(contentType).startsWith("application/problem+json");
            org.assertj.core.api.Assertions.assertThat(json.get("status").asInt()).isEqualTo(expectedStatus);
            org.assertj.core.api.Assertions.assertThat(json.get("title").asText()).isNotBlank();
            org.assertj.core.api.Assertions.assertThat(json.get("detail").asText()).isNotBlank();
            org.assertj.core.api.Assertions.assertThat(body).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestHttp(Javalin server) {
        this.server = server.start("127.0.0.1", 0);
    }

    /** The loopback port the server listens on, for clients other than this one. */
    int port() {
        return server.port();
    }

    Reply get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    /** Sends one GET, then stops the server: for a server that answers a single question. */
    JsonNode getAndClose(String pathAndQuery) {
        try {
            return get(pathAndQuery).json();
        } finally {
            close();
        }
    }

    /**
     * Sends a GET with the request target exactly as given, over a plain socket: for targets that
     * {@link URI} refuses, such as broken percent-encoding.
     */
    Reply rawGet(String target) {
        return raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    /** Sends {@code request} exactly as given (request line, headers, blank line, body) over a plain socket. */
    Reply raw(String request) {
        try (var socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int headerEnd = response.indexOf("\r\n\r\n");
            String head = response.substring(0, headerEnd);
            String body = response.substring(headerEnd + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            String type = head.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring(13).trim()).findFirst().orElse("");
            var fields = new java.util.TreeMap<String, java.util.List<String>>(String.CASE_INSENSITIVE_ORDER);
            head.lines().skip(1).filter(l -> l.indexOf(':') > 0).forEach(l -> fields.computeIfAbsent(
                    l.substring(0, l.indexOf(':')).trim(), name -> new java.util.ArrayList<>())
                    .add(l.substring(l.indexOf(':') + 1).trim()));
            return new Reply(status, type, type.contains("json") ? JSON.readTree(body) : null, body,
                    java.net.http.HttpHeaders.of(fields, (name, value) -> true));
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    /** Sends a POST with {@code body} as the request body, labelled as JSON whatever it holds. */
    Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Sends any method with a JSON body (or none, for null) and extra headers, name then value. */
    Reply send(String method, String pathAndQuery, String body, String... headers) {
        var request = HttpRequest.newBuilder(uri(pathAndQuery)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !typed) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    /** Sends any method with a raw body and headers, name then value. */
    Reply sendBytes(String method, String pathAndQuery, byte[] body, String... headers) {
        var request = HttpRequest.newBuilder(uri(pathAndQuery)).method(method,
                HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    Reply send(String method, String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = null;
            if (type.contains("json")) {
                json = JSON.readTree(response.body());
            }
            return new Reply(response.statusCode(), type, json, response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
