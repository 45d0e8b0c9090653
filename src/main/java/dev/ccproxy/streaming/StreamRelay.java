package dev.ccproxy.streaming;

import dev.ccproxy.error.AnthropicErrorType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * Pumps an upstream SSE stream through a translator into a sink, event by event, as the events arrive. Once the
 * stream has begun, every failure (an error event, a malformed event, a reset, an idle timeout, a stream cut off
 * before the answer ended) becomes one Anthropic {@code error} event, and the stream ends there.
 */
public final class StreamRelay {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRelay.class);

    private StreamRelay() {
    }

    /** How the relay ended, for the log line. */
    public enum Outcome { COMPLETED, FAILED, CLIENT_GONE }

    public static Outcome relay(SseReader upstream, UpstreamStreamTranslator translator, EventSink client) {
        try {
            client.send(translator.start());
            SseReader.Event event;
            while (!translator.done() && (event = upstream.next()) != null) {
                if (!event.data().isBlank()) {
                    client.send(translator.onEvent(event));
                }
            }
            if (!translator.done() && !translator.answered()) {
                throw new UpstreamStreamException(AnthropicErrorType.API,
                        "The upstream stream ended before the answer was complete");
            }
            client.send(translator.finish());
            return Outcome.COMPLETED;
        } catch (EventSink.ClientGoneException e) {
            return Outcome.CLIENT_GONE;
        } catch (UpstreamStreamException e) {
            return fail(translator, client, e.type(), e.getMessage());
        } catch (IOException e) {
            if (client.clientGone()) {
                // the client left and its departure cancelled the upstream call: nothing broke
                return Outcome.CLIENT_GONE;
            }
            if (e instanceof SocketTimeoutException) {
                return fail(translator, client, AnthropicErrorType.TIMEOUT, "The upstream stopped sending in the "
                        + "middle of the answer (idle timeout)");
            }
            return fail(translator, client, AnthropicErrorType.API, "The upstream stream broke off: "
                    + (e.getMessage() == null ? "connection error" : e.getMessage()));
        }
    }

    private static Outcome fail(UpstreamStreamTranslator translator, EventSink client, AnthropicErrorType type,
            String message) {
        LOG.warn("Stream failed after it began: {}", message);
        try {
            client.send(translator.fail(type, message));
        } catch (EventSink.ClientGoneException gone) {
            return Outcome.CLIENT_GONE;
        }
        return Outcome.FAILED;
    }
}
