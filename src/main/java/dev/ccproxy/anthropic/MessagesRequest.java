package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.List;

/**
 * {@code POST /v1/messages}. Fields the proxy has no use for ({@code context_management}, {@code safeguards},
 * {@code container}, …) are ignored rather than rejected: Claude Code adds new ones often.
 *
 * @param system   a string or text blocks
 * @param thinking {@code {"type":"enabled","budget_tokens":n}}, {@code adaptive} or {@code disabled}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessagesRequest(
        String model,
        List<Message> messages,
        @JsonDeserialize(using = ContentDeserializer.class) List<ContentBlock> system,
        Integer maxTokens,
        Boolean stream,
        Double temperature,
        Double topP,
        Integer topK,
        List<String> stopSequences,
        List<Tool> tools,
        ToolChoice toolChoice,
        Metadata metadata,
        JsonNode thinking,
        JsonNode outputConfig,
        JsonNode outputFormat,
        JsonNode contextManagement) {

    /** The same request with another history (context edits). */
    public MessagesRequest withMessages(List<Message> edited) {
        return new MessagesRequest(model, edited, system, maxTokens, stream, temperature, topP, topK, stopSequences,
                tools, toolChoice, metadata, thinking, outputConfig, outputFormat, contextManagement);
    }

    /** The same request for another model and bound, without the context management the proxy applies itself. */
    public MessagesRequest forUpstream(String upstreamModel, int upstreamMaxTokens) {
        return new MessagesRequest(upstreamModel, messages, system, upstreamMaxTokens, stream, temperature, topP, topK,
                stopSequences, tools, toolChoice, metadata, thinking, outputConfig, outputFormat, null);
    }

    public boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }

    public boolean hasTools() {
        return tools != null && !tools.isEmpty();
    }

    /** The Responses branch serves requests that carry Anthropic's web-search server tool. */
    public boolean wantsWebSearch() {
        return hasTools() && tools.stream().anyMatch(tool -> tool != null && tool.webSearch());
    }
}
