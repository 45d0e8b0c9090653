package dev.ccproxy.camel;

import dev.ccproxy.config.ProviderSettings;
import dev.ccproxy.config.UpstreamApi;
import dev.ccproxy.config.UpstreamUrls;
import dev.ccproxy.mapping.TranslationContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Prepares the call to the request's provider after the route has removed every client header: its URL (an exchange
 * property the route's {@code toD} reads, with camel-http's {@code httpMethod=POST}, and for a stream
 * {@code disableStreamCache=true}),
 * {@code Authorization: Bearer} (OpenAI and compatibles) or {@code api-key}
 * (Azure OpenAI), then the provider's custom headers. All values come from configuration, none from the request; the
 * request's model only chooses among the configured providers.
 */
public final class UpstreamHeaders implements Processor {

    static final String USER_AGENT = "claude-code-proxy";

    private final UpstreamApi api;

    /** @param api the API of the route this processor serves */
    public UpstreamHeaders(UpstreamApi api) {
        this.api = api;
    }

    @Override
    public void process(Exchange exchange) {
        TranslationContext context = exchange.getProperty(ExchangeKeys.TRANSLATION, TranslationContext.class);
        ProviderSettings provider = context.target().provider();
        String url = api == UpstreamApi.RESPONSES
                ? UpstreamUrls.responses(provider) : UpstreamUrls.chatCompletions(provider, context.upstreamModel());
        boolean stream = Boolean.TRUE.equals(exchange.getProperty(ExchangeKeys.STREAM, Boolean.class));
        // camel-http's options go with the URI: the method as an endpoint option, because a CamelHttpMethod header
        // is converted to camel-http's enum on every call through Camel's slow type-converter lookup (a fifth of
        // the proxy's CPU in a profile); and a stream must reach the relay as it arrives, not cached
        exchange.setProperty(ExchangeKeys.UPSTREAM_URL, url + (url.contains("?") ? "&" : "?") + "httpMethod=POST"
                + (stream ? "&disableStreamCache=true" : ""));
        Message message = exchange.getIn();
        message.setHeader("User-Agent", USER_AGENT);
        if (provider.apiKey() != null) {
            if (provider.azure()) {
                message.setHeader("api-key", provider.apiKey());
            } else {
                message.setHeader("Authorization", "Bearer " + provider.apiKey());
            }
        }
        provider.headers().forEach(message::setHeader);
    }
}
