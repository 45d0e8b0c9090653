package dev.ccproxy.camel;

import dev.ccproxy.anthropic.Ids;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The first step of every API route: gives the request its {@code req_…} id and captures the client's connection
 * (later steps replace the HTTP message, and with it the way to the Vert.x response).
 */
public final class AcceptRequest implements Processor {

    private final InFlightConnections inFlight;

    public AcceptRequest(InFlightConnections inFlight) {
        this.inFlight = inFlight;
    }

    @Override
    public void process(Exchange exchange) {
        ClientConnection.attach(exchange, Ids.request(), inFlight);
    }
}
