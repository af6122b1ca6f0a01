package io.simdex.http;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Header;
import io.javalin.http.UnauthorizedResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Lets a write through only with the configured key: {@code Authorization: Bearer <key>}. Keys are compared as
 * SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken says nothing about the key. With no key
 * configured the write endpoints are off. The key is never logged or echoed.
 */
final class WriteGuard {

    private static final String BEARER = "Bearer ";

    private final byte[] keyDigest;

    WriteGuard(String apiKey) {
        this.keyDigest = apiKey.isEmpty() ? null : sha256(apiKey);
    }

    /**
     * Returns when the request carries the key.
     *
     * @throws ForbiddenResponse    when writes are off (no key configured)
     * @throws UnauthorizedResponse when the key is missing or wrong
     */
    void check(Context ctx) {
        if (keyDigest == null) {
            throw new ForbiddenResponse("writes are off because no API key is set; start simdex with"
                    + " SIMDEX_API_KEY=<a long random key> (or api.key in the config file), then send"
                    + " 'Authorization: Bearer <key>' with each write");
        }
        String header = ctx.header(Header.AUTHORIZATION);
        boolean bearer = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
        if (!bearer || !MessageDigest.isEqual(sha256(header.substring(BEARER.length()).strip()), keyDigest)) {
            ctx.header(Header.WWW_AUTHENTICATE, "Bearer realm=\"simdex\"");
            throw new UnauthorizedResponse(bearer
                    ? "the API key is wrong; send the key simdex was started with as 'Authorization: Bearer <key>'"
                    : "this write needs the API key: send 'Authorization: Bearer <key>'");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
