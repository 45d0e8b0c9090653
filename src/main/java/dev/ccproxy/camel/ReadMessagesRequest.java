package dev.ccproxy.camel;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.MessagesRequestReader;
import dev.ccproxy.config.RequestLimits;
import dev.ccproxy.error.InvalidRequestException;
import dev.ccproxy.routing.ModelResolver;
import dev.ccproxy.tokens.RequestTokens;
import dev.ccproxy.translate.common.ContextEdits;
import dev.ccproxy.translate.common.TranslationContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import java.util.Locale;

/**
 * Reads the {@code POST /v1/messages} body into a {@link MessagesRequest}, chooses its target through the model map
 * (provider, upstream model, profile), and leaves the {@link UpstreamCall} that the router and the upstream routes
 * read: the Responses API for requests with Anthropic's web-search tool and for models or providers configured for
 * it; Chat Completions otherwise.
 */
public final class ReadMessagesRequest implements Processor {

    /** Claude Code's session, for the provider's prompt cache when {@code metadata.user_id} does not name it. */
    static final String SESSION_HEADER = "X-Claude-Code-Session-Id";

    private final ModelResolver models;
    private final RequestTokens tokens;
    private final RequestLimits limits;

    public ReadMessagesRequest(ModelResolver models, RequestTokens tokens, RequestLimits limits) {
        this.models = models;
        this.tokens = tokens;
        this.limits = limits;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        requireJson(in.getHeader(Exchange.CONTENT_TYPE, String.class));
        MessagesRequest request = MessagesRequestReader.read(in.getBody(byte[].class));
        MessagesRequestReader.requireWithin(request, limits.maxMessages(), limits.maxTools());
        // context edits first: the upstream, the window check and the stream's first count see the edited history
        ContextEdits.Result edited = ContextEdits.apply(request, tokens::count);
        UpstreamCall.of(edited.request(), TranslationContext.of(edited.request(), models,
                in.getHeader(SESSION_HEADER, String.class)).withContextManagement(edited.report()),
                in.getHeader("anthropic-beta", String.class)).attachTo(exchange);
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
