package dev.ccproxy.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The model map: configured rules first ({@code proxy.models.map[N]}), then upstream names that pass through, then
 * the seed's families (haiku → small, sonnet → middle, opus → big) and big for everything else.
 *
 * @param big         for opus and every name that matches nothing else
 * @param middle      for sonnet
 * @param small       for haiku
 * @param rules       exact names and patterns, tried in order before anything else
 * @param passthrough names that already are upstream model names (sent to the default provider unchanged)
 * @param webSearch   where requests with the web-search tool go, when not to the requested model's target (a
 *                    provider without the Responses API cannot search); null: the requested model's target
 * @param listed      Claude model names offered on {@code GET /v1/models} besides the map's exact names (the map
 *                    decides where each goes; the list only says which ones clients are shown)
 */
public record ModelSettings(ModelChoice big, ModelChoice middle, ModelChoice small, List<ModelRule> rules,
        Pattern passthrough, ModelChoice webSearch, List<String> listed) {

    public ModelSettings {
        rules = List.copyOf(rules);
        listed = List.copyOf(listed);
    }
}
