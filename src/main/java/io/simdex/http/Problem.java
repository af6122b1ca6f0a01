package io.simdex.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem body: every 4xx and 5xx simdex sends has this shape.
 *
 * @param type a stable URI reference naming the kind of problem
 * @param title a short summary of the kind, the same for every instance
 * @param status the HTTP status code
 * @param detail what exactly was wrong with this request and how to fix it
 * @param instance the request path
 * @param parameter the query parameter or body field at fault, when there is one
 * @param requestId the request's id, as in the {@code X-Request-ID} header of the answer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String parameter,
        String requestId) {
}
