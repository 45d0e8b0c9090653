package dev.ccproxy.streaming;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.openai.chat.ChatCompletionChunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * Pumps an upstream Chat Completions SSE stream through a translator into a sink, event by event, as the chunks
 * arrive. Once the stream has begun, every failure (an error chunk, a malformed chunk, a reset, an idle timeout, a
 * stream cut off before the answer ended) becomes one Anthropic {@code error} event, and the stream ends there.
 */
public final class ChatCompletionsStreamRelay {

    private static final Logger LOG = LoggerFactory.getLogger(ChatCompletionsStreamRelay.class);
    private static final String DONE = "[DONE]";

    private ChatCompletionsStreamRelay() {
    }

    /** How the relay ended, for the log line. */
    public enum Outcome { COMPLETED, FAILED, CLIENT_GONE }

    public static Outcome relay(SseReader upstream, ChatCompletionsStreamTranslator translator, EventSink client) {
        try {
            client.send(translator.start());
            boolean done = false;
            SseReader.Event event;
            while ((event = upstream.next()) != null) {
                if (DONE.equals(event.data().trim())) {
                    done = true;
                    break;
                }
                if (event.data().isBlank()) {
                    continue;
                }
                if ("error".equals(event.name())) {
                    throw UpstreamStreamException.fromErrorChunk(
                            ProxyJson.mapper().readTree(event.data()).path("error"));
                }
                client.send(translator.onChunk(parse(event.data())));
            }
            if (!done && !translator.answered()) {
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

    private static ChatCompletionChunk parse(String data) {
        try {
            return ProxyJson.mapper().readValue(data, ChatCompletionChunk.class);
        } catch (JsonProcessingException e) {
            throw new UpstreamStreamException(AnthropicErrorType.API,
                    "The upstream sent a malformed stream chunk");
        }
    }

    private static Outcome fail(ChatCompletionsStreamTranslator translator, EventSink client, AnthropicErrorType type,
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
