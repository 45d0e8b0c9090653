package dev.ccproxy.translate.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccproxy.anthropic.Tool;
import dev.ccproxy.config.ModelProfile.SchemaDialect;

/** A custom tool's {@code input_schema} as both OpenAI APIs take a function's {@code parameters}. */
public final class ToolParameters {

    private ToolParameters() {
    }

    /**
     * The tool's schema, rewritten for a strict provider; a tool without a schema takes no arguments, but OpenAI still
     * wants an object schema.
     */
    public static JsonNode of(Tool tool, SchemaDialect dialect) {
        if (tool.inputSchema() != null && tool.inputSchema().isObject()) {
            return dialect == SchemaDialect.STRICT ? StrictToolSchema.of(tool.inputSchema()) : tool.inputSchema();
        }
        ObjectNode empty = JsonNodeFactory.instance.objectNode();
        empty.put("type", "object");
        empty.putObject("properties");
        return empty;
    }
}
