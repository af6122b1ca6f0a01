package io.simdex.store.elastic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;

import io.simdex.store.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the Elasticsearch client the settings describe: address, sign-in and the certificate to trust. */
final class Connection {

    /** How long a connection attempt may take before the cluster counts as unreachable. */
    private static final int CONNECT_MILLIS = 5_000;
    /** How long an answer may take; a kNN scan of a large flat index or a bulk request is not instant. */
    private static final int SOCKET_MILLIS = 60_000;

    private Connection() {
    }

    /** A client for the cluster; nothing is sent yet. */
    static ElasticsearchClient client(ElasticOptions options) {
        var builder = RestClient.builder(new HttpHost(options.url().getHost(), options.url().getPort(),
                options.url().getScheme()));
        options.apiKey().ifPresent(key -> builder.setDefaultHeaders(
                new Header[] {new BasicHeader("Authorization", "ApiKey " + key)}));
        SSLContext ssl = options.caCertificate().isPresent() ? trusting(options) : null;
        builder.setRequestConfigCallback(config -> config.setConnectTimeout(CONNECT_MILLIS)
                .setSocketTimeout(SOCKET_MILLIS));
        builder.setHttpClientConfigCallback(http -> {
            if (options.username().isPresent()) {
                var credentials = new BasicCredentialsProvider();
                credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(
                        options.username().get(), options.password().orElseThrow()));
                http.setDefaultCredentialsProvider(credentials);
            }
            if (ssl != null) {
                http.setSSLContext(ssl);
            }
            return http;
        });
        var json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        return new ElasticsearchClient(new RestClientTransport(builder.build(), new JacksonJsonpMapper(json)));
    }

    /** A TLS context that trusts the configured certificate (and only it). */
    private static SSLContext trusting(ElasticOptions options) {
        var path = options.caCertificate().orElseThrow();
        try (InputStream in = Files.newInputStream(path)) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("elasticsearch", certificate);
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new StoreException("elasticsearch.ca-certificate " + path + " is not a readable PEM certificate: "
                    + e.getMessage(), e);
        }
    }
}
