package io.simdex.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.HttpStatus;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Problem bodies for the requests Jetty rejects before they reach a route (a request line too long or
 * malformed), so that every 4xx simdex sends is JSON, never Jetty's HTML page.
 */
final class JettyProblems extends ErrorHandler {

    private final ObjectMapper mapper;
    private final int maxQueryChars;

    JettyProblems(ObjectMapper mapper, int maxQueryChars) {
        this.mapper = mapper;
        this.maxQueryChars = maxQueryChars;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        if (code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED.getCode()) {
            // the client's fault, not the server's: no input may draw a 5xx
            code = HttpStatus.BAD_REQUEST.getCode();
            message = UNKNOWN_VERSION;
            response.setStatus(code);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE + ";charset=utf-8");
        String requestId = response.getHeaders().get(RequestId.HEADER);
        if (requestId == null) {
            requestId = RequestId.choose(request.getHeaders().get(RequestId.HEADER));
            response.getHeaders().put(RequestId.HEADER, requestId);
        }
        response.write(true, body(code, message, request.getHttpURI().getPath(), requestId), callback);
    }

    /** Jetty 12 still calls this for requests it cannot parse; it is deprecated for a replacement not yet there. */
    @Override
    @SuppressWarnings("removal")
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE + ";charset=utf-8");
        // the request could not be read, so its own X-Request-ID is unknown
        String requestId = RequestId.choose(null);
        fields.put(RequestId.HEADER, requestId);
        return body(status, reason, null, requestId);
    }

    private static final String UNKNOWN_VERSION = "Unknown Version";

    /** What is wrong with a request Jetty could not parse, in our words. */
    private static String malformed(String reason) {
        String why = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (why.contains("no host")) {
            return "an HTTP/1.1 request must name the server in a Host header, e.g. 'Host: 127.0.0.1:7070'";
        }
        if (why.contains("duplicate host")) {
            return "the request has more than one Host header; send exactly one";
        }
        if (why.contains("transfer-encoding and content-length")) {
            return "the request has both Content-Length and Transfer-Encoding; send only one of them";
        }
        if (why.contains("content-length")) {
            return "the Content-Length header must be one whole number of bytes, 0 or more";
        }
        if (why.contains("chunk") || why.contains("transfer-encoding")) {
            return "the body's chunked encoding is broken; send each chunk as its size in hex, CRLF, the bytes,"
                    + " CRLF, and end with a chunk of size 0";
        }
        if (why.equals("unknown version")) {
            return "simdex speaks HTTP/1.1 (and HTTP/1.0); send the request as HTTP/1.1";
        }
        return "the request is not well-formed HTTP/1.1; check the request line (METHOD /path HTTP/1.1), that the"
                + " query is percent-encoded (spaces as + or %20) and that the headers are 'Name: value' lines";
    }

    private ByteBuffer body(int status, String reason, String path, String requestId) {
        HttpStatus httpStatus = HttpStatus.forStatus(status);
        String title = httpStatus.getMessage();
        String detail = switch (status) {
            case 414, 431 -> "the request line or headers are too large; a query may have at most "
                    + maxQueryChars + " characters (api.max-query-chars)";
            case 400 -> malformed(reason);
            default -> reason == null || reason.isBlank() ? title : reason;
        };
        var problem = new Problem("/problems/" + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
                title, status, detail, path, null, requestId);
        try {
            return ByteBuffer.wrap(mapper.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Problem record always serializes", e);
        }
    }
}
