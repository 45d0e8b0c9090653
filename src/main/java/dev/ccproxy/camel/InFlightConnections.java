package dev.ccproxy.camel;

import dev.ccproxy.error.ProxyException;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client connections whose requests are being served, so that the end of the drain at shutdown can cut those
 * still running ({@link GracefulShutdown}): each gets a clear error instead of a connection closed under it.
 */
public final class InFlightConnections {

    private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();

    void add(ClientConnection connection) {
        connections.add(connection);
    }

    void remove(ClientConnection connection) {
        connections.remove(connection);
    }

    public int size() {
        return connections.size();
    }

    /** Cuts every request still in flight with {@code why}. */
    public void cutAll(ProxyException why) {
        connections.forEach(connection -> connection.cut(why));
    }
}
