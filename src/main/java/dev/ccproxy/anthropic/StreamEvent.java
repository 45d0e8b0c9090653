package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of Anthropic's streaming contract. Each is written as {@code event: <type>} plus {@code data: <json>},
 * where the JSON carries the same {@code type}. Order and pairing rules are the translators' business; these are the
 * shapes only.
 */
public sealed interface StreamEvent {

    String type();

    /** An event of an Anthropic-speaking upstream, relayed as it came (its JSON carries its type). */
    static Relayed relayed(JsonNode data) {
        return new Relayed(data);
    }

    static MessageStart messageStart(MessagesResponse message) {
        return new MessageStart("message_start", message);
    }

    static ContentBlockStart blockStart(int index, ContentBlock block) {
        return new ContentBlockStart("content_block_start", index, block);
    }

    static ContentBlockDelta delta(int index, Delta delta) {
        return new ContentBlockDelta("content_block_delta", index, delta);
    }

    static ContentBlockStop blockStop(int index) {
        return new ContentBlockStop("content_block_stop", index);
    }

    static MessageDelta messageDelta(String stopReason, String stopSequence, Usage usage) {
        return messageDelta(stopReason, stopSequence, usage, null);
    }

    /** With {@code context_management}: the context edits the proxy applied to the request. */
    static MessageDelta messageDelta(String stopReason, String stopSequence, Usage usage, JsonNode contextManagement) {
        return new MessageDelta("message_delta", new MessageDelta.Body(stopReason, stopSequence), usage,
                contextManagement);
    }

    static MessageStop messageStop() {
        return new MessageStop("message_stop");
    }

    static Ping ping() {
        return new Ping("ping");
    }

    static Error error(String errorType, String message) {
        return new Error("error", new ErrorResponse.Detail(errorType, message));
    }

    record MessageStart(String type, MessagesResponse message) implements StreamEvent {
    }

    record ContentBlockStart(String type, int index, ContentBlock contentBlock) implements StreamEvent {
    }

    record ContentBlockDelta(String type, int index, Delta delta) implements StreamEvent {
    }

    record ContentBlockStop(String type, int index) implements StreamEvent {
    }

    record MessageDelta(String type, Body delta, Usage usage, JsonNode contextManagement) implements StreamEvent {
        public record Body(@JsonInclude(JsonInclude.Include.ALWAYS) String stopReason,
                @JsonInclude(JsonInclude.Include.ALWAYS) String stopSequence) {
        }
    }

    record MessageStop(String type) implements StreamEvent {
    }

    record Relayed(@JsonValue JsonNode data) implements StreamEvent {

        @Override
        public String type() {
            return data.path("type").asText("");
        }
    }

    record Ping(String type) implements StreamEvent {
    }

    record Error(String type, ErrorResponse.Detail error) implements StreamEvent {
    }

    /** What a {@code content_block_delta} carries; its type must match the block it extends. */
    sealed interface Delta {

        static Delta text(String text) {
            return new TextDelta("text_delta", text);
        }

        static Delta inputJson(String partialJson) {
            return new InputJsonDelta("input_json_delta", partialJson);
        }

        static Delta thinking(String thinking) {
            return new ThinkingDelta("thinking_delta", thinking);
        }

        static Delta citation(JsonNode citation) {
            return new CitationsDelta("citations_delta", citation);
        }

        static Delta signature(String signature) {
            return new SignatureDelta("signature_delta", signature);
        }

        record TextDelta(String type, String text) implements Delta {
        }

        record InputJsonDelta(String type, String partialJson) implements Delta {
        }

        record ThinkingDelta(String type, String thinking) implements Delta {
        }

        record CitationsDelta(String type, JsonNode citation) implements Delta {
        }

        record SignatureDelta(String type, String signature) implements Delta {
        }
    }
}
