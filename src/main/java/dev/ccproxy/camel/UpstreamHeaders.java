package dev.ccproxy.camel;

import dev.ccproxy.config.UpstreamSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Sets the upstream's credentials after the route has removed every client header: {@code Authorization: Bearer}
 * (OpenAI and compatibles) or {@code api-key} plus {@code ?api-version=} (Azure OpenAI), then the configured
 * {@code CUSTOM_HEADER_*} headers. All values come from configuration, none from the request.
 */
public final class UpstreamHeaders implements Processor {

    static final String USER_AGENT = "claude-code-proxy";

    private final UpstreamSettings upstream;
    private final String azureQuery;

    public UpstreamHeaders(UpstreamSettings upstream) {
        this.upstream = upstream;
        this.azureQuery = upstream.azure()
                ? "api-version=" + URLEncoder.encode(upstream.azureApiVersion(), StandardCharsets.UTF_8)
                : null;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getIn();
        message.setHeader("User-Agent", USER_AGENT);
        if (upstream.azure()) {
            if (upstream.apiKey() != null) {
                message.setHeader("api-key", upstream.apiKey());
            }
            message.setHeader(Exchange.HTTP_QUERY, azureQuery);
        } else if (upstream.apiKey() != null) {
            message.setHeader("Authorization", "Bearer " + upstream.apiKey());
        }
        upstream.customHeaders().forEach(message::setHeader);
    }
}
