package io.simdex.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@code OPTIONS *}, a question about the server as a whole rather than a route, with the methods some
 * route takes; every other request goes on.
 */
final class AsteriskOptions extends Handler.Wrapper {

    static final String METHODS = "GET, HEAD, POST, PUT, DELETE, OPTIONS";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (HttpMethod.OPTIONS.is(request.getMethod()) && "*".equals(request.getHttpURI().getPath())) {
            response.setStatus(204);
            response.getHeaders().put(HttpHeader.ALLOW, METHODS);
            String requestId = RequestId.choose(request.getHeaders().get(RequestId.HEADER));
            response.getHeaders().put(RequestId.HEADER, requestId);
            callback.succeeded();
            return true;
        }
        return super.handle(request, response, callback);
    }
}
