package io.simdex.store.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.store.StoreException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * The settings for a secured cluster ({@code elasticsearch.api-key}, {@code username}/{@code password},
 * {@code ca-certificate}) against a loopback stand-in for a node with security on: what simdex sends, and the one
 * line it says when the cluster refuses it. The integration-test distribution of Elasticsearch has no security, so
 * this is where these settings are checked.
 */
class ElasticSignInTest {

    @TempDir
    static Path dir;
    private static Path clusterKeys;
    private static Path otherKeys;

    @BeforeAll
    static void certificates() throws Exception {
        clusterKeys = FakeSecuredElasticsearch.Certificates.selfSigned(dir, "cluster");
        otherKeys = FakeSecuredElasticsearch.Certificates.selfSigned(dir, "other");
    }

    private static ElasticOptions options(URI url, Optional<String> apiKey, Optional<String> username,
            Optional<String> password, Optional<Path> caCertificate) {
        return new ElasticOptions(url, ElasticOptions.DEFAULT_INDEX, 1, 0, ElasticOptions.VectorIndexing.FLAT, apiKey,
                username, password, caCertificate, ElasticOptions.Knn.DEFAULT);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void an_api_key_is_sent_with_every_request_as_an_api_key_authorization() throws Exception {
        try (var node = FakeSecuredElasticsearch.http(Optional.of("ApiKey a2V5OnNlY3JldA=="))) {
            ElasticStore.modelOf(options(node.url(), Optional.of("a2V5OnNlY3JldA=="), Optional.empty(),
                    Optional.empty(), Optional.empty()));

            assertThat(node.authorizations()).isNotEmpty().containsOnly(Optional.of("ApiKey a2V5OnNlY3JldA=="));
        }
    }

    @Test
    void a_username_and_password_are_sent_with_every_request_as_basic_authentication() throws Exception {
        try (var node = FakeSecuredElasticsearch.http(Optional.of(basic("simdex", "s3cret:pw")))) {
            ElasticStore.modelOf(options(node.url(), Optional.empty(), Optional.of("simdex"), Optional.of("s3cret:pw"),
                    Optional.empty()));

            // sent with the first request: no round trip for a challenge
            assertThat(node.authorizations()).isNotEmpty().containsOnly(Optional.of(basic("simdex", "s3cret:pw")));
        }
    }

    @Test
    void a_refused_api_key_is_one_line_naming_the_setting_not_the_address() throws Exception {
        try (var node = FakeSecuredElasticsearch.http(Optional.of("ApiKey right"))) {
            var wrong = options(node.url(), Optional.of("wrong"), Optional.empty(), Optional.empty(),
                    Optional.empty());

            assertThatThrownBy(() -> ElasticStore.modelOf(wrong))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("Elasticsearch at " + node.url() + " refused the sign-in with the key in"
                            + " elasticsearch.api-key (401 security_exception: missing authentication credentials)")
                    .hasMessageNotContaining("\n").hasMessageNotContaining("wrong");
        }
    }

    @Test
    void a_refused_password_and_a_missing_sign_in_are_named_too() throws Exception {
        try (var node = FakeSecuredElasticsearch.http(Optional.of(basic("simdex", "right")))) {
            assertThatThrownBy(() -> ElasticStore.modelOf(options(node.url(), Optional.empty(), Optional.of("simdex"),
                    Optional.of("wrong"), Optional.empty())))
                    .hasMessageStartingWith("Elasticsearch at " + node.url() + " refused the sign-in with"
                            + " elasticsearch.username and elasticsearch.password (401 ");
            assertThatThrownBy(() -> ElasticStore.modelOf(options(node.url(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty())))
                    .hasMessageStartingWith("Elasticsearch at " + node.url() + " refused the sign-in with no"
                            + " credentials (401 ")
                    .hasMessageEndingWith("set elasticsearch.api-key, or elasticsearch.username and"
                            + " elasticsearch.password, to credentials the cluster accepts");
        }
    }

    @Test
    void an_https_cluster_is_trusted_through_the_certificate_in_ca_certificate() throws Exception {
        try (var node = FakeSecuredElasticsearch.https(clusterKeys, Optional.of("ApiKey a2V5"))) {
            ElasticStore.modelOf(options(node.url(), Optional.of("a2V5"), Optional.empty(), Optional.empty(),
                    Optional.of(FakeSecuredElasticsearch.Certificates.pem(clusterKeys))));

            assertThat(node.url().getScheme()).isEqualTo("https");
            assertThat(node.authorizations()).isNotEmpty().containsOnly(Optional.of("ApiKey a2V5"));
        }
    }

    @Test
    void without_ca_certificate_a_self_signed_cluster_is_refused_in_one_line_naming_the_setting() throws Exception {
        try (var node = FakeSecuredElasticsearch.https(clusterKeys, Optional.empty())) {
            var untrusted = options(node.url(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());

            assertThatThrownBy(() -> ElasticStore.modelOf(untrusted))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("Elasticsearch at " + node.url() + " presented a TLS certificate that the"
                            + " JVM's trust store does not vouch for (")
                    .hasMessageEndingWith("set elasticsearch.ca-certificate to the PEM certificate of the CA that"
                            + " signed the cluster's (or to the cluster's own)")
                    .hasMessageNotContaining("\n");
            assertThat(node.authorizations()).isEmpty();
        }
    }

    @Test
    void a_ca_certificate_that_did_not_sign_the_cluster_s_is_named_with_its_file() throws Exception {
        Path other = FakeSecuredElasticsearch.Certificates.pem(otherKeys);
        try (var node = FakeSecuredElasticsearch.https(clusterKeys, Optional.empty())) {
            assertThatThrownBy(() -> ElasticStore.modelOf(options(node.url(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(other))))
                    .hasMessageStartingWith("Elasticsearch at " + node.url() + " presented a TLS certificate that the"
                            + " certificate in elasticsearch.ca-certificate (" + other + ") does not vouch for (");
        }
    }

    @Test
    void a_ca_certificate_file_that_is_not_a_pem_certificate_is_named_before_anything_is_sent() throws Exception {
        Path notPem = Files.writeString(dir.resolve("not-a-certificate.pem"), "hello\n");
        try (var node = FakeSecuredElasticsearch.https(clusterKeys, Optional.empty())) {
            assertThatThrownBy(() -> ElasticStore.modelOf(options(node.url(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(notPem))))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("elasticsearch.ca-certificate " + notPem
                            + " is not a readable PEM certificate");
            assertThat(node.authorizations()).isEmpty();
        }
    }
}
