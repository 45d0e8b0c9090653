package dev.ccproxy.openai.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** A function tool: {@code {"type":"function","function":{"name","description","parameters"}}}. */
public record ChatTool(String type, FunctionDefinition function) {

    public static ChatTool function(String name, String description, JsonNode parameters) {
        return new ChatTool("function", new FunctionDefinition(name, description, parameters));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionDefinition(String name, String description, JsonNode parameters) {
    }
}
