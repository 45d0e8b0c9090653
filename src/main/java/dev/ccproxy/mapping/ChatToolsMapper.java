package dev.ccproxy.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ccproxy.anthropic.Tool;
import dev.ccproxy.anthropic.ToolChoice;
import dev.ccproxy.error.InvalidRequestException;
import dev.ccproxy.openai.chat.ChatTool;

import java.util.ArrayList;
import java.util.List;

/**
 * Custom tools → functions, and {@code tool_choice} → its OpenAI form: {@code auto} → "auto", {@code any} →
 * "required", {@code tool} → the named function, {@code none} → "none".
 */
final class ChatToolsMapper {

    private ChatToolsMapper() {
    }

    static List<ChatTool> tools(List<Tool> tools, ToolNames names) {
        List<ChatTool> functions = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            Tool tool = tools.get(i);
            if (!tool.custom()) {
                throw new InvalidRequestException("tools[" + i + "]: tool type \"" + tool.type()
                        + "\" is an Anthropic server tool this proxy cannot run on an OpenAI-compatible upstream");
            }
            functions.add(ChatTool.function(names.upstream(tool.name()), tool.description(), parameters(tool)));
        }
        return functions;
    }

    /** The OpenAI form of the choice, or null when nothing needs to be sent. */
    static JsonNode toolChoice(ToolChoice choice, List<Tool> tools, ToolNames names) {
        if (choice == null || choice.type() == null) {
            return null;
        }
        return switch (choice.type()) {
            case "auto" -> TextNode.valueOf("auto");
            case "any" -> TextNode.valueOf("required");
            case "none" -> TextNode.valueOf("none");
            case "tool" -> namedFunction(choice, tools, names);
            default -> throw new InvalidRequestException("tool_choice.type: expected auto, any, tool or none, got \""
                    + choice.type() + "\"");
        };
    }

    private static JsonNode namedFunction(ToolChoice choice, List<Tool> tools, ToolNames names) {
        if (choice.name() == null || tools.stream().noneMatch(tool -> choice.name().equals(tool.name()))) {
            throw new InvalidRequestException("tool_choice.name: \"" + choice.name()
                    + "\" is not one of the tools in this request");
        }
        ObjectNode function = JsonNodeFactory.instance.objectNode();
        function.put("type", "function");
        function.putObject("function").put("name", names.upstream(choice.name()));
        return function;
    }

    /** A tool without a schema takes no arguments; OpenAI still wants an object schema. */
    private static JsonNode parameters(Tool tool) {
        if (tool.inputSchema() != null && tool.inputSchema().isObject()) {
            return tool.inputSchema();
        }
        ObjectNode empty = JsonNodeFactory.instance.objectNode();
        empty.put("type", "object");
        empty.putObject("properties");
        return empty;
    }
}
