package dev.ccproxy.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.anthropic.StreamEvent;
import dev.ccproxy.anthropic.Usage;
import dev.ccproxy.observe.RequestRecord;

import java.util.List;

/**
 * The token counts an answer gave its client, for the access line and the metrics: a whole answer's usage, or a
 * stream's, {@code message_start}'s (the input as estimated or as the upstream counted it) then {@code message_delta}'s
 * (the final counts), whether the proxy translated the events or relayed an Anthropic-speaking upstream's as they
 * came. Anthropic's usage either way: as the proxy's record ({@link Usage}) or as JSON passed through.
 */
public final class UsageCounts {

    private boolean reported;
    private long input;
    private long output;
    private long cacheRead;
    private long cacheCreation;

    void observe(List<StreamEvent> events) {
        for (StreamEvent event : events) {
            switch (event) {
                case StreamEvent.MessageStart start when start.message().usage() != null -> take(start.message().usage());
                case StreamEvent.MessageDelta delta when delta.usage() != null -> take(delta.usage());
                case StreamEvent.Relayed relayed -> observe(relayed.data());
                default -> {
                }
            }
        }
    }

    private void observe(JsonNode data) {
        String type = data.path("type").asText();
        if ("message_start".equals(type)) {
            take(data.path("message").path("usage"));
        } else if ("message_delta".equals(type)) {
            take(data.path("usage"));
        }
    }

    /** Anthropic's usage object as JSON (an Anthropic-speaking upstream's); anything but an object counts nothing. */
    public void take(JsonNode usage) {
        if (usage.isObject()) {
            take(usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong(),
                    usage.path("cache_read_input_tokens").asLong(), usage.path("cache_creation_input_tokens").asLong());
        }
    }

    public void take(Usage usage) {
        take(usage.inputTokens(), usage.outputTokens(), orZero(usage.cacheReadInputTokens()),
                orZero(usage.cacheCreationInputTokens()));
    }

    /** A later count replaces an earlier one; a zero does not (message_delta may leave the input out). */
    private void take(long in, long out, long read, long creation) {
        reported = true;
        input = in > 0 ? in : input;
        output = out > 0 ? out : output;
        cacheRead = read > 0 ? read : cacheRead;
        cacheCreation = creation > 0 ? creation : cacheCreation;
    }

    private static long orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** The counts, or null when the answer gave none at all. */
    public RequestRecord.Tokens tokens() {
        return reported ? new RequestRecord.Tokens(input, output, cacheRead, cacheCreation) : null;
    }
}
