package dev.ccproxy.soak;

import dev.ccproxy.testsupport.AnthropicStreamInvariants.WireEvent;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/**
 * What the client saw of one request: the status and headers, the whole body (an answer or an error envelope) or the
 * stream's events, whether the client hung up on purpose, or how the exchange failed.
 *
 * @param status  the HTTP status (-1 without one)
 * @param body    a body that is not an event stream, else null
 * @param events  a stream's events (to the end, or up to the client's hang-up), else null
 * @param hungUp  the client closed the connection on purpose before the answer's end
 * @param failure what went wrong at the client's end (a refused connection, an exception, a timeout), else null
 */
record Observed(int status, HttpHeaders headers, String body, List<WireEvent> events, boolean hungUp,
        String failure) {

    private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (name, value) -> true);

    static Observed failed(String failure) {
        return new Observed(-1, NONE, null, null, false, failure);
    }

    /** The client gave up waiting for a whole answer, as planned. */
    static Observed hungUpWaiting() {
        return new Observed(-1, NONE, null, null, true, null);
    }

    String header(String name) {
        return headers.firstValue(name).orElse(null);
    }
}
