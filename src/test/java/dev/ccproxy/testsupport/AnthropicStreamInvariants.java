package dev.ccproxy.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.json.ProxyJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules every Anthropic stream this proxy writes must keep, checked on the wire form (event name + JSON data), so
 * it serves translator tests, route tests and the end-to-end test alike:
 * <ul>
 *   <li>{@code message_start} first (only {@code ping} may also come anywhere after it), exactly once;</li>
 *   <li>the event name equals the data's {@code type};</li>
 *   <li>blocks start with indexes 0, 1, 2, … one at a time; deltas and stops only for the open block; every start
 *       has a stop;</li>
 *   <li>a delta's type matches its block: text/citations → text, input_json → tool_use/server_tool_use, thinking and
 *       signature → thinking; a tool block starts with {@code input: {}} and its deltas join into a JSON object;</li>
 *   <li>{@code message_delta} (with a spec stop reason and {@code usage.output_tokens}) after the last block, then
 *       {@code message_stop}, then nothing; or an {@code error} event, then nothing.</li>
 * </ul>
 */
public final class AnthropicStreamInvariants {

    /** One event as it went over the wire. */
    public record WireEvent(String name, JsonNode data) {

        public static WireEvent of(String name, String json) {
            try {
                return new WireEvent(name, ProxyJson.mapper().readTree(json));
            } catch (IOException e) {
                throw new AssertionError("event " + name + " carries invalid JSON: " + json, e);
            }
        }
    }

    private static final Set<String> STOP_REASONS = Set.of("end_turn", "max_tokens", "stop_sequence", "tool_use",
            "pause_turn", "refusal", "model_context_window_exceeded");
    private static final Set<String> ERROR_TYPES = Set.of("invalid_request_error", "authentication_error",
            "permission_error", "not_found_error", "rate_limit_error", "timeout_error", "overloaded_error", "api_error",
            "billing_error");
    private static final Map<String, Set<String>> DELTAS_BY_BLOCK = Map.of(
            "text", Set.of("text_delta", "citations_delta"),
            "thinking", Set.of("thinking_delta", "signature_delta"),
            "tool_use", Set.of("input_json_delta"),
            "server_tool_use", Set.of("input_json_delta"));

    private AnthropicStreamInvariants() {
    }

    public static void assertValid(List<WireEvent> events) {
        assertThat(violations(events)).as("Anthropic stream rules broken in:%n%s", describe(events)).isEmpty();
    }

