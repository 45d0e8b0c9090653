package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A tool declaration: a custom tool ({@code type} absent or {@code "custom"}) with a JSON schema, or a server tool
 * such as {@code web_search_20250305} with its own settings ({@code max_uses}, domains, user location).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Tool(
        String type,
        String name,
        String description,
        JsonNode inputSchema,
        Integer maxUses,
        List<String> allowedDomains,
        List<String> blockedDomains,
        UserLocation userLocation,
        Boolean deferLoading) {

    public boolean custom() {
        return type == null || type.equals("custom");
    }

    /** Anthropic's web-search server tool, in any of its versions. */
    public boolean webSearch() {
        return (type != null && type.startsWith("web_search_"))
                || ("web_search".equals(name) && inputSchema == null && (type == null || !type.equals("custom")));
    }

    /** Declared for tool search: kept out of the model's context until a {@code tool_reference} loads it. */
    public boolean deferred() {
        return Boolean.TRUE.equals(deferLoading);
    }

    /** Anthropic's own tool-search server tool ({@code tool_search_tool_regex_…}, {@code tool_search_tool_bm25_…}). */
    public boolean toolSearch() {
        return type != null && type.startsWith("tool_search_tool_");
    }

    /** Where searches should look from: {@code {"type":"approximate","city",…}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UserLocation(String type, String city, String region, String country, String timezone) {
    }
}
