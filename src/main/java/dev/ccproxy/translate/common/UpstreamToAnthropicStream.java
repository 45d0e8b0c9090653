package dev.ccproxy.translate.common;

import dev.ccproxy.anthropic.MessagesResponse;
import dev.ccproxy.anthropic.StreamEvent;
import dev.ccproxy.anthropic.Usage;
import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.UpstreamStreamException;

import java.util.List;

/** Turns one upstream protocol's stream into Anthropic stream events; one instance per stream, it holds its state. */
public interface UpstreamToAnthropicStream {

    /** What the client gets before the first upstream event: {@code message_start} and a {@code ping}. */
    List<StreamEvent> start();

    /** The usual start: an empty message with the estimated input tokens, then a {@code ping}. */
    static List<StreamEvent> opening(String messageId, String model, int inputTokenEstimate) {
        MessagesResponse message = MessagesResponse.of(messageId, model, List.of(), null, null,
                new Usage(inputTokenEstimate, 0, 0, 0, null));
        return List.of(StreamEvent.messageStart(message), StreamEvent.ping());
    }

    /**
     * The events one upstream SSE event produces (often none). A failure the upstream reports, or a malformed event,
     * is an {@link UpstreamStreamException}.
     */
    List<StreamEvent> onEvent(SseEvent event);

    /** The upstream said no more events will come ({@code [DONE]}, {@code response.completed}, …). */
    boolean done();

    /** The upstream said how the answer ended; a stream that stops before that was cut off. */
    boolean answered();

    /**
     * The translator ended the answer before the upstream did (a stop sequence the proxy found in the text): the
     * upstream call is to be cut, not drained.
     */
    default boolean cutShort() {
        return false;
    }

    /** Closes what is open and ends the message: {@code message_delta}, {@code message_stop}. */
    List<StreamEvent> finish();

    /** The one {@code error} event a broken stream ends with. */
    default List<StreamEvent> fail(AnthropicErrorType type, String message) {
        return List.of(StreamEvent.error(type.wireName(), message));
    }
}