    public static List<String> violations(List<WireEvent> events) {
        List<String> problems = new ArrayList<>();
        boolean started = false;
        boolean messageDelta = false;
        boolean terminated = false;
        int nextIndex = 0;
        int openIndex = -1;
        String openType = null;
        StringBuilder toolInput = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            WireEvent event = events.get(i);
            String at = "event " + i + " (" + event.name() + ")";
            String type = event.data().path("type").asText();
            if (!type.equals(event.name())) {
                problems.add(at + ": data type is " + type);
            }
            if (terminated) {
                problems.add(at + ": comes after the stream ended");
                continue;
            }
            if (!started && !event.name().equals("message_start") && !event.name().equals("error")) {
                problems.add(at + ": before message_start");
            }
            switch (event.name()) {
                case "message_start" -> {
                    if (started) {
                        problems.add(at + ": a second message_start");
                    }
                    started = true;
                    JsonNode message = event.data().path("message");
                    if (!message.path("content").isArray() || !message.path("content").isEmpty()) {
                        problems.add(at + ": message_start content must be []");
                    }
                    if (!message.path("usage").path("input_tokens").isInt()) {
                        problems.add(at + ": message_start usage.input_tokens missing");
                    }
                }
                case "ping" -> {
                    // allowed anywhere after message_start
                }
                case "content_block_start" -> {
                    int index = event.data().path("index").asInt(-1);
                    if (openIndex >= 0) {
                        problems.add(at + ": block " + index + " starts while block " + openIndex + " is open");
                    }
                    if (index != nextIndex) {
                        problems.add(at + ": block index " + index + ", expected " + nextIndex);
                    }
                    if (messageDelta) {
                        problems.add(at + ": block starts after message_delta");
                    }
                    openIndex = index;
                    nextIndex = index + 1;
                    openType = event.data().path("content_block").path("type").asText();
                    toolInput.setLength(0);
                    if (openType.equals("tool_use") || openType.equals("server_tool_use")) {
                        JsonNode input = event.data().path("content_block").path("input");
                        if (!input.isObject() || !input.isEmpty()) {
                            problems.add(at + ": tool block must start with input {} (input arrives as deltas)");
                        }
                    }
                }
                case "content_block_delta" -> {
                    int index = event.data().path("index").asInt(-1);
                    String deltaType = event.data().path("delta").path("type").asText();
                    if (index != openIndex) {
                        problems.add(at + ": delta for block " + index + " while the open block is " + openIndex);
                    } else if (!DELTAS_BY_BLOCK.getOrDefault(openType, Set.of()).contains(deltaType)) {
                        problems.add(at + ": " + deltaType + " in a " + openType + " block");
                    }
                    if (deltaType.equals("input_json_delta")) {
                        toolInput.append(event.data().path("delta").path("partial_json").asText());
                    }
                }
                case "content_block_stop" -> {
                    int index = event.data().path("index").asInt(-1);
                    if (index != openIndex) {
                        problems.add(at + ": stop for block " + index + " while the open block is " + openIndex);
                    }
                    if ("tool_use".equals(openType) || "server_tool_use".equals(openType)) {
                        checkToolInput(at, toolInput.toString(), problems);
                    }
                    openIndex = -1;
                    openType = null;
                }
                case "message_delta" -> {
                    if (openIndex >= 0) {
                        problems.add(at + ": message_delta while block " + openIndex + " is open");
                    }
                    if (messageDelta) {
                        problems.add(at + ": a second message_delta");
                    }
                    messageDelta = true;
                    String stopReason = event.data().path("delta").path("stop_reason").asText();
                    if (!STOP_REASONS.contains(stopReason)) {
                        problems.add(at + ": stop_reason " + stopReason + " is not one of Anthropic's");
                    }
                    if (!event.data().path("usage").path("output_tokens").isInt()) {
                        problems.add(at + ": usage.output_tokens missing");
                    }
                }
                case "message_stop" -> {
                    if (!messageDelta) {
                        problems.add(at + ": message_stop without message_delta");
                    }
                    terminated = true;
                }
                case "error" -> {
                    String errorType = event.data().path("error").path("type").asText();
                    if (!ERROR_TYPES.contains(errorType)) {
                        problems.add(at + ": error type " + errorType + " is not one of Anthropic's");
                    }
                    if (event.data().path("error").path("message").asText().isEmpty()) {
                        problems.add(at + ": error without a message");
                    }
                    terminated = true;
                }
                default -> problems.add(at + ": not an Anthropic stream event");
            }
        }
        if (!terminated) {
            problems.add("the stream ends without message_stop or error");
        }
        return problems;
    }

    private static void checkToolInput(String at, String input, List<String> problems) {
        try {
            if (!ProxyJson.mapper().readTree(input.isEmpty() ? "{}" : input).isObject()) {
                problems.add(at + ": tool input is not a JSON object: " + input);
            }
        } catch (IOException e) {
            problems.add(at + ": tool input is not valid JSON: " + input);
        }
    }

    private static String describe(List<WireEvent> events) {
        StringBuilder text = new StringBuilder();
        for (WireEvent event : events) {
            text.append(event.name()).append(' ').append(event.data()).append('\n');
        }
        return text.toString();
    }

    /** Splits raw SSE text (as a client receives it) into events. */
    public static List<WireEvent> parse(String sse) {
        List<WireEvent> events = new ArrayList<>();
        for (String block : sse.split("\n\n")) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            if (name != null || !data.isEmpty()) {
                events.add(WireEvent.of(name, data.toString()));
            }
        }
        return events;
    }
}
