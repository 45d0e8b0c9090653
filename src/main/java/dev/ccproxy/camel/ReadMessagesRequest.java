package dev.ccproxy.camel;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.MessagesRequestReader;
import dev.ccproxy.error.InvalidRequestException;
import dev.ccproxy.mapping.ModelResolver;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import java.util.Locale;

/**
 * Reads the {@code POST /v1/messages} body into a {@link MessagesRequest} and tells the router which upstream API
 * serves it: the Responses API for requests with Anthropic's web-search tool, for models that exist only there, and
 * for everything when {@code proxy.upstream.api = responses}; Chat Completions otherwise.
 */
public final class ReadMessagesRequest implements Processor {

    private final ModelResolver models;
    private final boolean responsesForAll;

    public ReadMessagesRequest(ModelResolver models, boolean responsesForAll) {
        this.models = models;
        this.responsesForAll = responsesForAll;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        requireJson(in.getHeader(Exchange.CONTENT_TYPE, String.class));
        MessagesRequest request = MessagesRequestReader.read(in.getBody(byte[].class));
        exchange.setProperty(ExchangeKeys.MESSAGES_REQUEST, request);
        exchange.setProperty(ExchangeKeys.STREAM, request.streaming());
        boolean responses = responsesForAll || request.wantsWebSearch()
                || models.responsesOnly(models.resolve(request.model()));
        in.setHeader(ExchangeKeys.UPSTREAM_API, responses ? "responses" : "chat");
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
