package dev.ccproxy.camel;

import dev.ccproxy.http.ResponseLifecycle;
import dev.ccproxy.stream.VertxSseSink;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerResponse;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.hc.core5.concurrent.Cancellable;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The client's side of one exchange: its request id, its Vert.x response (captured first thing, before later steps
 * replace the message), the SSE stream once one is open, and what must happen when the client goes away: the upstream call in flight is cancelled at once,
 * whether the proxy is waiting for an answer or relaying a stream, so no tokens are spent on nobody. Cancelling
 * closes that one upstream connection; nothing is drained.
 */
public final class ClientConnection {

    static final String PROPERTY = "ProxyClientConnection";

    private final String requestId;
    private final HttpServerResponse response;
    /** The event loop of the client's connection (the one the route's worker was dispatched from). */
    private final Context context;
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile Cancellable upstream;
    private volatile VertxSseSink stream;

    private ClientConnection(String requestId, HttpServerResponse response, Context context) {
        this.requestId = requestId;
        this.response = response;
        this.context = context;
    }

    /** Captures the response of a platform-http exchange and watches it for a client that leaves. */
    static ClientConnection attach(Exchange exchange, String requestId) {
        HttpMessage message = exchange.getIn(HttpMessage.class);
        // platform-http runs the route through executeBlocking, which makes the connection's event loop context the
        // current one for the route's (virtual) thread
        ClientConnection connection = message == null ? new ClientConnection(requestId, null, null)
                : new ClientConnection(requestId, message.getResponse(), Vertx.currentContext());
        if (connection.response != null) {
            ResponseLifecycle.of(connection.response).whenClosed(connection::onClose);
        }
        exchange.setProperty(PROPERTY, connection);
        return connection;
    }

    /** The exchange's connection; exchanges that did not come over HTTP get a detached one that never closes. */
    public static ClientConnection of(Exchange exchange) {
        ClientConnection connection = exchange.getProperty(PROPERTY, ClientConnection.class);
        return connection != null ? connection : new ClientConnection(null, null, null);
    }

    /** {@code req_…}, echoed in the {@code request-id} response header, in error bodies and in the log; may be null. */
    public String requestId() {
        return requestId;
    }

    public HttpServerResponse response() {
        return response;
    }

    /** The event loop the client's connection is served on: a stream is relayed there. */
    public Context context() {
        if (context == null) {
            throw new IllegalStateException("No Vert.x context: the exchange did not come through platform-http");
        }
        return context;
    }

    public boolean closed() {
        return closed;
    }

    /** The SSE stream opened on this response (null until one is): from then on, the answer can only be SSE. */
    public VertxSseSink stream() {
        return stream;
    }

    /** Called as the response is committed to SSE ({@link VertxSseSink#open}). */
    public void streamOpened(VertxSseSink sink) {
        stream = sink;
    }

    /** Called (by {@link UpstreamCancellation}) as the upstream call starts; cancelled at once if the client left. */
    void upstreamStarted(Cancellable call) {
        upstream = call;
        if (closed) {
            call.cancel();
        }
    }

    /**
     * Resets the upstream stream request should the client leave while it is in flight (a request whose answer has
     * been given is left alone: its connection may serve another request by then).
     */
    public void cancelOnClose(HttpClientRequest upstreamRequest) {
        whenClosed(() -> {
            if (!response.ended()) {
                upstreamRequest.reset();
            }
        });
    }

    /** Drops the upstream connection without reading the rest: for a stream that failed or lost its client. */
    private void cancelUpstream() {
        Cancellable call = upstream;
        if (call != null) {
            call.cancel();
        }
    }

    /** Runs when the client leaves (at once if it already has). */
    public void whenClosed(Runnable listener) {
        closeListeners.add(listener);
        if (closed) {
            listener.run();
        }
    }

    private void onClose() {
        closed = true;
        cancelUpstream();
        closeListeners.forEach(Runnable::run);
    }
}
