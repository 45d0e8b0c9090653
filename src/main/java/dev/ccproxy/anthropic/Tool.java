package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool declaration: a custom tool ({@code type} absent or {@code "custom"}) with a JSON schema, or a server tool
 * such as {@code web_search_20250305}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Tool(String type, String name, String description, JsonNode inputSchema) {

    public boolean custom() {
        return type == null || type.equals("custom");
    }

    /** Anthropic's web-search server tool, in any of its versions. */
    public boolean webSearch() {
        return (type != null && type.startsWith("web_search_"))
                || ("web_search".equals(name) && inputSchema == null && (type == null || !type.equals("custom")));
    }
}
