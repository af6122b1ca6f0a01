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

    private ByteBuffer body(int status, String reason, String path, String requestId) {
        HttpStatus httpStatus = HttpStatus.forStatus(status);
        String title = httpStatus.getMessage();
        String detail = switch (status) {
            case 414, 431 -> "the request line or headers are too large; a query may have at most "
                    + maxQueryChars + " characters (api.max-query-chars)";
            case 400 -> "malformed HTTP request" + (reason == null ? "" : " (" + reason + ")")
                    + "; percent-encode query parameters, e.g. spaces as + or %20";
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
