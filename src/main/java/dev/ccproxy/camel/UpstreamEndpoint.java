package dev.ccproxy.camel;

import dev.ccproxy.config.ProviderSettings;
import dev.ccproxy.config.UpstreamApi;
import dev.ccproxy.config.UpstreamUrls;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Addresses the call to the request's provider, after the route has removed every client header: the provider's URL
 * for the call's API in camel-http's {@code CamelHttpUri} header (the route's upstream endpoints are fixed; this
 * header tells camel-http where to go), {@code Authorization: Bearer} (OpenAI and compatibles) or {@code api-key}
 * (Azure OpenAI), then the provider's custom headers. All values come from configuration, none from the request; the
 * request's model only chooses among the configured providers.
 */
public final class UpstreamEndpoint implements Processor {

    static final String USER_AGENT = "claude-code-proxy";
    /** The Messages API version the proxy speaks to Anthropic-speaking upstreams. */
    static final String ANTHROPIC_VERSION = "2023-06-01";

    @Override
    public void process(Exchange exchange) {
        UpstreamCall call = UpstreamCall.of(exchange);
        ProviderSettings provider = call.context().target().provider();
        Message message = exchange.getIn();
        message.setHeader(Exchange.HTTP_URI, switch (call.api()) {
            case ANTHROPIC -> UpstreamUrls.messages(provider);
            case RESPONSES -> UpstreamUrls.responses(provider);
            case CHAT -> UpstreamUrls.chatCompletions(provider, call.context().upstreamModel());
        });
        message.setHeader("User-Agent", USER_AGENT);
        if (call.api() == UpstreamApi.ANTHROPIC) {
            message.setHeader("anthropic-version", ANTHROPIC_VERSION);
            if (call.anthropicBeta() != null) {
                message.setHeader("anthropic-beta", call.anthropicBeta());
            }
        }
        provider.configuredHeaders(call.api(), message::setHeader);
    }
}
