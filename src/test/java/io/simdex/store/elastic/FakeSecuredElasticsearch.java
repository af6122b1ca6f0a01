package io.simdex.store.elastic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A loopback stand-in for a secured Elasticsearch node, enough for {@link ElasticStore#modelOf} to sign in: it
 * answers the cluster health endpoint as a node does, asks for credentials (401 with a {@code WWW-Authenticate}
 * challenge, as Elasticsearch's security does) unless the request's {@code Authorization} header is the expected
 * one, records every such header it was sent, and speaks TLS with a certificate of its own when given one.
 */
final class FakeSecuredElasticsearch implements AutoCloseable {

    /** The body of {@code GET /_cluster/health} as Elasticsearch 8.19 answers it for one node. */
    private static final String HEALTH = """
            {"cluster_name":"fake","status":"green","timed_out":false,"number_of_nodes":1,\
            "number_of_data_nodes":1,"active_primary_shards":0,"active_shards":0,"relocating_shards":0,\
            "initializing_shards":0,"unassigned_shards":0,"unassigned_primary_shards":0,\
            "delayed_unassigned_shards":0,"number_of_pending_tasks":0,"number_of_in_flight_fetch":0,\
            "task_max_waiting_in_queue_millis":0,"active_shards_percent_as_number":100.0}""";

    private static final String UNAUTHENTICATED = """
            {"error":{"root_cause":[{"type":"security_exception","reason":"missing authentication credentials"}],\
            "type":"security_exception","reason":"missing authentication credentials"},"status":401}""";

    private final HttpServer server;
    private final Optional<String> expected;
    private final List<Optional<String>> authorizations = new CopyOnWriteArrayList<>();

    private FakeSecuredElasticsearch(HttpServer server, Optional<String> expected) {
        this.server = server;
        this.expected = expected;
        server.createContext("/", this::answer);
        server.start();
    }

    /**
     * A node on plain HTTP.
     *
     * @param expected the {@code Authorization} header it accepts, or empty for a node without security
     */
    static FakeSecuredElasticsearch http(Optional<String> expected) throws IOException {
        return new FakeSecuredElasticsearch(HttpServer.create(loopback(), 0), expected);
    }

    /** A node on HTTPS with the key pair in {@code keyStore} (PKCS12, password {@link Certificates#PASSWORD}). */
    static FakeSecuredElasticsearch https(Path keyStore, Optional<String> expected) throws IOException {
        HttpsServer server = HttpsServer.create(loopback(), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls(keyStore)));
        return new FakeSecuredElasticsearch(server, expected);
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static SSLContext tls(Path keyStore) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, Certificates.PASSWORD.toCharArray());
            var factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, Certificates.PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the test key store " + keyStore, e);
        }
    }

    /** Its address, {@code http://127.0.0.1:PORT} or {@code https://…}. */
    URI url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The {@code Authorization} header of each request so far (empty where there was none), in order. */
    List<Optional<String>> authorizations() {
        return List.copyOf(authorizations);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<String> authorization = Optional.ofNullable(
                    exchange.getRequestHeaders().getFirst("Authorization"));
            authorizations.add(authorization);
            exchange.getResponseHeaders().add("X-elastic-product", "Elasticsearch");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (expected.isPresent() && !authorization.equals(expected)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"security\", charset=\"UTF-8\"");
                exchange.getResponseHeaders().add("WWW-Authenticate", "ApiKey");
                send(exchange, 401, UNAUTHENTICATED);
            } else if (exchange.getRequestURI().getPath().equals("/_cluster/health")) {
                send(exchange, 200, HEALTH);
            } else {
                send(exchange, 404, "{\"error\":{\"type\":\"not_found\",\"reason\":\"not faked\"},\"status\":404}");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Self-signed certificates made at test time with the JDK's {@code keytool}. */
    static final class Certificates {

        static final String PASSWORD = "simdex-test";

        private Certificates() {
        }

        /**
         * A new key pair for {@code 127.0.0.1} in {@code dir/NAME.p12}, with its certificate exported as PEM to
         * {@code dir/NAME.pem}.
         *
         * @return the key store; the PEM is beside it
         */
        static Path selfSigned(Path dir, String name) throws IOException, InterruptedException {
            Path keyStore = dir.resolve(name + ".p12");
            keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                    "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                    "-file", pem(keyStore).toString());
            return keyStore;
        }

        /** The PEM certificate exported beside a key store made by {@link #selfSigned}. */
        static Path pem(Path keyStore) {
            String name = keyStore.getFileName().toString();
            return keyStore.resolveSibling(name.substring(0, name.length() - ".p12".length()) + ".pem");
        }

        private static void keytool(String... arguments) throws IOException, InterruptedException {
            var command = new java.util.ArrayList<String>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        }
    }
}
