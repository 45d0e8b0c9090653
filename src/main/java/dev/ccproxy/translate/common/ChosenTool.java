package dev.ccproxy.translate.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ccproxy.anthropic.Tool;
import dev.ccproxy.anthropic.ToolChoice;
import dev.ccproxy.error.InvalidRequestException;

import java.util.List;
import java.util.function.Function;

/**
 * A request's {@code tool_choice}, checked against its tools, before it takes either upstream API's form: its kind
 * ({@code auto}, {@code any}, {@code none}, {@code tool}) and, for {@code tool}, the tool named.
 */
public record ChosenTool(String kind, Tool tool) {

    static final String AUTO = "auto";
    static final String ANY = "any";
    static final String NONE = "none";
    static final String NAMED = "tool";

    /** Null when the request leaves the choice to the upstream. */
    public static ChosenTool of(ToolChoice choice, List<Tool> tools) {
        if (choice == null || choice.type() == null) {
            return null;
        }
        switch (choice.type()) {
            case AUTO, ANY, NONE -> {
                return new ChosenTool(choice.type(), null);
            }
            case NAMED -> {
                Tool named = tools.stream().filter(tool -> tool.name() != null && tool.name().equals(choice.name()))
                        .findFirst()
                        .orElseThrow(() -> new InvalidRequestException("tool_choice.name: \"" + choice.name()
                                + "\" is not one of the tools in this request"));
                return new ChosenTool(NAMED, named);
            }
            default -> throw new InvalidRequestException("tool_choice.type: expected auto, any, tool or none, got \""
                    + choice.type() + "\"");
        }
    }

    /**
     * The {@code tool_choice} both OpenAI APIs take, or null when nothing needs to be sent: {@code any} →
     * "required", {@code auto} and {@code none} as they are, a named tool in the API's own form ({@code named}).
     */
    public static JsonNode openAiChoice(ToolChoice choice, List<Tool> tools, Function<Tool, JsonNode> named) {
        ChosenTool chosen = of(choice, tools);
        if (chosen == null) {
            return null;
        }
        return switch (chosen.kind()) {
            case ANY -> TextNode.valueOf("required");
            case NAMED -> named.apply(chosen.tool());
            default -> TextNode.valueOf(chosen.kind());
        };
    }
}
