package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Who called a tool: Anthropic's API marks every {@code tool_use}, {@code server_tool_use} and
 * {@code web_search_tool_result} block with it (the official SDKs require it on the server tool blocks). Calls this
 * proxy returns are always the model's own: {@code {"type": "direct"}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Caller(String type, String toolId) {

    public static final Caller DIRECT = new Caller("direct", null);
}
