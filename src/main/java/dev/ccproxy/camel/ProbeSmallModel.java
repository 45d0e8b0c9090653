package dev.ccproxy.camel;

import dev.ccproxy.anthropic.Message;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.TextBlock;
import dev.ccproxy.routing.ModelResolver;
import dev.ccproxy.routing.UpstreamTarget;
import dev.ccproxy.translate.common.TranslationContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.List;

/**
 * {@code GET /test-connection}: stands in for a client's request with a tiny one of its own, to the small model
 * ({@code SMALL_MODEL}) on its provider, so the call takes the same routes, credentials, retries and error mapping as
 * Claude Code's requests do, and costs a few tokens.
 */
public final class ProbeSmallModel implements Processor {

    /** Enough for a word of answer, and cheap on any provider. */
    static final int MAX_TOKENS = 16;

    private final ModelResolver models;

    public ProbeSmallModel(ModelResolver models) {
        this.models = models;
    }

    @Override
    public void process(Exchange exchange) {
        UpstreamTarget small = models.small();
        MessagesRequest probe = probe(small.model());
        UpstreamCall.of(probe, TranslationContext.forTarget(probe, small)).attachTo(exchange);
    }

    /** One user message, a few output tokens, no stream. */
    private static MessagesRequest probe(String model) {
        return new MessagesRequest(model, List.of(new Message(Message.USER, List.of(TextBlock.of("ping")))), null,
                MAX_TOKENS, false, null, null, null, null, null, null, null, null, null, null, null);
    }
}
