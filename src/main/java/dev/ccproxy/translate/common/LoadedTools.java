package dev.ccproxy.translate.common;

import dev.ccproxy.anthropic.ContentBlock;
import dev.ccproxy.anthropic.Message;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.Tool;
import dev.ccproxy.anthropic.ToolReferenceBlock;
import dev.ccproxy.anthropic.ToolResultBlock;
import dev.ccproxy.anthropic.ToolUseBlock;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tools the upstream model is shown: Anthropic's tool search, done by the proxy.
 *
 * <p>With tool search a client declares tools with {@code defer_loading: true}; they stay out of the model's context
 * until a {@code tool_reference} block loads them. Claude Code runs the search itself: its {@code ToolSearch} tool
 * answers {@code select:CronList} with a tool result holding {@code {"type":"tool_reference","tool_name":"CronList"}},
 * and from then on declares {@code CronList} with {@code defer_loading}. It also always declares
 * {@code DeferredToolPlaceholder}, deferred and never referenced. OpenAI-compatible models know none of this, so a
 * deferred tool is sent upstream only once it is loaded: referenced by a {@code tool_reference} anywhere in the
 * history, already called in it, or named by {@code tool_choice}. The placeholder is therefore never sent.
 *
 * <p>Anthropic's own tool-search server tools ({@code tool_search_tool_regex_…}, {@code _bm25_…}) have no upstream
 * equivalent: without one the model could not reach the deferred tools at all, so they are all sent and the search
 * tool is left out.
 */
public final class LoadedTools {

    private LoadedTools() {
    }

    /** The request's tools as the upstream sees them, in their declared order; empty when none is loaded. */
    public static List<Tool> of(MessagesRequest request) {
        if (!request.hasTools()) {
            return List.of();
        }
        List<Tool> tools = request.tools();
        boolean serverSearch = tools.stream().anyMatch(Tool::toolSearch);
        boolean anyDeferred = tools.stream().anyMatch(Tool::deferred);
        if (!serverSearch && !anyDeferred) {
            return tools;
        }
        Set<String> loaded = serverSearch ? Set.of() : loadedNames(request);
        List<Tool> shown = new ArrayList<>(tools.size());
        for (Tool tool : tools) {
            if (tool.toolSearch()) {
                continue;
            }
            if (!tool.deferred() || serverSearch || loaded.contains(tool.name())) {
                shown.add(tool);
            }
        }
        return shown;
    }

    /** Names loaded by the history or by the request's {@code tool_choice}. */
    private static Set<String> loadedNames(MessagesRequest request) {
        Set<String> names = new HashSet<>();
        if (request.toolChoice() != null && request.toolChoice().name() != null) {
            names.add(request.toolChoice().name());
        }
        for (Message message : request.messages()) {
            collect(message.content(), names);
        }
        return names;
    }

    private static void collect(List<ContentBlock> blocks, Set<String> names) {
        if (blocks == null) {
            return;
        }
        for (ContentBlock block : blocks) {
            if (block instanceof ToolReferenceBlock reference && reference.toolName() != null) {
                names.add(reference.toolName());
            } else if (block instanceof ToolUseBlock call && call.name() != null) {
                names.add(call.name());
            } else if (block instanceof ToolResultBlock result) {
                collect(result.content(), names);
            }
        }
    }
}
