package dev.ccproxy.camel;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.MessagesRequestReader;
import dev.ccproxy.config.UpstreamApi;
import dev.ccproxy.error.InvalidRequestException;
import dev.ccproxy.mapping.ModelResolver;
import dev.ccproxy.mapping.TranslationContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import java.util.Locale;

/**
 * Reads the {@code POST /v1/messages} body into a {@link MessagesRequest}, chooses its target through the model map
 * (provider, upstream model, profile), and tells the router which upstream API serves it: the Responses API for
 * requests with Anthropic's web-search tool and for models or providers configured for it; Chat Completions
 * otherwise.
 */
public final class ReadMessagesRequest implements Processor {

    private final ModelResolver models;

    public ReadMessagesRequest(ModelResolver models) {
        this.models = models;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        requireJson(in.getHeader(Exchange.CONTENT_TYPE, String.class));
        MessagesRequest request = MessagesRequestReader.read(in.getBody(byte[].class));
        sendUpstream(exchange, request, TranslationContext.of(request, models));
    }

    /**
     * Sets what the {@code chat-completions} and {@code responses-api} routes read, and the header the router
     * chooses between them by: the Responses API for requests with Anthropic's web-search tool and for targets
     * configured for it, Chat Completions otherwise.
     */
    static void sendUpstream(Exchange exchange, MessagesRequest request, TranslationContext context) {
        boolean responses = request.wantsWebSearch() || context.target().api() == UpstreamApi.RESPONSES;
        exchange.setProperty(ExchangeKeys.MESSAGES_REQUEST, request);
        exchange.setProperty(ExchangeKeys.TRANSLATION, context);
        exchange.setProperty(ExchangeKeys.STREAM, request.streaming());
        exchange.getIn().setHeader(ExchangeKeys.UPSTREAM_API, responses ? "responses" : "chat");
    }

    /** JSON bodies only; a request without a content type is read as JSON, as Anthropic's API does. */
    private static void requireJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new InvalidRequestException("Content-Type must be application/json, got: " + mediaType);
        }
    }
}
