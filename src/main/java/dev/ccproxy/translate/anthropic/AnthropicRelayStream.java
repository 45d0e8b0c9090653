package dev.ccproxy.translate.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccproxy.anthropic.StreamEvent;
import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.UpstreamStreamException;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.translate.common.SseEvent;
import dev.ccproxy.translate.common.TranslationContext;
import dev.ccproxy.translate.common.UpstreamToAnthropicStream;

import java.io.IOException;
import java.util.List;

/**
 * An Anthropic-speaking upstream's stream, relayed event by event as it came; only {@code message_start} names the
 * model the client asked for, not the upstream's, and the context edits the proxy applied go into
 * {@code message_delta}. An {@code error} event from the upstream is the stream's failure.
 */
public final class AnthropicRelayStream implements UpstreamToAnthropicStream {

    private final TranslationContext context;
    private boolean stopped;
    private boolean sawDelta;

    public AnthropicRelayStream(TranslationContext context) {
        this.context = context;
    }

    /** Nothing of the proxy's own: the upstream sends {@code message_start} itself. */
    @Override
    public List<StreamEvent> start() {
        return List.of();
    }

    @Override
    public List<StreamEvent> onEvent(SseEvent event) {
        JsonNode data;
        try {
            data = ProxyJson.mapper().readTree(event.data());
        } catch (IOException e) {
            throw new UpstreamStreamException(AnthropicErrorType.API, "The upstream sent a malformed stream event");
        }
        if (!(data instanceof ObjectNode object)) {
            throw new UpstreamStreamException(AnthropicErrorType.API, "The upstream sent a malformed stream event");
        }
        switch (object.path("type").asText("")) {
            case "message_start" -> {
                if (object.get("message") instanceof ObjectNode message) {
                    message.put("model", context.requestedModel());
                }
            }
            case "message_delta" -> {
                sawDelta = true;
                if (context.contextManagement() != null) {
                    object.set("context_management", context.contextManagement());
                }
            }
            case "message_stop" -> stopped = true;
            case "error" -> throw new UpstreamStreamException(AnthropicErrorType.fromWire(
                    object.path("error").path("type").asText("api_error")),
                    object.path("error").path("message").asText("Upstream error during the stream"));
            default -> {
                // content blocks, pings and what comes next: as they are
            }
        }
        return List.of(StreamEvent.relayed(object));
    }

    @Override
    public boolean done() {
        return stopped;
    }

    @Override
    public boolean answered() {
        return stopped || sawDelta;
    }

    /** The upstream sent its own end; a stream cut before {@code message_stop} ends with an error instead. */
    @Override
    public List<StreamEvent> finish() {
        return stopped ? List.of() : List.of(StreamEvent.messageStop());
    }
}
