package dev.ccproxy.translate.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccproxy.anthropic.Tool;
import dev.ccproxy.anthropic.ToolChoice;
import dev.ccproxy.config.ModelProfile.SchemaDialect;
import dev.ccproxy.error.InvalidRequestException;
import dev.ccproxy.openai.chat.ChatTool;
import dev.ccproxy.translate.common.ChosenTool;
import dev.ccproxy.translate.common.LoadedTools;
import dev.ccproxy.translate.common.ToolNames;
import dev.ccproxy.translate.common.ToolParameters;

import java.util.ArrayList;
import java.util.List;

/**
 * Custom tools → functions, and {@code tool_choice} → its OpenAI form: {@code auto} → "auto", {@code any} →
 * "required", {@code tool} → the named function, {@code none} → "none".
 */
final class AnthropicToChatTools {

    private AnthropicToChatTools() {
    }

    /** @param loaded the declared tools the model is shown ({@link LoadedTools}); the others are skipped */
    static List<ChatTool> tools(List<Tool> declared, List<Tool> loaded, ToolNames names, SchemaDialect dialect) {
        List<ChatTool> functions = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            Tool tool = declared.get(i);
            if (!loaded.contains(tool)) {
                continue;
            }
            if (!tool.custom()) {
                throw new InvalidRequestException("tools[" + i + "]: tool type \"" + tool.type()
                        + "\" is an Anthropic server tool this proxy cannot run on an OpenAI-compatible upstream");
            }
            functions.add(ChatTool.function(names.upstream(tool.name()), tool.description(),
                    ToolParameters.of(tool, dialect)));
        }
        return functions;
    }

    /** The OpenAI form of the choice, or null when nothing needs to be sent. */
    static JsonNode toolChoice(ToolChoice choice, List<Tool> tools, ToolNames names) {
        return ChosenTool.openAiChoice(choice, tools, tool -> {
            ObjectNode function = JsonNodeFactory.instance.objectNode();
            function.put("type", "function");
            function.putObject("function").put("name", names.upstream(tool.name()));
            return function;
        });
    }
}
