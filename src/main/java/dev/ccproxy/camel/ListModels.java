package dev.ccproxy.camel;

import dev.ccproxy.anthropic.ModelListQuery;
import dev.ccproxy.http.QueryParameters;
import dev.ccproxy.routing.ModelCatalog;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.Map;

/**
 * Answers {@code GET /v1/models} (Claude Code's model picker, the SDKs' {@code models().list()}) with a page of the
 * models the proxy offers; a bad {@code limit} or cursor is the client's error (400).
 */
public final class ListModels implements Processor {

    private final ModelCatalog catalog;

    public ListModels(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void process(Exchange exchange) {
        Map<String, String> query = QueryParameters.parse(exchange.getIn().getHeader(Exchange.HTTP_RAW_QUERY,
                String.class));
        ModelListQuery page = ModelListQuery.parse(query.get("limit"), query.get("after_id"), query.get("before_id"));
        AnthropicReplies.json(exchange, 200, catalog.page(page));
    }
}
