package dev.ccproxy.camel;

import io.vertx.core.http.HttpServerResponse;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.hc.core5.concurrent.Cancellable;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The client's side of one exchange: its Vert.x response (captured first thing, before later steps replace the
 * message) and what must happen when the client goes away: the upstream call in flight is cancelled at once,
 * whether the proxy is waiting for an answer or relaying a stream, so no tokens are spent on nobody. Cancelling
 * closes that one upstream connection; nothing is drained.
 */
public final class ClientConnection {

    static final String PROPERTY = "ProxyClientConnection";

    private final HttpServerResponse response;
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile Cancellable upstream;

    private ClientConnection(HttpServerResponse response) {
        this.response = response;
    }

    /** Captures the response of a platform-http exchange and watches it for a client that leaves. */
    static ClientConnection attach(Exchange exchange) {
        HttpMessage message = exchange.getIn(HttpMessage.class);
        ClientConnection connection = new ClientConnection(message == null ? null : message.getResponse());
        if (connection.response != null) {
            connection.response.closeHandler(ignored -> connection.onClose());
        }
        exchange.setProperty(PROPERTY, connection);
        return connection;
    }

    /** The exchange's connection; exchanges that did not come over HTTP get a detached one that never closes. */
    public static ClientConnection of(Exchange exchange) {
        ClientConnection connection = exchange.getProperty(PROPERTY, ClientConnection.class);
        return connection != null ? connection : new ClientConnection(null);
    }

    public HttpServerResponse response() {
        return response;
    }

    public boolean closed() {
        return closed;
    }

    /** Called (by {@link UpstreamCancellation}) as the upstream call starts; cancelled at once if the client left. */
    void upstreamStarted(Cancellable call) {
        upstream = call;
        if (closed) {
            call.cancel();
        }
    }

    /** Drops the upstream connection without reading the rest: for a stream that failed or lost its client. */
    public void cancelUpstream() {
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
