package dev.ccproxy.camel;

import dev.ccproxy.error.NotFoundException;
import dev.ccproxy.routing.ModelCatalog;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Answers {@code GET /v1/models/{model_id}} with the one model, or 404 when the proxy does not list it (the model
 * map may still accept the name: listing is what clients are offered, not what they may send).
 */
public final class RetrieveModel implements Processor {

    /** The path parameter platform-http puts in a header of this name. */
    static final String MODEL_ID = "model_id";

    private final ModelCatalog catalog;

    public RetrieveModel(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void process(Exchange exchange) {
        String id = exchange.getIn().getHeader(MODEL_ID, String.class);
        AnthropicReplies.json(exchange, 200, catalog.find(id == null ? "" : id)
                .orElseThrow(() -> new NotFoundException("model: " + id + " is not offered by this proxy")));
    }
}
