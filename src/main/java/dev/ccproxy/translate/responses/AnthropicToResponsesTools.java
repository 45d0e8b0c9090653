package dev.ccproxy.translate.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccproxy.anthropic.Tool;
import dev.ccproxy.anthropic.ToolChoice;
import dev.ccproxy.config.ModelProfile.SchemaDialect;
import dev.ccproxy.error.InvalidRequestException;
import dev.ccproxy.openai.responses.ResponsesTool;
import dev.ccproxy.translate.common.ChosenTool;
import dev.ccproxy.translate.common.LoadedTools;
import dev.ccproxy.translate.common.ToolNames;
import dev.ccproxy.translate.common.ToolParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Tools for the Responses API: custom tools as flat functions ({@code strict: false}), Anthropic's web search as
 * OpenAI's {@code web_search} with its settings carried over where OpenAI has them:
 * {@code allowed_domains} → {@code filters.allowed_domains}, {@code user_location} → {@code user_location}
 * (approximate), {@code max_uses} → the request's {@code max_tool_calls}. {@code blocked_domains} has no OpenAI
 * equivalent: the search runs without it, and the answer's results and citations from those domains are left out
 * ({@code SearchDomains}).
 */
final class AnthropicToResponsesTools {

    private static final Logger LOG = LoggerFactory.getLogger(AnthropicToResponsesTools.class);

    private AnthropicToResponsesTools() {
    }

    /** @param loaded the declared tools the model is shown ({@link LoadedTools}); the others are skipped */
    static List<ResponsesTool> tools(List<Tool> declared, List<Tool> loaded, ToolNames names,
            SchemaDialect dialect) {
        List<ResponsesTool> mapped = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            Tool tool = declared.get(i);
            if (!loaded.contains(tool)) {
                continue;
            }
            if (tool.webSearch()) {
                mapped.add(webSearch(tool));
            } else if (tool.custom()) {
                mapped.add(ResponsesTool.function(names.upstream(tool.name()), tool.description(),
                        ToolParameters.of(tool, dialect)));
            } else {
                throw new InvalidRequestException("tools[" + i + "]: tool type \"" + tool.type()
                        + "\" is an Anthropic server tool this proxy cannot run on an OpenAI-compatible upstream");
            }
        }
        return mapped;
    }

    /** The smallest {@code max_uses} of the web-search tools, or null when none sets one. */
    static Integer maxToolCalls(List<Tool> tools) {
        return tools.stream().filter(Tool::webSearch).map(Tool::maxUses).filter(uses -> uses != null)
                .min(Integer::compare).orElse(null);
    }

    /** auto → "auto", any → "required", none → "none", a function by name, and web search → only web search. */
    static JsonNode toolChoice(ToolChoice choice, List<Tool> tools, ToolNames names) {
        return ChosenTool.openAiChoice(choice, tools, tool -> named(tool, names));
    }

    private static JsonNode named(Tool chosen, ToolNames names) {
        if (chosen.webSearch()) {
            // tool_choice cannot name web_search directly (only the older web_search_preview); an allowed-tools
            // choice limited to it, in required mode, forces the search all the same
            ObjectNode allowed = JsonNodeFactory.instance.objectNode();
            allowed.put("type", "allowed_tools");
            allowed.put("mode", "required");
            allowed.putArray("tools").addObject().put("type", "web_search");
            return allowed;
        }
        ObjectNode function = JsonNodeFactory.instance.objectNode();
        function.put("type", "function");
        function.put("name", names.upstream(chosen.name()));
        return function;
    }

    private static ResponsesTool.WebSearch webSearch(Tool tool) {
        if (tool.blockedDomains() != null && !tool.blockedDomains().isEmpty()) {
            LOG.debug("web_search blocked_domains {} has no OpenAI equivalent: results and citations from them are "
                    + "left out of the answer",
                    tool.blockedDomains());
        }
        ResponsesTool.WebSearch.Filters filters = tool.allowedDomains() == null || tool.allowedDomains().isEmpty()
                ? null : new ResponsesTool.WebSearch.Filters(List.copyOf(tool.allowedDomains()));
        Tool.UserLocation location = tool.userLocation();
        ResponsesTool.WebSearch.UserLocation userLocation = location == null ? null
                : new ResponsesTool.WebSearch.UserLocation("approximate", location.city(), location.region(),
                        location.country(), location.timezone());
        return new ResponsesTool.WebSearch("web_search", filters, userLocation);
    }
}
