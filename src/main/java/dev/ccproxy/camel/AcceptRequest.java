package dev.ccproxy.camel;

import dev.ccproxy.anthropic.Ids;
import dev.ccproxy.observe.ProxyMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The first step of every API route: gives the request its {@code req_…} id, captures the client's connection (later
 * steps replace the HTTP message, and with it the way to the Vert.x response) and starts following the request for its
 * access line, its metrics and its log lines ({@link RequestObservation}).
 */
public final class AcceptRequest implements Processor {

    private final InFlightConnections inFlight;
    private final ProxyMetrics metrics;

    public AcceptRequest(InFlightConnections inFlight, ProxyMetrics metrics) {
        this.inFlight = inFlight;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        String requestId = Ids.request();
        ClientConnection.attach(exchange, requestId, inFlight);
        RequestObservation.begin(exchange, requestId, metrics);
    }
}
