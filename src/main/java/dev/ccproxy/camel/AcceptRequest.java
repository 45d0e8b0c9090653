package dev.ccproxy.camel;

import dev.ccproxy.mapping.Ids;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The first step of every API route: gives the request its {@code req_…} id. */
public final class AcceptRequest implements Processor {

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(ExchangeKeys.REQUEST_ID, Ids.request());
    }
}
